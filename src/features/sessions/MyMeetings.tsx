import { combineLatest, map, of } from 'rxjs';
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

/** The one-to-one coaching meetings to come in which the signed-in staff member is the coach, across their groups, by time. */
export function useMyMeetings(scopes: string[]): Meeting[] {
  const { store, user } = useData();
  const today = todayIso();
  return useObservable<Meeting[]>(
    () =>
      (scopes.length
        ? combineLatest(
            scopes.map((scope) =>
              combineLatest({ coaching: store.watch('coaching', scope), participants: store.participantsOf(scope) }).pipe(
                map(({ coaching, participants }) =>
                  coaching
                    .filter((c) => c.coach === user.name && c.date >= today)
                    .map((meeting) => ({ scope, meeting, name: participants.find((p) => p.id === meeting.participantId)?.displayName ?? '' })),
                ),
              ),
            ),
          )
        : of([])
      ).pipe(map((lists) => lists.flat().sort((a, b) => (a.meeting.date + a.meeting.startTime).localeCompare(b.meeting.date + b.meeting.startTime)))),
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
