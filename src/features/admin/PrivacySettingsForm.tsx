import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { DEFAULT_GROUP_SETTINGS, privacyOf, type Organisation, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';

const PATHS = { lock: 'privacy.lockAfterMinutes', retention: 'privacy.retentionMonths' } as const;
/** Blank or not a number is no whole number: the schema refuses it at the field. */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

/**
 * The organisation's privacy on devices: how soon an unused device locks, and how long notes
 * and functional-capacity observations stay on the devices (older ones leave them; the
 * server keeps them). Written to every group's copy of the organisation's record, as the
 * report settings are (ReportingSettingsForm), and shown once there is one to copy from.
 */
export function PrivacySettingsForm({ copies, scopes }: { copies: Organisation[]; scopes: string[] }) {
  const { t } = useT();
  const { store } = useData();
  const [current] = [...copies].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const [values, setValues] = useState(() => {
    const { lockAfterMinutes, retentionMonths } = privacyOf(current);
    return { lock: String(lockAfterMinutes), retention: String(retentionMonths) };
  });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const byField = problemsByField(problems);
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
  const id = (name: string) => `privacy-${name}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const changes = { privacy: { lockAfterMinutes: num(values.lock), retentionMonths: num(values.retention) } };
    for (const scope of scopes) {
      const copy = copies.find((c) => c.scope === scope);
      const result = copy
        ? await store.edit('organisation', scope, copy.id, changes)
        : await store.create('organisation', { id: 'organisation', scope, name: current?.name ?? '', defaults: current?.defaults ?? { ...DEFAULT_GROUP_SETTINGS }, ...changes });
      if (!result.ok) return setProblems(result.problems);
    }
    setProblems([]);
    setSaved(true);
  };

  const number = (name: keyof typeof PATHS, label: string, hint: string) => (
    <>
      <Field id={id(name)} label={label} problem={byField[PATHS[name]]}>
        {(aria) => (
          <input
            {...aria}
            aria-describedby={[aria['aria-describedby'], id(`${name}-hint`)].filter(Boolean).join(' ')}
            inputMode="numeric"
            value={values[name]}
            onInput={set(name)}
          />
        )}
      </Field>
      <p class="hint" id={id(`${name}-hint`)}>
        {hint}
      </p>
    </>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={id('title')} class="card">
      <h2 id={id('title')}>{t('privacySettings.title')}</h2>
      {number('lock', t('privacySettings.lock'), t('privacySettings.lockHelp'))}
      {number('retention', t('privacySettings.retention'), t('privacySettings.retentionHelp'))}
      {saved && <p role="status">{t('admin.done')}</p>}
      <FormProblems problems={problems.filter((p) => !Object.values(PATHS).includes(p.path as (typeof PATHS)[keyof typeof PATHS])).slice(0, 1)} />
      <button type="submit">{t('privacySettings.save')}</button>
    </form>
  );
}
