import { combineLatest, map, of } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import type { LocalDoc } from '../../data/store.ts';
import type { Group } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { MyMeetings, useMyMeetings } from './MyMeetings.tsx';
import { lastKnownGroups, StartSessions } from './StartSessions.tsx';

/**
 * The start screen: per group, the next session one tap away, then upcoming and past ones
 * (drawn by StartSessions). Nothing on it moves once painted (no layout shift as the local
 * database answers): until every group's sessions and records have been read, it shows what
 * it showed last time (the data layer keeps it, `lastStart`), marked busy, and the live
 * screen then takes its place in the same layout; with nothing kept, only the first group's
 * frame is drawn (its heading, the next-session card at its reserved height, the buttons
 * under it), marked busy; then all of it at once, the lists growing below what was there.
 * The staff member's own one-to-one meetings come last, below every group's sessions, once
 * read: they name participants, which the last known screen never keeps.
 */
export function SessionList() {
  const { t } = useT();
  const { store, scopes$, lastStart } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const groups = useObservable<Group[] | undefined>(() => store.groups(), undefined, [store]);
  const sessions = useObservable<Map<string, LocalDoc<'session'>[]> | undefined>(
    () => (scopes.length ? combineLatest(scopes.map((scope) => store.sessionsOf(scope))) : of([])).pipe(map((lists) => new Map(scopes.map((scope, i) => [scope, lists[i]!])))),
    undefined,
    [store, scopes.join(' ')],
  );
  // Read from the start, with the sessions: shown only with the live screen, below it.
  const meetings = useMyMeetings(scopes);
  if (scopes.length === 0) return <p class="notice">{t('sessions.noGroups')}</p>;
  if (groups === undefined || sessions === undefined) {
    // Not read yet: the last known screen, or the first group's frame.
    return <StartSessions groups={lastKnownGroups(scopes, lastStart) ?? [{ scope: scopes[0]! }]} busy />;
  }
  return (
    <>
      <StartSessions groups={scopes.map((scope) => ({ scope, name: groups.find((g) => g.scope === scope)?.name, sessions: sessions.get(scope) }))} />
      <MyMeetings meetings={meetings} />
    </>
  );
}
