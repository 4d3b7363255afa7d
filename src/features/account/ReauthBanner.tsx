import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useSyncState } from '../../app/useSyncState.ts';
import { useT } from '../../i18n/useT.tsx';

/** When the server session has expired: ask for the password again, in place; nothing local is touched. */
export function ReauthBanner() {
  const { t } = useT();
  const api = useData();
  const { status } = useSyncState();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (status !== 'signIn') return null;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const result = await api.reauthenticate(password);
    setBusy(false);
    if (result === 'ok') {
      setPassword('');
      setError(null);
    } else {
      setError(result === 'signIn.wrongUser' ? t('signIn.wrongUser', { name: api.user.name }) : t(result.key, result.params));
    }
  };

  return (
    <form class="card notice notice-warning" onSubmit={submit} aria-labelledby="reauth-title">
      <h2 id="reauth-title">{t('signIn.expiredTitle')}</h2>
      <p>{t('signIn.expired')}</p>
      <div class="field">
        <label for="reauth-password">{t('signIn.password')}</label>
        <input id="reauth-password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </div>
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}
