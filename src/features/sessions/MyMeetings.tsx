import { combineLatest, map, of, switchMap } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import type { LocalDoc } from '../../data/store.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';

export interface Meeting {
  scope: string;
  meeting: LocalDoc<'coaching'>;
  name: string;
}

/**
 * The one-to-one coaching meetings to come in which the signed-in staff member is the coach,
 * across their groups, by time. A group's participants (for the names) are read only when it
 * has such a meeting: the start screen of most staff has none, and pays nothing for them.
 */
export function useMyMeetings(scopes: string[]): Meeting[] {
  const { store, user } = useData();
  const today = todayIso();
  const mineIn = (scope: string) =>
    store.watch('coaching', scope).pipe(
      map((coaching) => coaching.filter((c) => c.coach === user.name && c.date >= today)),
      switchMap((mine) =>
        mine.length === 0
          ? of([])
          : store.participantsOf(scope).pipe(map((people) => mine.map((meeting) => ({ scope, meeting, name: people.find((p) => p.id === meeting.participantId)?.displayName ?? '' })))),
      ),
    );
  return useObservable<Meeting[]>(
    () =>
      (scopes.length ? combineLatest(scopes.map(mineIn)) : of([])).pipe(
        map((lists) => lists.flat().sort((a, b) => (a.meeting.date + a.meeting.startTime).localeCompare(b.meeting.date + b.meeting.startTime))),
      ),
    [],
    [store, scopes.join(' '), user.name, today],
  );
}

/**
 * The coach's meetings, each a way to the participant's page. Apart from the PopUp sessions
 * on purpose: not group activity, and (naming a participant) not kept in the last known
 * start screen either.
 */
export function MyMeetings({ meetings }: { meetings: Meeting[] }) {
  const { t, day, time } = useT();
  if (meetings.length === 0) return null;
  return (
    <section class="group my-meetings" aria-labelledby="my-meetings">
      <h1 id="my-meetings">{t('sessions.myMeetings')}</h1>
      <ul class="session-list">
        {meetings.map(({ scope, meeting, name }) => (
          <li key={meeting.id} data-testid="my-meeting">
            <a href={hrefOf({ name: 'participant', scope, id: meeting.participantId })} class="session-link">
              <span class="session-summary">
                <strong>{t('session.when', { date: day(meeting.date), start: time(meeting.startTime), end: time(meeting.endTime) })}</strong>
                <span>{name}</span>
                <span>
                  {t(`coaching.mode.${meeting.mode}`)}
                  {meeting.place ? ` · ${meeting.place}` : ''}
                </span>
                <span class={`status status-${meeting.status}`}>{t(`coaching.status.${meeting.status}`)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
