import { useState } from 'preact/hooks';
import { claimCode } from '../../data/admin-client.ts';
import { COUCH_BASE, signIn, type SessionUser } from '../../data/auth.ts';
import type { Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';

/** First sign-in: the one-time code from the coordinator, then a password of one's own. */
export function ClaimCode({ onSignedIn, onCancel }: { onSignedIn: (user: SessionUser, password: string) => void; onCancel: () => void }) {
  const { t } = useT();
  const [values, setValues] = useState({ name: '', code: '', password: '', repeat: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const byField = problemsByField(problems);
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
  const general = problems.filter((p) => !['name', 'code', 'password', 'repeat'].includes(p.path));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (values.password !== values.repeat) return setProblems([{ path: 'repeat', key: 'v.passwordsDiffer' }]);
    setBusy(true);
    const result = await claimCode({ name: values.name, code: values.code, password: values.password });
    if (!result.ok) {
      setBusy(false);
      // The server tells them apart: a wrong code (with the tries left), too many tries from
      // here (a pause; the code still works), an expired code.
      return setProblems(result.problems);
    }
    const signedIn = await signIn(COUCH_BASE, values.name.trim().toLowerCase(), values.password);
    setBusy(false);
    if (signedIn.ok) onSignedIn(signedIn.user, values.password);
    else setProblems([{ path: '', key: signedIn.key, ...(signedIn.params ? { params: signedIn.params } : {}) }]);
  };

  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby="claim-title" noValidate>
      <h1 id="claim-title">{t('claim.title')}</h1>
      <p>{t('claim.help')}</p>
      <Field id="claim-name" label={t('signIn.username')} problem={byField.name}>
        {(aria) => <input {...aria} autocomplete="username" value={values.name} onInput={set('name')} />}
      </Field>
      <Field id="claim-code" label={t('claim.code')} problem={byField.code}>
        {(aria) => <input {...aria} inputMode="numeric" autocomplete="one-time-code" value={values.code} onInput={set('code')} />}
      </Field>
      <Field id="claim-password" label={t('claim.password')} problem={byField.password}>
        {(aria) => <input {...aria} type="password" autocomplete="new-password" value={values.password} onInput={set('password')} />}
      </Field>
      <Field id="claim-repeat" label={t('claim.repeat')} problem={byField.repeat}>
        {(aria) => <input {...aria} type="password" autocomplete="new-password" value={values.repeat} onInput={set('repeat')} />}
      </Field>
      <FormProblems problems={general} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('claim.submit')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('claim.back')}
        </button>
      </div>
    </form>
  );
}
