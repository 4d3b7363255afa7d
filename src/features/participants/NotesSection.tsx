import { useState } from 'preact/hooks';
import type { LocalDoc } from '../../data/store.ts';
import { supersededNoteIds } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { NoteForm } from './NoteForm.tsx';

/**
 * A new note, and every note newest first. A correction is written under the note it
 * corrects, so a half-typed new note stays where it is.
 */
export function NotesSection({ scope, participantId, notes, sessions }: { scope: string; participantId: string; notes: LocalDoc<'note'>[]; sessions: LocalDoc<'session'>[] }) {
  const { t, tKey, moment } = useT();
  const [correcting, setCorrecting] = useState<string | undefined>();
  const superseded = supersededNoteIds(notes);
  const newestFirst = [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  return (
    <>
      <div class="card">
        <NoteForm scope={scope} participantId={participantId} sessions={sessions} onDone={() => undefined} />
      </div>
      {/* With no notes yet the overview above already says so; the list waits for the first one. */}
      {notes.length > 0 && (
        <section class="card" aria-labelledby="notes-title">
          <h2 id="notes-title">{t('note.all')}</h2>
          <ol class="note-list" data-testid="notes">
            {newestFirst.map((note) => (
              <li key={note.id}>
                <strong>{tKey(`note.category.${note.category}`)}</strong> <small>{t('timeline.by', { name: note.createdBy, time: moment(note.createdAt) })}</small>
                {superseded.has(note.id) && <small class="status">{t('note.superseded')}</small>}
                {note.supersedes && <small class="status">{t('note.correction')}</small>}
                {note.coachingId && <small class="status">{t('note.aboutMeeting')}</small>}
                <p class={superseded.has(note.id) ? 'superseded' : ''}>{note.text}</p>
                {correcting === note.id ? (
                  <NoteForm scope={scope} participantId={participantId} sessions={sessions} correcting={note} onDone={() => setCorrecting(undefined)} />
                ) : (
                  !superseded.has(note.id) && (
                    <button type="button" class="secondary" onClick={() => setCorrecting(note.id)}>
                      {t('note.correct')}
                    </button>
                  )
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
