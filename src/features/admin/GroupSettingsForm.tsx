import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { COST_PARTS, costOfParts, MODEL_GROUP_MONTHS, MODEL_GROUP_SIZE, MODEL_SESSION_COST_CENTS, type CostPart, type CostParts, type Group, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { COST_PART_LABEL } from '../../ui/cost-parts.ts';

/** `Kylmälä: Kauppa, Koulu` per line ⇄ villages with their usual pickup points. */
export const villagesToText = (villages: Group['villages']) => villages.map((v) => (v.pickupPoints.length ? `${v.name}: ${v.pickupPoints.join(', ')}` : v.name)).join('\n');
export const textToVillages = (text: string): Group['villages'] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', points = ''] = line.split(/:(.*)/s);
      return { name: name.trim(), pickupPoints: points.split(',').map((p) => p.trim()).filter(Boolean) };
    });

const euroText = (cents: number) => String(cents / 100).replace('.', ',');
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));
const centsOf = (text: string) => Math.round(num(text) * 100);

/** The split typed, in cents; a part left blank is nothing. None when no part is typed. */
function costPartsOf(typed: Record<CostPart, string>): CostParts | undefined {
  if (COST_PARTS.every((part) => typed[part].trim() === '')) return undefined;
  return Object.fromEntries(COST_PARTS.map((part) => [part, typed[part].trim() === '' ? 0 : centsOf(typed[part])])) as CostParts;
}

/** Fields the form shows a problem at; anything else is announced for the whole form. */
const FIELDS = ['sessionMinutes', 'capacity', 'instructorsPerSession', 'villages', 'startDate', 'endDate', 'targetSize', 'projectCode', ...COST_PARTS.map((part) => `costParts.${part}`)];

/**
 * The group's defaults for new sessions (its cost split as the PopUp model reckons it), its
 * villages with their usual pickup points, its life: when it runs and the size it aims at, and
 * the ESF+ project it counts in.
 */
