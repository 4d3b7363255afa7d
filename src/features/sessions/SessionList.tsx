import { useState } from 'preact/hooks';
import { combineLatest, map, of } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import type { LocalDoc } from '../../data/store.ts';
import { weekDates, type Group } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { SessionSummary } from '../../ui/SessionSummary.tsx';

/**
 * The start screen: per group, the next session one tap away, then upcoming and past ones.
 * Nothing on it moves once painted (no layout shift as the local database answers): until
 * every group's sessions and records have been read, only the first group's frame is drawn
 * (its heading, the next-session card at its reserved height, the buttons under it), marked
 * busy; then all of it at once, the lists growing below what was there.
 */
export function SessionList() {
  const { t } = useT();
  const { store, scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const groups = useObservable<Group[] | undefined>(() => store.groups(), undefined, [store]);
  const sessions = useObservable<Map<string, LocalDoc<'session'>[]> | undefined>(
    () => (scopes.length ? combineLatest(scopes.map((scope) => store.sessionsOf(scope))) : of([])).pipe(map((lists) => new Map(scopes.map((scope, i) => [scope, lists[i]!])))),
    undefined,
    [store, scopes.join(' ')],
  );
  if (scopes.length === 0) return <p class="notice">{t('sessions.noGroups')}</p>;
  const loaded = groups !== undefined && sessions !== undefined;
  return (
    <>
      <span hidden data-screen-title={t('nav.sessions')} />
      {/* A group added at a sync shows its own frame until its sessions have been read. */}
      {(loaded ? scopes : scopes.slice(0, 1)).map((scope) => (
        <GroupSessions key={scope} scope={scope} group={groups?.find((g) => g.scope === scope)} sessions={loaded ? sessions.get(scope) : undefined} />
      ))}
    </>
  );
}

/** One group; without `sessions`, the frame that holds their place while they are read. */
function GroupSessions({ scope, group, sessions }: { scope: string; group?: Group; sessions?: LocalDoc<'session'>[] }) {
  const { t } = useT();
  const today = todayIso();
  const all = sessions ?? [];
  const upcoming = all.filter((s) => s.date >= today);
  const past = all.filter((s) => s.date < today).reverse();
  const next = upcoming.find((s) => s.status !== 'cancelled');
  const headingId = `group-${scope}`;
  const [view, setView] = useState<'list' | 'week'>('list');

  return (
    <section class="group" aria-labelledby={headingId} aria-busy={sessions ? undefined : 'true'}>
      <h1 id={headingId}>{group?.name ?? t('nav.sessions')}</h1>
      {/* Always there, at the same height: whatever it holds, the buttons under it stay put. */}
      <div class="card next-session" data-testid={next ? 'next-session' : undefined}>
        <h2>{t('sessions.next')}</h2>
        {!sessions ? null : !group ? (
          <p>{t('sessions.waitingForData')}</p>
        ) : next ? (
          <>
            <SessionSummary session={next} />
            <a class="button" href={hrefOf({ name: 'session', scope, id: next.id })}>
              {t('session.open')}
            </a>
          </>
        ) : (
          <p>{all.length === 0 ? t('sessions.empty') : t('sessions.noNext')}</p>
        )}
      </div>
      <p class="actions">
        <a class="button secondary" href={hrefOf({ name: 'newSession', scope })}>
          {t('sessions.new')}
        </a>
        <a class="button secondary" href={hrefOf({ name: 'roster', scope })}>
          {t('nav.roster')}
        </a>
      </p>
      <div class="actions" role="group" aria-label={t('sessions.view')}>
        <button type="button" class="secondary" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          {t('sessions.listView')}
        </button>
        <button type="button" class="secondary" aria-pressed={view === 'week'} onClick={() => setView('week')}>
          {t('sessions.weekView')}
        </button>
      </div>
      {!sessions ? null : view === 'week' ? (
        <WeekView sessions={all} scope={scope} />
      ) : (
        <>
          {upcoming.length > 0 && <SessionGroup title={t('sessions.upcoming')} sessions={upcoming} scope={scope} />}
          {past.length > 0 && <SessionGroup title={t('sessions.past')} sessions={past} scope={scope} />}
        </>
      )}
    </section>
  );
}

/** Monday to Sunday, one week at a time, in the chosen language. */
function WeekView({ sessions, scope }: { sessions: LocalDoc<'session'>[]; scope: string }) {
  const { t, day } = useT();
  const [offset, setOffset] = useState(0);
  const days = weekDates(new Date(), offset);
  return (
    <section aria-label={t('sessions.weekOf', { date: day(days[0]!) })} data-testid="week-view">
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setOffset(offset - 1)}>
          {t('sessions.previousWeek')}
        </button>
        <button type="button" class="secondary" onClick={() => setOffset(0)} disabled={offset === 0}>
          {t('sessions.thisWeek')}
        </button>
        <button type="button" class="secondary" onClick={() => setOffset(offset + 1)}>
          {t('sessions.nextWeek')}
        </button>
      </div>
      <h2>{t('sessions.weekOf', { date: day(days[0]!) })}</h2>
      <ol class="week">
        {days.map((date) => {
          const onDay = sessions.filter((s) => s.date === date);
          return (
            <li key={date} class={onDay.length ? 'day has-sessions' : 'day'}>
              <strong>{day(date)}</strong>
              {onDay.map((s) => (
                <a key={s.id} href={hrefOf({ name: 'session', scope, id: s.id })} class="session-link">
                  <SessionSummary session={s} />
                </a>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function SessionGroup({ title, sessions, scope }: { title: string; sessions: LocalDoc<'session'>[]; scope: string }) {
  return (
    <>
      <h2>{title}</h2>
      <ul class="session-list">
        {sessions.map((s) => (
          <li key={s.id}>
            <a href={hrefOf({ name: 'session', scope, id: s.id })} class="session-link">
              <SessionSummary session={s} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
