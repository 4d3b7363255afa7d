import type { LocalDoc } from '../../data/store.ts';
import { ATTENDANCE_WINDOW, currentStep, type AttendanceMark, latestNotes, openGoals, recentAttendance } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';

/** Beside the words, never instead of them (each mark has its date and status as text). */
const MARK_SYMBOL: Record<AttendanceMark, string> = { present: '✓', absent: '✗', excused: '–', unmarked: '?' };

/**
 * What an instructor reads first: the stage on the path now, open goals, attendance over the
 * person's last sessions, and the latest notes. The computing is the domain's.
 */
export function Overview({
  person,
  steps,
  goals,
  notes,
  attendance,
  sessions,
  now,
}: {
  person: LocalDoc<'participant'>;
  steps: LocalDoc<'planstep'>[];
  goals: LocalDoc<'goal'>[];
  notes: LocalDoc<'note'>[];
  attendance: LocalDoc<'attendance'>[];
  sessions: LocalDoc<'session'>[];
  now: Date;
}) {
  const { t, tKey, plural, date, day, moment } = useT();
  const stage = currentStep(steps);
  const open = openGoals(goals);
  const recent = recentAttendance(sessions, attendance, person, now);
  const counted = recent.sessions.length;
  const latest = latestNotes(notes, 3);
  const others = (['absent', 'excused', 'unmarked'] as const).filter((mark) => recent[mark] > 0);

  return (
    <div class="overview" data-testid="overview">
      <section class="card overview-card" aria-labelledby="overview-stage">
        <h2 id="overview-stage">{t('overview.stage')}</h2>
        {stage ? (
          <p class="overview-figure" data-testid="overview-stage-now">
            {tKey(`path.stage.${stage.stage}`)}
            {stage.startDate && <small>{t('overview.since', { date: date(stage.startDate) })}</small>}
          </p>
        ) : (
          <p>{t('overview.noStage')}</p>
        )}
      </section>

      <section class="card overview-card" aria-labelledby="overview-attendance">
        <h2 id="overview-attendance">{t('overview.attendance')}</h2>
        {counted === 0 ? (
          <p>{t('overview.noSessions')}</p>
        ) : (
          <>
            <p class="overview-figure" data-testid="overview-attendance-figure">
              {plural('overview.attendanceFigure', counted, { present: recent.present })}
            </p>
            <ol class="attendance-strip" aria-label={t('overview.marks')}>
              {[...recent.sessions].reverse().map((s) => (
                <li key={s.sessionId} class={`mark mark-${s.mark}`}>
                  <span aria-hidden="true">{MARK_SYMBOL[s.mark]}</span>
                  <span class="visually-hidden">
                    {day(s.date)}: {tKey(s.mark === 'unmarked' ? 'overview.unmarked' : `attendance.${s.mark}`)}
                  </span>
                </li>
              ))}
            </ol>
            <p class="overview-period">
              {plural(counted < ATTENDANCE_WINDOW ? 'overview.periodSinceStart' : 'overview.period', counted, {
                from: date(recent.sessions.at(-1)!.date),
                to: date(recent.sessions[0]!.date),
              })}
            </p>
            {others.length > 0 && (
              <p class="overview-period">
                {others.map((mark) => t('overview.markCount', { label: tKey(mark === 'unmarked' ? 'overview.unmarked' : `attendance.${mark}`), n: recent[mark] })).join(' · ')}
              </p>
            )}
          </>
        )}
      </section>

      <section class="card overview-card" aria-labelledby="overview-goals">
        <h2 id="overview-goals">{t('overview.goals')}</h2>
        {open.length === 0 ? (
          <p>{t('overview.noGoals')}</p>
        ) : (
          <ul class="overview-goals">
            {open.map((goal) => (
              <li key={goal.id}>
                <strong>{goal.title}</strong>
                {(goal.targetDate || goal.steps.length > 0) && (
                  <small class="overview-detail">
                    {[
                      goal.targetDate ? t('goal.by', { date: date(goal.targetDate) }) : '',
                      goal.steps.length > 0 ? plural('overview.goalSteps', goal.steps.length, { done: goal.steps.filter((s) => s.done).length }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </small>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card overview-card overview-notes" aria-labelledby="overview-notes">
        <h2 id="overview-notes">{t('overview.notes')}</h2>
        {latest.length === 0 ? (
          <p>{t('overview.noNotes')}</p>
        ) : (
          <ol class="overview-note-list" data-testid="latest-notes">
            {latest.map((note) => (
              <li key={note.id}>
                <strong>{tKey(`note.category.${note.category}`)}</strong> <small>{t('timeline.by', { name: note.createdBy, time: moment(note.createdAt) })}</small>
                {note.supersedes && <small class="status">{t('note.correction')}</small>}
                <p>{note.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
