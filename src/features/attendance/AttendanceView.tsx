import { useEffect, useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { ATTENDANCE_STATUSES, hasStarted, isDuplicateParticipant, localInstant, participantId, type AttendanceStatus, type Problem } from '../../domain/index.ts';
import type { MergeRecord } from '../../data/local-records.ts';
import type { LocalDoc } from '../../data/store.ts';
import { todayIso } from '../../ui/dates.ts';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { useT } from '../../i18n/useT.tsx';
import { SessionSummary } from '../../ui/SessionSummary.tsx';
import { groupKeyOf } from '../../wire/scopes.ts';
import { PersonMorePanel, PersonMoreToggle } from './PersonMore.tsx';

/** Attendance in one tap per person: big buttons, state announced, capacity watched. */
export function AttendanceView({ scope, sessionId }: { scope: string; sessionId: string }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const session = useObservable(() => store.watchOne('session', scope, sessionId), undefined, [store, scope, sessionId]);
  const participants = useObservable(() => store.participantsOf(scope), [], [store, scope]);
  const attendance = useObservable(() => store.attendanceOf(scope, sessionId), [], [store, scope, sessionId]);
  const rsvps = useObservable(() => store.watch('rsvp', scope, sessionId), [], [store, scope, sessionId]);
  const merges = useObservable(() => store.merges(scope), [], [store, scope]);
  const errands = useObservable(() => store.watch('errand', scope, sessionId), [], [store, scope, sessionId]);
  const guidance = useObservable(() => store.watch('guidance', scope), [], [store, scope]);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Whose errands and guidance are open: each person's part opens on its own.
  const [openMore, setOpenMore] = useState<ReadonlySet<string>>(new Set());
  const started = useStarted(session);

  if (!session) {
    return (
      <p class="notice">
        {t('session.notFound')} <a href={hrefOf({ name: 'home' })}>{t('session.back')}</a>
      </p>
    );
  }
  const byParticipant = new Map(attendance.map((a) => [a.participantId, a]));
  const rsvpOf = new Map(rsvps.map((r) => [r.participantId, r.status]));
  const present = attendance.filter((a) => a.status === 'present').length;
  const active = participants.filter((p) => p.status !== 'ended' || byParticipant.has(p.id));

  const toggleMore = (id: string) => {
    const next = new Set(openMore);
    if (!next.delete(id)) next.add(id);
    setOpenMore(next);
  };

  const mark = async (participantId: string, status: AttendanceStatus) => {
    const result = await store.markAttendance(scope, sessionId, participantId, status);
    setProblem(result.ok ? null : (result.problems[0] ?? null));
  };

  return (
    <section class="attendance" aria-labelledby="attendance-title">
      <p>
        <a href={hrefOf({ name: 'home' })}>← {t('session.back')}</a>
      </p>
      <h1 id="attendance-title">{t('attendance.title')}</h1>
      <div class="card session-card">
        <SessionSummary session={session} />
        <SessionMerges merges={merges.filter((m) => m.docId === sessionId)} />
      </div>
      <p class="attendance-summary" role="status" data-testid="attendance-summary">
        {t('attendance.summary', { present, capacity: session.capacity })}
      </p>
      {present > session.capacity && (
        <p class="notice notice-warning" role="alert">
          {t('attendance.overCapacity', { present, capacity: session.capacity })}
        </p>
      )}
      {problem && (
        <p class="notice notice-error" role="alert">
          {tKey(problem.key, problem.params)}
        </p>
      )}
      {active.length === 0 && <p>{t('attendance.noParticipants')}</p>}
      {!started && (
        <p class="notice" data-testid="attendance-not-yet">
          {t('attendance.notYet')}
        </p>
      )}
      <ul class="attendance-list">
        {active.map((p) => {
          const record = byParticipant.get(p.id);
          const labelId = `att-${p.id.replace(/\W/g, '-')}`;
          return (
            <li key={p.id} class="attendance-row" data-testid="attendance-row" data-participant={p.id}>
              {/* The toggle sits beside the name, outside it: the name alone labels the attendance buttons. */}
              <div class="attendance-who">
                <span id={labelId} class="attendance-name">
                  <a href={hrefOf({ name: 'participant', scope, id: p.id })}>{p.displayName}</a>
                  <small>{p.homeVillage}</small>
                  {rsvpOf.get(p.id) && <small class={`rsvp rsvp-${rsvpOf.get(p.id)}`}>{tKey(`rsvp.${rsvpOf.get(p.id)}`)}</small>}
                  {p.walkIn && <small class="status">{t('roster.walkIn')}</small>}
                  {record && record.syncState !== 'synced' && <small class="unsynced">{t('attendance.notSynced')}</small>}
                </span>
                {started && <PersonMoreToggle labelId={labelId} open={openMore.has(p.id)} onToggle={() => toggleMore(p.id)} />}
              </div>
              {started && (
                <div role="group" aria-labelledby={labelId} class="attendance-buttons">
                  {ATTENDANCE_STATUSES.map((status) => (
                    <button
                      key={status}
                      type="button"
                      class={`choice choice-${status}`}
                      aria-pressed={record?.status === status}
                      onClick={() => void mark(p.id, status)}
                    >
                      {t(`attendance.${status}`)}
                    </button>
                  ))}
                </div>
              )}
              {started && openMore.has(p.id) && (
                <PersonMorePanel
                  scope={scope}
                  session={session}
                  participantId={p.id}
                  labelId={labelId}
                  errand={errands.find((e) => e.participantId === p.id)}
                  guidance={guidance.filter((g) => g.sessionId === sessionId && g.participantId === p.id)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {/* After the list: on a phone the first screen is the people to mark. */}
      <p class="actions">
        <a class="button secondary" href={hrefOf({ name: 'rides', scope, id: sessionId })}>
          {t('rides.title')}
        </a>
        <a class="button secondary" href={hrefOf({ name: 'editSession', scope, id: sessionId })}>
          {t('session.edit')}
        </a>
        <a class="button secondary" href={hrefOf({ name: 'sheet', scope, id: sessionId })}>
          {t('sheet.title')}
        </a>
      </p>
      {started && <WalkInForm scope={scope} sessionId={sessionId} participants={participants} />}
    </section>
  );
}

/** Whether the session has started, turning true by itself at its start while the screen is open. */
function useStarted(session: { date: string; startTime: string } | undefined): boolean {
  const [, tick] = useState(0);
  const started = !!session && hasStarted(session, new Date());
  useEffect(() => {
    if (!session || started) return;
    // Timers cap at about 24.8 days; a later start is simply checked again then.
    const wait = Math.min(localInstant(session.date, session.startTime).getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => tick((n) => n + 1), Math.max(wait, 0) + 50);
    return () => clearTimeout(timer);
  }, [session?.date, session?.startTime, started]);
  return started;
}

/** Someone not on the roster came: a minimal record, marked present at once. */
function WalkInForm({ scope, sessionId, participants }: { scope: string; sessionId: string; participants: LocalDoc<'participant'>[] }) {
  const { t } = useT();
  const { store } = useData();
  const [values, setValues] = useState({ displayName: '', homeVillage: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (isDuplicateParticipant(participants, '', values.displayName, values.homeVillage)) return setProblems([{ path: 'displayName', key: 'v.duplicateParticipant' }]);
    const id = participantId();
    const created = await store.create('participant', {
      id,
      scope,
      groupKey: groupKeyOf(scope) ?? '',
      displayName: values.displayName,
      homeVillage: values.homeVillage,
      language: 'fi',
      status: 'active',
      startDate: todayIso(),
      walkIn: true,
    });
    if (!created.ok) return setProblems(created.problems);
    await store.markAttendance(scope, sessionId, id, 'present');
    setProblems([]);
    setValues({ displayName: '', homeVillage: '' });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={t('walkIn.title')}>
      <h2>{t('walkIn.title')}</h2>
      <div class="field-row">
        <Field id="walkin-name" label={t('admin.displayName')} problem={byField.displayName}>
          {(aria) => <input {...aria} value={values.displayName} onInput={(e) => setValues({ ...values, displayName: e.currentTarget.value })} />}
        </Field>
        <Field id="walkin-village" label={t('admin.homeVillage')} problem={byField.homeVillage}>
          {(aria) => <input {...aria} value={values.homeVillage} onInput={(e) => setValues({ ...values, homeVillage: e.currentTarget.value })} />}
        </Field>
      </div>
      <button type="submit">{t('walkIn.submit')}</button>
    </form>
  );
}

/** Someone else edited this session at the same time: the sync kept both, and says so. */
function SessionMerges({ merges }: { merges: MergeRecord[] }) {
  const { t, moment } = useT();
  const latest = [...merges].sort((a, b) => b.at.localeCompare(a.at))[0];
  if (!latest) return null;
  return (
    <p data-testid="session-merged">
      <strong>{t('timeline.merged')}</strong> <small>{t('timeline.mergedWith', { name: latest.with, time: moment(latest.at) })}</small>
    </p>
  );
}
