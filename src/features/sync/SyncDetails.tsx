import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { useSyncState } from '../../app/useSyncState.ts';
import { useT } from '../../i18n/useT.tsx';

/**
 * Everything about sync in plain words: errors, refused changes, quarantined arrivals.
 * `plain`: a participant's page, which says only what happened to their answers.
 */
export function SyncDetails({ plain = false }: { plain?: boolean }) {
  return plain ? <MyAnswersSent /> : <StaffSyncDetails />;
}

function StaffSyncDetails() {
  const { t, tKey, has, lang, plural } = useT();
  const { store, sync } = useData();
  const state = useSyncState();
  const refused = useObservable(() => store.refused(), [], [store]);
  const quarantined = useObservable(() => store.quarantined(), [], [store]);
  const reason = (raw: string) => (has(raw) ? tKey(raw) : raw);
  const groups = useObservable(() => store.groups(), [], [store]);
  const nameOf = (scope?: string) => (scope ? (groups.find((g) => g.scope === scope)?.name ?? scope) : '');
  const kb = (bytes: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1024);

  return (
    <section class="card" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.details')}</h1>
      {state.error && (
        <p class="notice notice-error" role="alert">
          {tKey(state.error.key, state.error.params)} {state.status === 'error' && t('sync.retryAt')}
        </p>
      )}
      {state.noAccess.map((scope) => (
        <p class="notice notice-warning" key={scope}>
          {t('sync.err.noAccess', { scope })}
        </p>
      ))}
      {state.progress && (
        <div class="sync-progress" data-testid="sync-progress">
          <label for="sync-progress-bar">
            {t('sync.progress', { done: state.progress.done, total: state.progress.total, group: nameOf(state.progress.scope) })}
          </label>
          <progress id="sync-progress-bar" max={state.progress.total} value={state.progress.done} />
          <p>{plural('sync.progressArrived', state.progress.pulled, { kb: kb(state.progress.bytes) })}</p>
        </div>
      )}
      <button type="button" onClick={() => void sync.syncNow()} disabled={state.status === 'syncing'}>
        {t('sync.now')}
      </button>
      {state.lastRound && state.lastRound.length > 0 && (
        <>
          <h2>{t('sync.lastRound')}</h2>
          <ul data-testid="last-round">
            {state.lastRound.map((r) => (
              <li key={r.scope}>{t('sync.lastRoundItem', { group: nameOf(r.scope), pulled: r.pulled, pushed: r.pushed, kb: kb(r.bytes) })}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('sync.refused.title')}</h2>
      {refused.length === 0 ? (
        <p>{t('sync.refused.none')}</p>
      ) : (
        <>
          <p>{t('sync.refused.help')}</p>
          <ul class="problem-list" data-testid="refused-list">
            {refused.map((doc) => (
              <li key={`${doc.scope}|${doc.id}`}>
                <strong>{tKey(`doc.kind.${doc.type}`)}</strong> <code>{doc.id}</code>: {reason(doc.syncError ?? 'srv.forbidden')}
              </li>
            ))}
          </ul>
          <button type="button" class="secondary" onClick={() => void sync.retryRefused()}>
            {t('sync.refused.retry')}
          </button>
        </>
      )}

      <h2>{t('sync.quarantine.title')}</h2>
      {quarantined.length === 0 ? (
        <p>{t('sync.quarantine.none')}</p>
      ) : (
        <>
          <p>{t('sync.quarantine.help')}</p>
          <ul class="problem-list" data-testid="quarantine-list">
            {quarantined.map((q) => (
              <li key={q.id}>
                {t('sync.quarantine.item', {
                  id: q.docId,
                  scope: q.scope,
                  reason: q.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${has(p.key) ? tKey(p.key) : p.key}`).join('; '),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What a participant writes, named as they know it. */
const MY_KINDS = { rsvp: 'my.kind.rsvp', ride: 'my.kind.ride', checkin: 'my.kind.checkin' } as const;

/**
 * A participant's page behind the badge: are my answers sent, and if one was not, which and
 * why, in short sentences. No counts of kilobytes, no database names, no "sync".
 */
function MyAnswersSent() {
  const { t, plural, moment } = useT();
  const { store, sync } = useData();
  const state = useSyncState();
  // The server's reasons speak of databases and rights: a participant is told which answer, and whom to ask.
  const refused = useObservable(() => store.refused(), [], [store]);
  const problems = refused.length;
  const kind = (type: string) => t(type in MY_KINDS ? MY_KINDS[type as keyof typeof MY_KINDS] : 'my.kind.other');
  const { status, pending } = state;
  return (
    <section class="card" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('my.sync.title')}</h1>
      <p class="my-sync-now" data-testid="my-sync-now">
        {status === 'signIn'
          ? t('my.sync.signIn')
          : pending > 0
            ? plural('my.sync.waiting', pending)
            : status === 'offline'
              ? t('my.sync.offlineNothingWaiting')
              : state.lastSyncAt
                ? t('my.sync.allSent')
                : t('my.sync.notYet')}
      </p>
      {status === 'error' && (
        <p class="notice notice-warning" role="alert">
          {t('my.sync.failed')}
        </p>
      )}
      {state.noAccess.length > 0 && <p class="notice notice-warning">{t('my.noAccess')}</p>}
      {state.lastSyncAt && <p class="hint">{t('my.sync.lastSent', { time: moment(state.lastSyncAt) })}</p>}
      <button type="button" onClick={() => void sync.syncNow()} disabled={status === 'syncing' || status === 'offline'}>
        {status === 'syncing' ? t('my.sync.status.syncing') : t('my.sync.now')}
      </button>
      {status === 'offline' && <p class="hint">{t('my.sync.needsNet')}</p>}
      {problems > 0 && (
        <>
          <h2>{t('my.sync.refusedTitle')}</h2>
          <ul class="problem-list" data-testid="refused-list">
            {refused.map((doc) => (
              <li key={`${doc.scope}|${doc.id}`}>
                {kind(doc.type)}
              </li>
            ))}
          </ul>
          <p>{t('my.sync.refusedHelp')}</p>
          <button type="button" class="secondary" onClick={() => void sync.retryRefused()}>
            {t('sync.refused.retry')}
          </button>
        </>
      )}
    </section>
  );
}
