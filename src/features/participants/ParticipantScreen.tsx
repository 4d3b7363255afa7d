import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import type { LocalDoc } from '../../data/store.ts';
import { useT } from '../../i18n/useT.tsx';
import { NoteForm } from './NoteForm.tsx';
import { ParticipantForm } from './ParticipantForm.tsx';
import { PathSection } from './PathSection.tsx';

type Entry =
  | { kind: 'note'; at: string; note: LocalDoc<'note'> }
  | { kind: 'attendance'; at: string; record: LocalDoc<'attendance'>; date?: string }
  | { kind: 'step'; at: string; step: LocalDoc<'planstep'> }
  | { kind: 'goal'; at: string; goal: LocalDoc<'goal'> }
  | { kind: 'merge'; at: string; id: string; other: string }
  | { kind: 'checkin'; at: string; checkin: LocalDoc<'checkin'>; date?: string };

/** One person: details, a quick note, the path to work, and everything over time. */
export function ParticipantScreen({ scope, id }: { scope: string; id: string }) {
  const { t, tKey, day, moment } = useT();
  const { store } = useData();
  const person = useObservable(() => store.watchOne('participant', scope, id), undefined, [store, scope, id]);
  const others = useObservable(() => store.participantsOf(scope), [], [store, scope]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  const sessions = useObservable(() => store.sessionsOf(scope), [], [store, scope]);
  const about = useObservable(() => store.aboutParticipant(scope, id), { notes: [], steps: [], goals: [], attendance: [], checkins: [] }, [store, scope, id]);
  const merges = useObservable(() => store.merges(scope), [], [store, scope]);
  const [editing, setEditing] = useState(false);
  const [correcting, setCorrecting] = useState<LocalDoc<'note'> | undefined>();

  if (!person) {
    return (
      <p class="notice">
        {t('participant.notFound')} <a href={hrefOf({ name: 'roster', scope })}>{t('roster.back')}</a>
      </p>
    );
  }
  const dateOf = new Map(sessions.map((s) => [s.id, s.date]));
  const superseded = new Set(about.notes.flatMap((n) => (n.supersedes ? [n.supersedes] : [])));
  const entries: Entry[] = [
    ...about.notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, note })),
    ...about.attendance.map((record) => ({ kind: 'attendance' as const, at: dateOf.get(record.sessionId) ?? record.updatedAt, record, date: dateOf.get(record.sessionId) })),
    ...about.steps.map((step) => ({ kind: 'step' as const, at: step.updatedAt, step })),
    ...about.goals.map((goal) => ({ kind: 'goal' as const, at: goal.updatedAt, goal })),
    ...about.checkins.map((checkin) => ({ kind: 'checkin' as const, at: dateOf.get(checkin.sessionId) ?? checkin.createdAt, checkin, date: dateOf.get(checkin.sessionId) })),
    ...merges
      .filter((m) => m.docId === id || [...about.steps, ...about.goals, ...about.attendance].some((d) => d.id === m.docId))
      .map((m) => ({ kind: 'merge' as const, at: m.at, id: m.id, other: m.with })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const recent = sessions.filter((s) => s.status !== 'cancelled').slice(-12).reverse();

  return (
    <section aria-labelledby="participant-title">
      <p>
        <a href={hrefOf({ name: 'roster', scope })}>← {t('roster.back')}</a>
      </p>
      <h1 id="participant-title">{person.displayName}</h1>
      <p>
        {person.homeVillage} · {tKey(`participant.status.${person.status}`)} · {t('participant.since', { date: day(person.startDate) })}
        {person.contact?.phone && ` · ${person.contact.phone}`}
        {person.contact?.email && ` · ${person.contact.email}`}
      </p>
      {editing ? (
        <ParticipantForm scope={scope} group={group} existing={person} others={others} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <button type="button" class="secondary" onClick={() => setEditing(true)}>
          {t('participant.edit')}
        </button>
      )}
      <div class="card">
        {correcting ? (
          <NoteForm scope={scope} participantId={id} sessions={recent} correcting={correcting} onDone={() => setCorrecting(undefined)} />
        ) : (
          <NoteForm scope={scope} participantId={id} sessions={recent} onDone={() => undefined} />
        )}
      </div>
      <PathSection scope={scope} participantId={id} steps={about.steps} goals={about.goals} />
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        {entries.length === 0 && <p>{t('timeline.empty')}</p>}
        <ol class="timeline" data-testid="timeline">
          {entries.map((e) => (
            <li key={`${e.kind}-${keyOfEntry(e)}`} class={`timeline-${e.kind}`}>
              {e.kind === 'note' && (
                <>
                  <strong>{tKey(`note.category.${e.note.category}`)}</strong> <small>{t('timeline.by', { name: e.note.createdBy, time: moment(e.note.createdAt) })}</small>
                  {superseded.has(e.note.id) && <small class="status">{t('note.superseded')}</small>}
                  {e.note.supersedes && <small class="status">{t('note.correction')}</small>}
                  <p class={superseded.has(e.note.id) ? 'superseded' : ''}>{e.note.text}</p>
                  {!superseded.has(e.note.id) && (
                    <button type="button" class="secondary" onClick={() => setCorrecting(e.note)}>
                      {t('note.correct')}
                    </button>
                  )}
                </>
              )}
              {e.kind === 'attendance' && (
                <>
                  <strong>{tKey(`attendance.${e.record.status}`)}</strong> {e.date && day(e.date)}
                </>
              )}
              {e.kind === 'step' && (
                <>
                  <strong>{tKey(`path.stage.${e.step.stage}`)}</strong> · {tKey(`path.status.${e.step.status}`)}{' '}
                  <small>{t('timeline.by', { name: e.step.updatedBy, time: moment(e.step.updatedAt) })}</small>
                </>
              )}
              {e.kind === 'checkin' && (
                <>
                  <strong>{t('timeline.checkin')}</strong> {e.date && day(e.date)}:{' '}
                  {e.checkin.mood && t('timeline.mood', { answer: tKey(`checkin.scale.${e.checkin.mood}`) })}
                  {e.checkin.mood && e.checkin.useful && ' · '}
                  {e.checkin.useful && t('timeline.usefulness', { answer: tKey(`checkin.scale.${e.checkin.useful}`) })}
                </>
              )}
              {e.kind === 'merge' && (
                <>
                  <strong>{t('timeline.merged')}</strong> <small>{t('timeline.mergedWith', { name: e.other, time: moment(e.at) })}</small>
                </>
              )}
              {e.kind === 'goal' && (
                <>
                  <strong>{t('timeline.goal', { title: e.goal.title })}</strong> · {tKey(`goal.status.${e.goal.status}`)}{' '}
                  <small>{t('timeline.by', { name: e.goal.updatedBy, time: moment(e.goal.updatedAt) })}</small>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

const keyOfEntry = (e: Entry) =>
  e.kind === 'note' ? e.note.id : e.kind === 'attendance' ? e.record.id : e.kind === 'step' ? e.step.id : e.kind === 'goal' ? e.goal.id : e.kind === 'checkin' ? e.checkin.id : e.id;
