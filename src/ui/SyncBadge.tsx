import { useSyncState } from '../app/useSyncState.ts';
import { useT } from '../i18n/useT.tsx';

const STATUS_KEY = {
  offline: 'sync.status.offline',
  idle: 'sync.status.idle',
  syncing: 'sync.status.syncing',
  error: 'sync.status.error',
  signIn: 'sync.status.signIn',
} as const;

/** At a glance: online or not, syncing, what is still only here, when the last sync was. */
export function SyncBadge() {
  const { t, plural, moment } = useT();
  const s = useSyncState();
  const problems = s.refused + s.quarantined;
  return (
    <div class={`sync-badge sync-${s.status}`} role="status" data-testid="sync-badge" data-status={s.status} data-pending={s.pending} data-last-sync={s.lastSyncAt ?? ''}>
      <span class="sync-dot" aria-hidden="true" />
      <span>
        <strong>{t(STATUS_KEY[s.status])}</strong>
        {' · '}
        {s.pending > 0 ? plural('sync.pending', s.pending) : t('sync.allSent')}
        {problems > 0 && ` · ⚠ ${problems}`}
      </span>
      <span class="sync-last">{s.lastSyncAt ? t('sync.lastSync', { time: moment(s.lastSyncAt) }) : t('sync.never')}</span>
    </div>
  );
}
