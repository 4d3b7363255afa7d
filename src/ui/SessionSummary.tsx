import type { StartSession } from '../data/start-snapshot.ts';
import { useT } from '../i18n/useT.tsx';

/** A session in one block: when, where, with whom, its state; used by every screen about a session. */
export function SessionSummary({ session }: { session: StartSession }) {
  const { t, day, time } = useT();
  return (
    <span class="session-summary">
      <strong>{t('session.when', { date: day(session.date), start: time(session.startTime), end: time(session.endTime) })}</strong>
      <span>
        {session.village}
        {session.theme ? ` · ${session.theme}` : ''}
      </span>
      {session.instructors.length > 0 && <span class="session-instructors">{t('session.with', { names: session.instructors.join(', ') })}</span>}
      <span class={`status status-${session.status}`}>{t(`session.status.${session.status}`)}</span>
      {session.syncState !== 'synced' && <span class="unsynced">{t('attendance.notSynced')}</span>}
    </span>
  );
}
