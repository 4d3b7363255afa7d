import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { useSyncState } from '../../app/useSyncState.ts';
import { useT } from '../../i18n/useT.tsx';

/** Everything about sync in plain words: errors, refused changes, quarantined arrivals. */
export function SyncDetails() {
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
