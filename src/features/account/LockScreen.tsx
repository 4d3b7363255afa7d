import { useEffect, useState } from 'preact/hooks';
import { deviceProfiles, openWithPassword, openWithPin, type Opened } from '../../data/device-lock.ts';
import { useT } from '../../i18n/useT.tsx';

/**
 * What a locked device shows: nothing but who may open it. The person opens with their PIN
 * (offline too) or their password; another person who has been signed in here opens with
 * their own; someone new signs in.
 */
export function LockScreen({ name, onOpened, onSomeoneElse, now = () => Date.now() }: {
  /** Whose lock this is; none: the people on this device choose. */
  name: string | null;
  onOpened: (opened: Opened, needsPin: boolean) => void;
  onSomeoneElse: () => void;
  now?: () => number;
}) {
  const { t, plural } = useT();
  const [who, setWho] = useState(name);
  const [usePassword, setUsePassword] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const people = deviceProfiles().map((p) => p.name);

  useEffect(() => {
    if (!waitUntil) return;
    const timer = setTimeout(() => setWaitUntil(0), Math.max(0, waitUntil - now()));
    return () => clearTimeout(timer);
  }, [waitUntil]);

  const choose = (person: string) => {
    setWho(person);
    setSecret('');
    setMessage(null);
    setUsePassword(false);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!who) return;
    setBusy(true);
    setMessage(null);
    if (usePassword) {
      const result = await openWithPassword(who, secret);
      setBusy(false);
      if (result.ok) return onOpened(result.opened, result.needsPin);
      setSecret('');
      return setMessage(t(result.key, result.params));
    }
    const at = now();
    const result = await openWithPin(who, secret, at);
    setBusy(false);
    if (result.ok) return onOpened(result.opened, false);
    setSecret('');
    if (result.reason === 'exhausted') {
      setUsePassword(true);
      return setMessage(t('lock.pinUsedUp'));
    }
    if (result.waitSeconds > 0) setWaitUntil(at + result.waitSeconds * 1000);
    setMessage(
      result.reason === 'wait' || result.waitSeconds > 0
        ? plural('lock.wait', result.waitSeconds)
        : plural('lock.wrongPin', result.triesBeforeWait),
    );
  };

  if (!who) {
    return (
      <section class="card sign-in" aria-labelledby="lock-title">
        <h1 id="lock-title">{t('lock.whoTitle')}</h1>
        <ul class="people">
          {people.map((p) => (
            <li key={p}>
              <button type="button" class="secondary" onClick={() => choose(p)}>
                {p}
              </button>
            </li>
          ))}
        </ul>
        <div class="actions">
          <button type="button" onClick={onSomeoneElse}>
            {t('lock.someoneElse')}
          </button>
        </div>
      </section>
    );
  }

  const others = people.filter((p) => p !== who);
  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby="lock-title">
      <h1 id="lock-title">{t('lock.title')}</h1>
      <p>{t('lock.openAs', { name: who })}</p>
      <div class="field">
        <label for="lock-secret">{usePassword ? t('signIn.password') : t('lock.pin')}</label>
        <input
          id="lock-secret"
          key={usePassword ? 'password' : 'pin'}
          type="password"
          autocomplete={usePassword ? 'current-password' : 'off'}
          inputMode={usePassword ? undefined : 'numeric'}
          required
          value={secret}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
      </div>
      {message && (
        <p role="alert" class="notice notice-error">
          {message}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy || waitUntil > 0}>
          {busy ? t('lock.opening') : t('lock.open')}
        </button>
        <button type="button" class="secondary" onClick={() => (setUsePassword(!usePassword), setSecret(''), setMessage(null))}>
          {usePassword ? t('lock.usePin') : t('lock.usePassword')}
        </button>
      </div>
      <div class="actions">
        {others.length > 0 && (
          <button type="button" class="secondary" onClick={() => setWho(null)}>
            {t('lock.switchPerson')}
          </button>
        )}
        <button type="button" class="secondary" onClick={onSomeoneElse}>
          {t('lock.someoneElse')}
        </button>
      </div>
    </form>
  );
}
