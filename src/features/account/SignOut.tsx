import { useEffect, useRef, useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useSyncState } from '../../app/useSyncState.ts';
import { useT } from '../../i18n/useT.tsx';

/**
 * Sign-out wipes this user's data from the device, so it is always confirmed: with a warning
 * (and "sync now") when changes are not on the server yet, and a plain word when the device
 * is offline that signing in again will need the network.
 */
export function SignOut({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, plural } = useT();
  const api = useData();
  const { pending, refused, status } = useSyncState();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const unsent = pending + refused;

  useEffect(() => {
    if (asking) panel.current?.focus();
  }, [asking]);

  const signOut = async () => {
    setBusy(true);
    await api.signOut();
    onSignedOut();
  };

  return (
    <>
      <button type="button" class="secondary" onClick={() => setAsking(true)} disabled={busy} aria-expanded={asking}>
        {t('signIn.signOut')}
      </button>
      {asking && (
        <div class="card notice notice-warning sign-out-warning" role="alertdialog" aria-labelledby="sign-out-title" aria-describedby="sign-out-text" tabIndex={-1} ref={panel}>
          <h2 id="sign-out-title">{unsent > 0 ? t('signOut.title') : t('signOut.confirmTitle')}</h2>
          <div id="sign-out-text">
            <p>{unsent > 0 ? plural('signOut.unsent', unsent) : t('signOut.allSent')}</p>
            {status === 'offline' && <p data-testid="sign-out-offline">{t('signOut.offline')}</p>}
          </div>
          <div class="actions">
            {unsent > 0 && (
              <button type="button" onClick={() => void api.sync.syncNow()} disabled={status === 'syncing' || status === 'offline'}>
                {t('sync.now')}
              </button>
            )}
            <button type="button" class="danger" onClick={() => void signOut()} disabled={busy}>
              {unsent > 0 ? t('signOut.anyway') : t('signIn.signOut')}
            </button>
            <button type="button" class="secondary" onClick={() => setAsking(false)}>
              {t('session.cancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
