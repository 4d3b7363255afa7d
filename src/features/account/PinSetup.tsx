import { useState } from 'preact/hooks';
import { setPin } from '../../data/device-lock.ts';
import { useT } from '../../i18n/useT.tsx';
import type { Problem } from '../../domain/validation.ts';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../domain/pin.ts';

/** A staff member's own PIN, asked once on a device (and again after it was used up). */
export function PinSetup({ name, dataKey, onDone }: { name: string; dataKey: CryptoKey; onDone: () => void }) {
  const { t } = useT();
  const [pin, setPinValue] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const byField = problemsByField(problems);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (pin !== repeat) return setProblems([{ path: 'repeat', key: 'v.pinsDiffer' }]);
    setBusy(true);
    const problem = await setPin(name, dataKey, pin);
    setBusy(false);
    if (problem) return setProblems([{ path: 'pin', key: problem }]);
    onDone();
  };

  const digits = { type: 'password', inputMode: 'numeric', autocomplete: 'off', pattern: '[0-9]*', minLength: PIN_MIN_LENGTH, maxLength: PIN_MAX_LENGTH, required: true } as const;
  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby="pin-setup-title" noValidate>
      <h1 id="pin-setup-title">{t('lock.setPinTitle')}</h1>
      <p>{t('lock.setPinWhy')}</p>
      <Field id="pin-new" label={t('lock.newPin')} problem={byField.pin}>
        {(aria) => <input {...aria} {...digits} value={pin} onInput={(e) => setPinValue(e.currentTarget.value)} />}
      </Field>
      <Field id="pin-repeat" label={t('lock.repeatPin')} problem={byField.repeat}>
        {(aria) => <input {...aria} {...digits} value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('lock.saving') : t('lock.savePin')}
        </button>
      </div>
    </form>
  );
}
