import { useState } from 'preact/hooks';
import { isInstalled, isIos, useInstallPrompt } from '../app/install.ts';
import { useData } from '../app/useData.ts';
import { useObservable } from '../app/useObservable.ts';
import { useSyncState } from '../app/useSyncState.ts';
import { useT } from '../i18n/useT.tsx';

/** Remembered on this device: the person has read the notice and put it away. */
export const STORAGE_NOTICE_DISMISSED = 'polku.storageNotice.dismissed';

function dismissedHere(): boolean {
  try {
    return localStorage.getItem(STORAGE_NOTICE_DISMISSED) === '1';
  } catch {
    return false;
  }
}

/**
 * The browser did not promise to keep the data (it may free the space): an installed app
 * is what browsers keep, so installing is offered. Once put away, the notice comes back only
 * when it matters: there are changes not yet on the server. Until then it waits at the end
 * of the screen (`where="end"`), so a phone's first screen is the screen's own content; when
 * it matters it comes first (`where="top"`). Without `where`, either.
 */
export function StorageNotice({ where }: { where?: 'top' | 'end' }) {
  const { t, plural } = useT();
  const { persistence$ } = useData();
  const persistence = useObservable(() => persistence$, persistence$.value, [persistence$]);
  const { pending } = useSyncState();
  const { canPrompt, install } = useInstallPrompt();
  const [dismissed, setDismissed] = useState(dismissedHere);
  const installed = isInstalled();
  if (persistence !== 'refused') return null;
  const atRisk = pending > 0;
  if (!atRisk && (dismissed || installed)) return null;
  if ((where === 'top' && !atRisk) || (where === 'end' && atRisk)) return null;

  const dismiss = () => {
    try {
      localStorage.setItem(STORAGE_NOTICE_DISMISSED, '1');
    } catch {
      // Storage refused altogether: put away for this visit only.
    }
    setDismissed(true);
  };
  return (
    <div class="notice notice-warning storage-notice" data-testid="storage-refused" data-at-risk={atRisk ? 'yes' : 'no'}>
      <p>{atRisk ? plural('storage.unsyncedAtRisk', pending) : t('storage.persistRefused')}</p>
      {!installed &&
        !canPrompt &&
        (atRisk ? (
          // First on the screen now: the how-to one tap away, so the screen's own content still shows.
          <details class="storage-how">
            <summary>{t('storage.howToInstall')}</summary>
            <p>{isIos() ? t('storage.installIos') : t('storage.installOther')}</p>
          </details>
        ) : (
          <p>{isIos() ? t('storage.installIos') : t('storage.installOther')}</p>
        ))}
      <div class="storage-actions">
        {!installed && canPrompt && (
          <button type="button" onClick={() => void install()}>
            {t('storage.install')}
          </button>
        )}
        {!atRisk && (
          <button type="button" class="secondary" onClick={dismiss}>
            {t('storage.dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}
