import { useRegisterSW } from 'virtual:pwa-register/preact';
import { useT } from '../i18n/useT.tsx';

/**
 * A new version is offered, never forced: the person finishes what they are typing and
 * chooses when to reload (vite-plugin-pwa `registerType: 'prompt'`, workbox-window).
 */
export function ReloadPrompt() {
  const { t } = useT();
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!offlineReady && !needRefresh) return null;
  const close = () => {
    setOfflineReady(false);
    setNeedRefresh(false);
  };
  return (
    <div class="toast" role="status" data-testid="sw-status" data-offline-ready={offlineReady ? 'yes' : 'no'}>
      <p>{needRefresh ? t('update.available') : t('update.offlineReady')}</p>
      {needRefresh && (
        <button type="button" onClick={() => void updateServiceWorker(true)}>
          {t('update.reload')}
        </button>
      )}
      <button type="button" class="secondary" onClick={close}>
        {needRefresh ? t('update.later') : t('update.close')}
      </button>
    </div>
  );
}