export function GroupSettingsForm({ group }: { group: Group }) {
  const { t, tKey, money } = useT();
  const { store } = useData();
  const parts = group.settings.costParts;
  const [values, setValues] = useState({
    hours: String(group.settings.sessionMinutes / 60).replace('.', ','),
    capacity: String(group.settings.capacity),
    instructors: String(group.settings.instructorsPerSession),
    cost: euroText(group.settings.sessionCostCents),
    villages: villagesToText(group.villages),
    startDate: group.startDate ?? '',
    endDate: group.endDate ?? '',
    targetSize: group.targetSize === undefined ? '' : String(group.targetSize),
    projectCode: group.projectCode ?? '',
  });
  const [typedParts, setTypedParts] = useState<Record<CostPart, string>>(
    () => Object.fromEntries(COST_PARTS.map((part) => [part, parts ? euroText(parts[part]) : ''])) as Record<CostPart, string>,
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const byField = problemsByField(problems);
  const id = (name: string) => `settings-${group.id.replace(/\W/g, '-')}-${name}`;
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
  const asEuros = (problem?: Problem) => problem && { ...problem, key: 'v.euros' };
  const euros = (cents: number) => (Number.isFinite(cents) ? money(cents) : '–');
  const split = costPartsOf(typedParts);
  const total = split ? costOfParts(split) : centsOf(values.cost);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
    const result = await store.edit('group', group.scope, group.id, {
      settings: {
        sessionMinutes: Math.round(num(values.hours) * 60),
        capacity: num(values.capacity),
        instructorsPerSession: num(values.instructors),
        // With a split, the session's default cost is its sum (a session's parts must add up to its cost).
        sessionCostCents: total,
        ...(split ? { costParts: split } : {}),
      },
      villages: textToVillages(values.villages),
      startDate: optional(values.startDate),
      endDate: optional(values.endDate),
      targetSize: values.targetSize.trim() === '' ? undefined : num(values.targetSize),
      projectCode: optional(values.projectCode),
    });
    if (!result.ok) return setProblems(result.problems.map((p) => ({ ...p, path: p.path.replace(/^settings\./, '').replace(/^villages.*/, 'villages') })));
    setProblems([]);
    setSaved(true);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('settings.title', { group: group.name })}>
      <h3>{t('settings.title', { group: group.name })}</h3>
      <div class="field-row">
        <Field id={id('hours')} label={t('settings.hours')} problem={byField.sessionMinutes}>
          {(aria) => <input {...aria} inputMode="decimal" value={values.hours} onInput={set('hours')} />}
        </Field>
        <Field id={id('capacity')} label={t('session.capacity')} problem={byField.capacity}>
          {(aria) => <input {...aria} inputMode="numeric" value={values.capacity} onInput={set('capacity')} />}
        </Field>
        <Field id={id('instructors')} label={t('settings.instructors')} problem={byField.instructorsPerSession}>
          {(aria) => <input {...aria} inputMode="numeric" value={values.instructors} onInput={set('instructors')} />}
        </Field>
        {!split && (
          <Field id={id('cost')} label={t('session.cost')} problem={asEuros(byField.sessionCostCents)}>
            {(aria) => <input {...aria} inputMode="decimal" value={values.cost} onInput={set('cost')} />}
          </Field>
        )}
      </div>
      <fieldset>
        <legend>{t('settings.costParts')}</legend>
        <p class="hint">{t('settings.costPartsHelp')}</p>
        <div class="field-row">
          {COST_PARTS.map((part) => (
            <Field key={part} id={id(`part-${part}`)} label={t(COST_PART_LABEL[part])} problem={asEuros(byField[`costParts.${part}`])}>
              {(aria) => <input {...aria} inputMode="decimal" value={typedParts[part]} onInput={(e) => setTypedParts({ ...typedParts, [part]: e.currentTarget.value })} />}
            </Field>
          ))}
        </div>
        <p>
          <output for={COST_PARTS.map((part) => id(`part-${part}`)).join(' ')} aria-live="polite">
            {t('settings.costSum', { sum: euros(total), model: euros(MODEL_SESSION_COST_CENTS) })}
          </output>
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('settings.life')}</legend>
        <div class="field-row">
          <Field id={id('startDate')} label={t('settings.startDate')} problem={byField.startDate}>
            {(aria) => <input type="date" {...aria} value={values.startDate} onInput={set('startDate')} />}
          </Field>
          <Field id={id('endDate')} label={t('settings.endDate')} problem={byField.endDate}>
            {(aria) => <input type="date" {...aria} value={values.endDate} onInput={set('endDate')} />}
          </Field>
          <Field id={id('targetSize')} label={t('settings.targetSize')} problem={byField.targetSize}>
            {(aria) => (
              <input
                {...aria}
                aria-describedby={[aria['aria-describedby'], id('targetSize-hint')].filter(Boolean).join(' ')}
                inputMode="numeric"
                value={values.targetSize}
                onInput={set('targetSize')}
              />
            )}
          </Field>
        </div>
        <p class="hint" id={id('targetSize-hint')}>
          {t('settings.modelHint', { minSize: MODEL_GROUP_SIZE.min, maxSize: MODEL_GROUP_SIZE.max, minMonths: MODEL_GROUP_MONTHS.min, maxMonths: MODEL_GROUP_MONTHS.max })}
        </p>
      </fieldset>
      <Field id={id('projectCode')} label={t('settings.projectCode')} problem={byField.projectCode}>
        {(aria) => (
          <input
            {...aria}
            aria-describedby={[aria['aria-describedby'], id('projectCode-hint')].filter(Boolean).join(' ')}
            value={values.projectCode}
            onInput={set('projectCode')}
          />
        )}
      </Field>
      <p class="hint" id={id('projectCode-hint')}>
        {t('settings.projectCodeHelp')}
      </p>
      <Field id={id('villages')} label={t('settings.villages')} problem={byField.villages}>
        {(aria) => <textarea {...aria} rows={5} value={values.villages} onInput={set('villages')} />}
      </Field>
      <p class="hint">{t('settings.villagesHelp')}</p>
      {saved && <p role="status">{t('admin.done')}</p>}
      {problems.length > 0 && !problems.some((p) => FIELDS.includes(p.path) || (!split && p.path === 'sessionCostCents')) && (
        <p role="alert" class="notice notice-error">
          {tKey(problems[0]!.key, problems[0]!.params)}
        </p>
      )}
      <button type="submit">{t('settings.save')}</button>
    </form>
  );
}
