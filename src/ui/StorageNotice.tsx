import { useData } from '../app/useData.ts';
import { useObservable } from '../app/useObservable.ts';
import { useT } from '../i18n/useT.tsx';

/** Say so when the browser refuses persistent storage: data could be evicted before it syncs. */
export function StorageNotice() {
  const { t } = useT();
  const { persistence$ } = useData();
  const persistence = useObservable(() => persistence$, persistence$.value, [persistence$]);
  if (persistence !== 'refused') return null;
  return (
    <p class="notice notice-warning" role="status" data-testid="storage-refused">
      {t('storage.persistRefused')}
    </p>
  );
}
