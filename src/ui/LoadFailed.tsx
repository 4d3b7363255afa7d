import { useT } from '../i18n/useT.tsx';

export function LoadFailed() {
  const { t } = useT();
  return (
    <div role="alert" class="notice notice-error">
      <p>{t('app.loadFailed')}</p>
      <button type="button" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}
