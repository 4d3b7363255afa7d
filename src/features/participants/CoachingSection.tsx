import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { COACHING_MODES, coachingId, supersededNoteIds, type Coaching, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { todayIso } from '../../ui/dates.ts';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';
import { FormOpener } from './FormOpener.tsx';
import { NoteForm } from './NoteForm.tsx';

type CoachingDoc = LocalDoc<'coaching'>;

/**
 * One-to-one coaching: the meetings first (booking one is behind a button), each marked held
 * or cancelled, with what was said in a staff-only note naming the meeting. The meeting itself reaches the participant's
 * phone, so it carries no words about them.
 */
export function CoachingSection({ scope, participantId, meetings, notes, now }: { scope: string; participantId: string; meetings: CoachingDoc[]; notes: LocalDoc<'note'>[]; now: Date }) {
  const { t } = useT();
  const today = todayIso(now);
  const order = (a: CoachingDoc, b: CoachingDoc) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime);
  const upcoming = meetings.filter((m) => m.status === 'planned' && m.date >= today).sort(order);
  const past = meetings.filter((m) => !upcoming.includes(m)).sort((a, b) => order(b, a));
  // Under a meeting, a corrected note shows only as its correction (the notes tab keeps both).
  const superseded = supersededNoteIds(notes);
  const current = notes.filter((n) => !superseded.has(n.id));
  return (
    <section class="card" aria-labelledby="coaching-title">
      <h2 id="coaching-title">{t('coaching.title')}</h2>
      <p class="hint">{t('coaching.privacy')}</p>
      <MeetingList name="upcoming" title={t('coaching.upcoming')} list={upcoming} scope={scope} participantId={participantId} notes={current} />
      <MeetingList name="past" title={t('coaching.past')} list={past} scope={scope} participantId={participantId} notes={current} />
      <FormOpener id="coaching-form" label={t('coaching.open')}>
        {(close) => <BookingForm scope={scope} participantId={participantId} today={today} onSaved={close} />}
      </FormOpener>
    </section>
  );
}

function MeetingList({ name, title, list, scope, participantId, notes }: { name: string; title: string; list: CoachingDoc[]; scope: string; participantId: string; notes: LocalDoc<'note'>[] }) {
  const { t } = useT();
  return (
    <section aria-labelledby={`coaching-${name}`}>
      <h3 id={`coaching-${name}`}>{title}</h3>
      {list.length === 0 && <p>{t('coaching.none')}</p>}
      <ol class="note-list" data-testid={`meetings-${name}`}>
        {list.map((m) => (
          <Meeting key={m.id} scope={scope} participantId={participantId} meeting={m} notes={notes.filter((n) => n.coachingId === m.id)} />
        ))}
      </ol>
    </section>
  );
}

function Meeting({ scope, participantId, meeting, notes }: { scope: string; participantId: string; meeting: CoachingDoc; notes: LocalDoc<'note'>[] }) {
  const { t, tKey, day, time, moment } = useT();
  const { store } = useData();
  const [writing, setWriting] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const mark = async (status: Coaching['status']) => {
    const result = await store.edit('coaching', scope, meeting.id, { status });
    setProblems(result.ok ? [] : result.problems);
  };
  return (
    <li>
      <strong>
        {day(meeting.date)} {time(meeting.startTime)}–{time(meeting.endTime)}
      </strong>{' '}
      · {tKey(`coaching.mode.${meeting.mode}`)} · {[meeting.coach, meeting.place].filter(Boolean).join(', ')} <small class="status">{tKey(`coaching.status.${meeting.status}`)}</small>
      {notes.map((n) => (
        <p key={n.id}>
          {n.text} <small>{t('timeline.by', { name: n.createdBy, time: moment(n.createdAt) })}</small>
        </p>
      ))}
      <div class="actions">
        {meeting.status === 'planned' && (
          <>
            <button type="button" class="secondary" onClick={() => void mark('held')}>
              {t('coaching.markHeld')}
            </button>
            <button type="button" class="secondary" onClick={() => void mark('cancelled')}>
              {t('coaching.markCancelled')}
            </button>
          </>
        )}
        {!writing && (
          <button type="button" class="secondary" onClick={() => setWriting(true)}>
            {t('coaching.writeNote')}
          </button>
        )}
      </div>
      <FormProblems problems={problems} />
      {writing && <NoteForm scope={scope} participantId={participantId} sessions={[]} coachingId={meeting.id} onDone={() => setWriting(false)} />}
    </li>
  );
}

function BookingForm({ scope, participantId, today, onSaved }: { scope: string; participantId: string; today: string; onSaved: () => void }) {
  const { t, tKey } = useT();
  const { store, user } = useData();
  const fresh = { date: today, startTime: '', endTime: '', mode: 'inPerson' as Coaching['mode'], place: '', coach: user.name };
  const [values, setValues] = useState(fresh);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const set = (name: 'date' | 'startTime' | 'endTime' | 'place' | 'coach') => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const { place, ...rest } = values;
    const result = await store.create('coaching', { ...rest, ...(place.trim() ? { place } : {}), id: coachingId(), scope, participantId, status: 'planned' });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setValues(fresh);
    onSaved();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="coaching-book">
      <h3 id="coaching-book">{t('coaching.book')}</h3>
      <div class="field-row">
        <Field id="coaching-date" label={t('coaching.date')} problem={byField.date}>
          {(aria) => <input type="date" {...aria} value={values.date} onInput={set('date')} />}
        </Field>
        <Field id="coaching-start" label={t('coaching.start')} problem={byField.startTime}>
          {(aria) => <input type="time" {...aria} value={values.startTime} onInput={set('startTime')} />}
        </Field>
        <Field id="coaching-end" label={t('coaching.end')} problem={byField.endTime}>
          {(aria) => <input type="time" {...aria} value={values.endTime} onInput={set('endTime')} />}
        </Field>
      </div>
      <div class="field-row">
        <ChoiceField id="coaching-mode" label={t('coaching.mode')} problem={byField.mode} value={values.mode} options={COACHING_MODES} labelOf={(m) => tKey(`coaching.mode.${m}`)} onChange={(mode) => setValues({ ...values, mode })} />
        <Field id="coaching-place" label={t('coaching.place')} problem={byField.place}>
          {(aria) => <input {...aria} value={values.place} onInput={set('place')} />}
        </Field>
        <Field id="coaching-coach" label={t('coaching.coach')} problem={byField.coach}>
          {(aria) => <input {...aria} value={values.coach} onInput={set('coach')} />}
        </Field>
      </div>
      <button type="submit">{t('coaching.save')}</button>
    </form>
  );
}
