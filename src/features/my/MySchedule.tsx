import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import type { LocalDoc } from '../../data/store.ts';
import { calendar, hasEnded, hasStarted, localDate, rsvpId, shiftDate, type RsvpStatus } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { downloadFile } from '../../ui/download.ts';
import { myKeyOf } from './mine.ts';

/** The participant's start screen: the next session first, "I'm coming" in one tap. */
export function MySchedule({ scope }: { scope: string }) {
  const { t, tKey, day } = useT();
  const { store } = useData();
  const me = `participant:${myKeyOf(scope)}`;
  const sessions = useObservable(() => store.sessionsOf(scope), [], [store, scope]);
  const rsvps = useObservable(() => store.watch('rsvp', scope), [], [store, scope]);
  const rides = useObservable(() => store.watch('ride', scope), [], [store, scope]);
  const attendance = useObservable(() => store.watch('attendance', scope), [], [store, scope]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  const coachings = useObservable(() => store.watch('coaching', scope), [], [store, scope]);
  const now = new Date();
  // One-to-one meetings beside the group's sessions, not among them: nothing to answer, no attendance.
  const meetings = coachings
    .filter((c) => c.participantId === me && !hasEnded(c, now))
    .sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
  const upcoming = sessions.filter((s) => !hasEnded(s, now));
  const next = upcoming.find((s) => s.status !== 'cancelled');
  // Only a session that has started can have gone somehow: no check-in before it.
  const attended = sessions.filter((s) => hasStarted(s, now) && attendance.some((a) => a.sessionId === s.id && a.participantId === me && a.status === 'present')).reverse();
  const answerOf = (id: string) => rsvps.find((r) => r.sessionId === id && r.participantId === me)?.status;
  const rideOf = (id: string) => rides.find((r) => r.sessionId === id && r.participantId === me);

  const download = (list: LocalDoc<'session'>[], name: string) => {
    const ics = calendar(
      list.map((s) => ({
        uid: `${s.id}@polku`,
        date: s.date,
        startTime: s.startTime,
        endTime: s.endTime,
        title: `${group?.name ?? 'PopUp'}${s.theme ? `: ${s.theme}` : ''}`,
        location: [s.address, s.village].filter(Boolean).join(', '),
        updatedAt: s.updatedAt,
        cancelled: s.status === 'cancelled',
      })),
      new Date(),
    );
    downloadFile(ics, 'text/calendar;charset=utf-8', name);
  };

  return (
    <section aria-labelledby="my-title" data-screen-title={t('nav.mySessions')}>
      <h1 id="my-title">{group ? t('my.title', { group: group.name }) : t('my.titlePlain')}</h1>
      {!next && <p class="notice">{t('my.noNext')}</p>}
      {next && (
        // The whole first screen of a phone: when and where, "I'm coming", the ride.
        <div class="card next-session" data-testid="my-next">
          <h2 class="my-next-label">{t('my.next')}</h2>
          <SessionCard session={next} answer={answerOf(next.id)} ride={rideOf(next.id)} scope={scope} me={me} big />
          <button type="button" class="secondary my-calendar" onClick={() => download([next], 'popup.ics')}>
            {t('my.addToCalendar')}
          </button>
        </div>
      )}
      {/* Right after the next session, not pages down under the later ones: a meeting is easy to miss. */}
      {meetings.length > 0 && (
        <>
          <h2>{t('my.coaching.title')}</h2>
          <ul class="my-sessions">
            {meetings.map((c) => (
              <li key={c.id} class="card" data-testid="my-coaching">
                <CoachingCard meeting={c} />
              </li>
            ))}
          </ul>
        </>
      )}
      {upcoming.length > 1 && (
        <>
          <h2>{t('my.upcoming')}</h2>
          <ul class="my-sessions">
            {upcoming
              .filter((s) => s.id !== next?.id)
              .map((s) => (
                <li key={s.id} class="card">
                  <SessionCard session={s} answer={answerOf(s.id)} ride={rideOf(s.id)} scope={scope} me={me} />
                </li>
              ))}
          </ul>
          <button type="button" class="secondary" onClick={() => download(upcoming, 'popup-kaikki.ics')}>
            {t('my.addAllToCalendar')}
          </button>
        </>
      )}
      <h2>{t('my.attended')}</h2>
      {attended.length === 0 ? (
        <p>{t('my.attendedNone')}</p>
      ) : (
        <ul class="my-attended-list">
          {attended.map((s) => (
            <li key={s.id} class="my-attended">
              <span>
                {day(s.date)} · {s.theme ?? s.village}
              </span>
              <a class="button secondary" href={hrefOf({ name: 'checkin', scope, id: s.id })}>
                {t('my.checkin')}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{tKey('my.syncHint')}</p>
    </section>
  );
}

function SessionCard(props: { session: LocalDoc<'session'>; answer?: RsvpStatus; ride?: LocalDoc<'ride'>; scope: string; me: string; big?: boolean }) {
  const { session, answer, ride, scope, me, big } = props;
  const { t, tKey, day, longDay, time } = useT();
  const { store } = useData();
  const now = new Date();
  const started = hasStarted(session, now);
  const cancelled = session.status === 'cancelled';
  const today = localDate(now);
  const soon = session.date === today ? t('my.today') : session.date === shiftDate(today, 1) ? t('my.tomorrow') : undefined;
  const say = (status: RsvpStatus) => {
    const id = rsvpId(session.id, me);
    void (answer ? store.edit('rsvp', scope, id, { status }) : store.create('rsvp', { id, scope, sessionId: session.id, participantId: me, status }));
  };
  const groupLabel = `rsvp-${session.id.replace(/\W/g, '-')}`;
  const hours = t('my.hours', { start: time(session.startTime), end: time(session.endTime) });
  return (
    <div class={big ? 'my-session my-session-big' : 'my-session'}>
      {big ? (
        <p class="my-when" id={groupLabel}>
          {/* Spaces between the lines, so a screen reader does not run them together. */}
          {soon && <span class="my-soon">{soon}</span>} <strong class="my-day">{longDay(session.date)}</strong> <strong class="my-hours">{hours}</strong>
        </p>
      ) : (
        <p class="my-when" id={groupLabel}>
          <strong>{t('session.when', { date: day(session.date), start: time(session.startTime), end: time(session.endTime) })}</strong>
        </p>
      )}
      <p class="my-where">
        {[session.address, session.village].filter(Boolean).join(', ')}
        {session.theme && (big ? <span class="my-theme">{session.theme}</span> : ` · ${session.theme}`)}
      </p>
      {cancelled ? (
        <p class="notice notice-warning">{t('my.cancelled', { reason: session.cancelReason ?? '' })}</p>
      ) : (
        <>
          <div class={big ? 'my-rsvp my-rsvp-big' : 'actions'} role="group" aria-labelledby={groupLabel}>
            <button type="button" class="choice choice-present" aria-pressed={answer === 'coming'} disabled={started} onClick={() => say('coming')}>
              {big && <span aria-hidden="true" class="choice-mark">✓</span>}
              {t('my.coming')}
            </button>
            <button type="button" class="choice choice-absent" aria-pressed={answer === 'notComing'} disabled={started} onClick={() => say('notComing')}>
              {big && <span aria-hidden="true" class="choice-mark">✗</span>}
              {t('my.notComing')}
            </button>
          </div>
          {big && answer && <p class="my-answer" data-testid="my-answer">{answer === 'coming' ? t('my.answer.coming') : t('my.answer.notComing')}</p>}
          <div class="my-ride" data-testid="my-ride">
            <p>{ride ? tKey(`my.ride.${ride.status}`, { reason: ride.declineReason ?? '' }) : t('my.noRide')}</p>
            {!started && (
              <a class={big ? 'button secondary my-ride-button' : 'button secondary'} href={hrefOf({ name: 'myRide', scope, id: session.id })}>
                {ride && ride.status !== 'cancelled' ? t('my.rideChange') : t('my.rideAsk')}
              </a>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function CoachingCard({ meeting }: { meeting: LocalDoc<'coaching'> }) {
  const { t, day, time } = useT();
  const coach = meeting.coach;
  // One plain sentence: who, and how you meet (the section's heading already says what it is).
  const how =
    meeting.mode === 'phone'
      ? t('my.coaching.phone', { coach })
      : meeting.mode === 'video'
        ? t('my.coaching.video', { coach })
        : meeting.place
          ? t('my.coaching.place', { coach, place: meeting.place })
          : t('my.coaching.placeLater', { coach });
  return (
    <div class="my-session">
      <p class="my-when">
        <strong>{t('session.when', { date: day(meeting.date), start: time(meeting.startTime), end: time(meeting.endTime) })}</strong>
      </p>
      <p>{how}</p>
      {meeting.status === 'cancelled' && <p class="notice notice-warning">{t('my.coaching.cancelled')}</p>}
    </div>
  );
}
