import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { NOTE_CATEGORIES, noteId, type Note, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';

/**
 * Quick capture of an observation. Notes are never changed: a correction is a new note
 * that supersedes the old one (`correcting`; its form sits under the note, so a heading level down).
 * A note about a one-to-one meeting (`coachingId`) sits under the meeting and names no session.
 */
export function NoteForm({
  scope,
  participantId,
  sessions,
  correcting,
  coachingId,
  onDone,
}: {
  scope: string;
  participantId: string;
  sessions: LocalDoc<'session'>[];
  correcting?: LocalDoc<'note'>;
  coachingId?: string;
  onDone: () => void;
}) {
  const { t, tKey, day } = useT();
  const { store } = useData();
  const [category, setCategory] = useState<Note['category']>(correcting?.category ?? 'wellbeing');
  const [text, setText] = useState(correcting?.text ?? '');
  const [sessionId, setSessionId] = useState(correcting?.sessionId ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const prefix = correcting ? `correct-${correcting.id.replace(/\W/g, '-')}` : coachingId ? `note-${coachingId.replace(/\W/g, '-')}` : 'note';
  // A correction of a meeting's note stays with the meeting.
  const meeting = coachingId ?? correcting?.coachingId;
  const title = correcting ? t('note.correctTitle') : coachingId ? t('coaching.noteTitle') : t('note.title');

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await store.create('note', {
      id: noteId(),
      scope,
      participantId,
      category,
      text,
      ...(sessionId ? { sessionId } : {}),
      ...(correcting ? { supersedes: correcting.id } : {}),
      ...(meeting ? { coachingId: meeting } : {}),
    });
    if (!result.ok) return setProblems(result.problems);
    setText('');
    setProblems([]);
    onDone();
  };

  return (
    <form class="note-form" onSubmit={submit} noValidate aria-label={title}>
      {correcting || coachingId ? <h3>{title}</h3> : <h2>{title}</h2>}
      <div class="field-row">
        <ChoiceField id={`${prefix}-category`} label={t('note.category')} problem={byField.category} value={category} options={NOTE_CATEGORIES} labelOf={(c) => tKey(`note.category.${c}`)} onChange={setCategory} />
        {!meeting && (
          <Field id={`${prefix}-session`} label={t('note.session')} problem={byField.sessionId}>
            {(aria) => (
              <select {...aria} value={sessionId} onChange={(e) => setSessionId(e.currentTarget.value)}>
                <option value="">{t('note.noSession')}</option>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {day(s.date)} {s.village}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field id={`${prefix}-text`} label={t('note.text')} problem={byField.text}>
        {(aria) => <textarea {...aria} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      {/* Not about one field: the device's storage full, a write that failed. What was typed stays. */}
      <FormProblems problems={problems.filter((p) => !['category', 'sessionId', 'text'].includes(p.path))} />
      <div class="actions">
        <button type="submit">{correcting ? t('note.saveCorrection') : t('note.save')}</button>
        {(correcting || coachingId) && (
          <button type="button" class="secondary" onClick={onDone}>
            {t('session.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
