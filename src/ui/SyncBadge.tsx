import { useRef } from 'preact/hooks';
import { hrefOf } from '../app/routes.ts';
import { useSyncState } from '../app/useSyncState.ts';
import type { SyncSnapshot } from '../data/sync/scheduler.ts';
import { useT } from '../i18n/useT.tsx';
import { CloudIcon, CloudOffIcon, WarningIcon } from './icons.tsx';

const STATUS_KEY = {
  offline: 'sync.status.offline',
  idle: 'sync.status.idle',
  syncing: 'sync.status.syncing',
  error: 'sync.status.error',
  signIn: 'sync.status.signIn',
} as const;

/** A participant's words: what happened to their answers, never how (no "sync", "server", "pending"). */
const PLAIN_STATUS_KEY = {
  offline: 'my.sync.status.offline',
  idle: 'my.sync.status.idle',
  syncing: 'my.sync.status.syncing',
  error: 'my.sync.status.error',
  signIn: 'sync.status.signIn',
} as const;

type Said = 'offline' | 'waiting' | 'safe' | 'problem';
const SAY_KEY = { offline: 'sync.say.offline', waiting: 'sync.say.waiting', safe: 'sync.say.safe', problem: 'sync.say.problem' } as const;
const PLAIN_SAY_KEY = { offline: 'my.sync.say.offline', waiting: 'my.sync.say.waiting', safe: 'my.sync.say.safe', problem: 'my.sync.say.problem' } as const;

/** What a screen reader hears: only these changes. A round running, or a new sync time, is none (undefined: keep what was said). */
function meaning(s: SyncSnapshot): Said | undefined {
  if (s.status === 'offline') return 'offline';
  if (s.status === 'error' || s.status === 'signIn' || s.refused + s.quarantined > 0) return 'problem';
  if (s.pending > 0) return 'waiting';
  return s.status === 'syncing' ? undefined : 'safe';
}

/**
 * At a glance, and one tap from the details: online or not, what is still only here, when the
 * last sync was. `plain`: a participant's wording (the shell knows who is looking).
 */
export function SyncBadge({ plain = false }: { plain?: boolean }) {
  const { t, plural, moment } = useT();
  const s = useSyncState();
  const problems = s.refused + s.quarantined;
  const said = useRef<Said>('safe');
  said.current = meaning(s) ?? said.current;
  const Icon = problems > 0 || s.status === 'error' || s.status === 'signIn' ? WarningIcon : s.status === 'offline' ? CloudOffIcon : CloudIcon;
  // A full device is not a connection problem: said as what it is, in everyone's words.
  const storageFull = s.status === 'error' && s.error?.key === 'sync.err.storageFull';
  return (
    <>
      <a
        class={`sync-badge sync-${s.status}`}
        href={hrefOf({ name: 'sync' })}
        data-testid="sync-badge"
        data-status={s.status}
        data-pending={s.pending}
        data-last-sync={s.lastSyncAt ?? ''}
        data-problem={s.error?.key ?? ''}
      >
        <Icon />
        {plain ? (
          <span class="sync-text">
            <span>
              <strong>{t(storageFull ? 'sync.status.storageFull' : s.status === 'idle' && s.pending > 0 ? 'my.sync.savedHere' : PLAIN_STATUS_KEY[s.status])}</strong>
              {(s.status === 'offline' || s.status === 'error') && (
                <span class="sync-pending">
                  {' · '}
                  {s.pending > 0 ? t('my.sync.savedHere') : t('my.sync.sent')}
                </span>
              )}
              {problems > 0 && <span class="sync-pending">{` · ⚠ ${problems}`}</span>}
            </span>
            <span class="sync-last">{s.lastSyncAt ? t('my.sync.lastSent', { time: moment(s.lastSyncAt) }) : t('my.sync.never')}</span>
          </span>
        ) : (
          <span class="sync-text">
            <span>
              <strong>{t(storageFull ? 'sync.status.storageFull' : STATUS_KEY[s.status])}</strong>
              <span class="sync-pending">
                {' · '}
                {s.pending > 0 ? plural('sync.pending', s.pending) : t('sync.allSent')}
                {problems > 0 && ` · ⚠ ${problems}`}
              </span>
            </span>
            <span class="sync-last">{s.lastSyncAt ? t('sync.lastSync', { time: moment(s.lastSyncAt) }) : t('sync.never')}</span>
          </span>
        )}
      </a>
      <p class="visually-hidden" role="status" data-testid="sync-announcer">
        {t((plain ? PLAIN_SAY_KEY : SAY_KEY)[said.current])}
      </p>
    </>
  );
}
