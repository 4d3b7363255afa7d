import { useEffect, useState } from 'preact/hooks';
import { COUCH_BASE, signIn, type SessionUser } from '../../data/auth.ts';
import { useT } from '../../i18n/useT.tsx';

/**
 * `onSignedIn` gets the password too: a staff member's data key is wrapped with it on this device.
 * `onBack`: to the people already here. `notice`: what just happened here, said before anything else
 * (a coordinator's cut-off wiped the last person's data, say).
 */
export function SignIn({ onSignedIn, onBack, notice }: { onSignedIn: (user: SessionUser, password: string) => void; onBack?: () => void; notice?: 'signIn.cutOff' | 'lock.dataLost' }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The first-sign-in form (and the validation library with it) loads only when asked for.
  const [claim, setClaim] = useState<typeof import('./ClaimCode.tsx') | null>(null);
  const [claiming, setClaiming] = useState(false);
  useEffect(() => {
    if (claiming && !claim) import('./ClaimCode.tsx').then(setClaim, () => setError(t('app.loadFailed')));
  }, [claiming]);
  if (claiming && claim) return <claim.ClaimCode onSignedIn={onSignedIn} onCancel={() => setClaiming(false)} />;
  if (claiming) return <p role="status">{t('app.loading')}</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(COUCH_BASE, name.trim(), password);
    setBusy(false);
    if (result.ok) onSignedIn(result.user, password);
    else setError(t(result.key, result.params));
  };

  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {notice && (
        <p role="status" class="notice notice-warning">
          {t(notice)}
        </p>
      )}
      <div class="field">
        <label for="sign-in-name">{t('signIn.username')}</label>
        <input id="sign-in-name" name="username" autocomplete="username" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="sign-in-password">{t('signIn.password')}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </div>
      {error && (
        <p role="alert" class="notice notice-error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <button type="button" class="secondary" onClick={() => setClaiming(true)}>
          {t('claim.open')}
        </button>
        {onBack && (
          <button type="button" class="secondary" onClick={onBack}>
            {t('lock.backToPeople')}
          </button>
        )}
      </div>
    </form>
  );
}
