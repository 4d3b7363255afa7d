import type { LocalDoc } from '../../data/store.ts';
import { supersededNoteIds } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { CapacityTrend } from './CapacityTrend.tsx';

type Entry =
  | { kind: 'note'; at: string; note: LocalDoc<'note'> }
  | { kind: 'attendance'; at: string; record: LocalDoc<'attendance'>; date?: string }
  | { kind: 'step'; at: string; step: LocalDoc<'planstep'> }
  | { kind: 'goal'; at: string; goal: LocalDoc<'goal'> }
  | { kind: 'merge'; at: string; id: string; other: string }
  | { kind: 'checkin'; at: string; checkin: LocalDoc<'checkin'>; date?: string }
  | { kind: 'coaching'; at: string; meeting: LocalDoc<'coaching'> }
  | { kind: 'guidance'; at: string; guidance: LocalDoc<'guidance'> }
  | { kind: 'placement'; at: string; placement: LocalDoc<'placement'> };

export interface About {
  notes: LocalDoc<'note'>[];
  steps: LocalDoc<'planstep'>[];
  goals: LocalDoc<'goal'>[];
  attendance: LocalDoc<'attendance'>[];
  checkins: LocalDoc<'checkin'>[];
}

/** The working models' records about the person (meetings, guidance, placements, ratings) and the group's partners, for their names. */
export interface Work {
  meetings: LocalDoc<'coaching'>[];
  guidance: LocalDoc<'guidance'>[];
  placements: LocalDoc<'placement'>[];
  observations: LocalDoc<'observation'>[];
  partners: LocalDoc<'partner'>[];
}

/** Everything about one person over time, newest first, with where two devices' edits were combined. */
export function Timeline({ id, about, work, sessions, merges }: { id: string; about: About; work: Work; sessions: LocalDoc<'session'>[]; merges: { id: string; docId: string; at: string; with: string }[] }) {
  const { t, tKey, day, time, moment } = useT();
  const dateOf = new Map(sessions.map((s) => [s.id, s.date]));
  const superseded = supersededNoteIds(about.notes);
  const entries: Entry[] = [
    ...about.notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, note })),
    ...about.attendance.map((record) => ({ kind: 'attendance' as const, at: dateOf.get(record.sessionId) ?? record.updatedAt, record, date: dateOf.get(record.sessionId) })),
    ...about.steps.map((step) => ({ kind: 'step' as const, at: step.updatedAt, step })),
    ...about.goals.map((goal) => ({ kind: 'goal' as const, at: goal.updatedAt, goal })),
    ...about.checkins.map((checkin) => ({ kind: 'checkin' as const, at: dateOf.get(checkin.sessionId) ?? checkin.createdAt, checkin, date: dateOf.get(checkin.sessionId) })),
    ...work.meetings.map((meeting) => ({ kind: 'coaching' as const, at: `${meeting.date}T${meeting.startTime}`, meeting })),
    ...work.guidance.map((guidance) => ({ kind: 'guidance' as const, at: guidance.date, guidance })),
    ...work.placements.map((placement) => ({ kind: 'placement' as const, at: placement.startDate, placement })),
    ...merges
      .filter((m) => m.docId === id || [...about.steps, ...about.goals, ...about.attendance].some((d) => d.id === m.docId))
      .map((m) => ({ kind: 'merge' as const, at: m.at, id: m.id, other: m.with })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <CapacityTrend observations={work.observations} />
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
            {e.kind === 'coaching' && (
              <>
                <strong>{t('timeline.coaching', { mode: tKey(`coaching.mode.${e.meeting.mode}`) })}</strong> {day(e.meeting.date)} {time(e.meeting.startTime)} · {tKey(`coaching.status.${e.meeting.status}`)} <small>{e.meeting.coach}</small>
              </>
            )}
            {e.kind === 'guidance' && (
              <>
                <strong>{t('timeline.guidance', { service: tKey(`guidance.service.${e.guidance.service}`) })}</strong> {day(e.guidance.date)} · {tKey(`guidance.outcome.${e.guidance.outcome}`)}
                {e.guidance.description && <p>{e.guidance.description}</p>}
              </>
            )}
            {e.kind === 'placement' && (
              <>
                <strong>{t('timeline.placement', { partner: work.partners.find((p) => p.id === e.placement.partnerId)?.name ?? '' })}</strong> · {tKey(`path.stage.${e.placement.stage}`)} · {day(e.placement.startDate)}
                {e.placement.endDate && ` – ${day(e.placement.endDate)}`}
                {e.placement.outcome && ` · ${tKey(`placement.outcome.${e.placement.outcome}`)}`}
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
  );
}

const keyOfEntry = (e: Entry) => {
  switch (e.kind) {
    case 'note':
      return e.note.id;
    case 'attendance':
      return e.record.id;
    case 'step':
      return e.step.id;
    case 'goal':
      return e.goal.id;
    case 'checkin':
      return e.checkin.id;
    case 'coaching':
      return e.meeting.id;
    case 'guidance':
      return e.guidance.id;
    case 'placement':
      return e.placement.id;
    case 'merge':
      return e.id;
  }
};
