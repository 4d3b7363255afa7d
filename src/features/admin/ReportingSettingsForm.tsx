import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { DEFAULT_GROUP_SETTINGS, reportingOf, type Organisation, type Problem, type ReportingSettings } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';

const euroText = (cents: number | undefined) => (cents === undefined ? '' : String(cents / 100).replace('.', ','));
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));
/**
 * Blank is "not entered"; anything else is euros and cents. More than two decimals is no sum in
 * cents: not a number, which the schema refuses at the field (rounding would save another sum
 * than the one typed). The rounding only undoes floating point (12,34 × 100 = 1233,99…).
 */
const centsOf = (text: string) => (text.trim() === '' ? undefined : /[.,]\d{3,}$/.test(text.trim()) ? Number.NaN : Math.round(num(text) * 100));

const PATHS = {
  name: 'name',
  threshold: 'reporting.smallCountThreshold',
  subsidy: 'reporting.unitValues.subsidyMonthCents',
  other: 'reporting.unitValues.otherMonthCents',
  otherLabel: 'reporting.unitValues.otherLabel',
} as const;
const MONEY: string[] = [PATHS.subsidy, PATHS.other];

/** The record's settings as typed: blank fields are left out, so a cleared value is no longer entered. */
function settingsOf(values: { threshold: string; subsidy: string; other: string; otherLabel: string }): ReportingSettings {
  const unitValues = {
    ...(centsOf(values.subsidy) === undefined ? {} : { subsidyMonthCents: centsOf(values.subsidy) }),
    ...(centsOf(values.other) === undefined ? {} : { otherMonthCents: centsOf(values.other) }),
    ...(values.otherLabel.trim() === '' ? {} : { otherLabel: values.otherLabel.trim() }),
  };
  return { ...(values.threshold.trim() === '' ? {} : { smallCountThreshold: num(values.threshold) }), unitValues };
}

/**
 * The organisation's name (the producer its reports name) and how its reports count: the
 * smallest count a report that leaves the organisation shows, and the unit values the impact
 * report's savings estimate uses. The organisation's record lives in each group's database
 * (`copies`, the newest shown); saving writes every copy, and makes one in a group that has
 * none (`scopes`), so every group's reports agree. Problems are shown at their fields and what
 * was typed is kept.
 */
export function ReportingSettingsForm({ copies, scopes }: { copies: Organisation[]; scopes: string[] }) {
  const { t } = useT();
  const { store } = useData();
  const [current] = [...copies].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const [values, setValues] = useState(() => {
    const { smallCountThreshold, unitValues } = reportingOf(current);
    return {
      name: current?.name ?? '',
      threshold: String(smallCountThreshold),
      subsidy: euroText(unitValues.subsidyMonthCents),
      other: euroText(unitValues.otherMonthCents),
      otherLabel: unitValues.otherLabel ?? '',
    };
  });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const byField = problemsByField(problems.map((p) => (MONEY.includes(p.path) ? { ...p, key: 'v.euros' } : p)));
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
  const id = (name: string) => `reporting-${name}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const changes = { name: values.name, reporting: settingsOf(values) };
    for (const scope of scopes) {
      const copy = copies.find((c) => c.scope === scope);
      const result = copy
        ? await store.edit('organisation', scope, copy.id, changes)
        : await store.create('organisation', { id: 'organisation', scope, defaults: { ...DEFAULT_GROUP_SETTINGS }, ...changes });
      if (!result.ok) return setProblems(result.problems);
    }
    setProblems([]);
    setSaved(true);
  };

  const money = (name: 'subsidy' | 'other', label: string, hint?: string) => (
    <Field id={id(name)} label={label} problem={byField[PATHS[name]]}>
      {(aria) => (
        <input
          {...aria}
          aria-describedby={[aria['aria-describedby'], hint].filter(Boolean).join(' ') || undefined}
          inputMode="decimal"
          value={values[name]}
          onInput={set(name)}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={id('title')} class="card">
      <h2 id={id('title')}>{t('reportSettings.title')}</h2>
      <Field id={id('name')} label={t('reportSettings.name')} problem={byField.name}>
        {(aria) => <input {...aria} autocomplete="organization" value={values.name} onInput={set('name')} />}
      </Field>
      <Field id={id('threshold')} label={t('reportSettings.threshold')} problem={byField[PATHS.threshold]}>
        {(aria) => (
          <input
            {...aria}
            aria-describedby={[aria['aria-describedby'], id('threshold-hint')].filter(Boolean).join(' ')}
            inputMode="numeric"
            value={values.threshold}
            onInput={set('threshold')}
          />
        )}
      </Field>
      <p class="hint" id={id('threshold-hint')}>
        {t('reportSettings.thresholdHelp')}
      </p>
      <fieldset>
        <legend>{t('reportSettings.unitValues')}</legend>
        <p class="hint" id={id('unit-hint')}>
          {t('reportSettings.unitValuesHelp')}
        </p>
        <div class="field-row">
          {money('subsidy', t('reportSettings.subsidy'), id('unit-hint'))}
          {money('other', t('reportSettings.other'), id('unit-hint'))}
          <Field id={id('otherLabel')} label={t('reportSettings.otherLabel')} problem={byField[PATHS.otherLabel]}>
            {(aria) => <input {...aria} value={values.otherLabel} onInput={set('otherLabel')} />}
          </Field>
        </div>
      </fieldset>
      {saved && <p role="status">{t('admin.done')}</p>}
      <FormProblems problems={problems.filter((p) => !Object.values(PATHS).includes(p.path as (typeof PATHS)[keyof typeof PATHS])).slice(0, 1)} />
      <button type="submit">{t('reportSettings.save')}</button>
    </form>
  );
}
