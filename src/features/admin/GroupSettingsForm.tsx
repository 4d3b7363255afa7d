import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { Group, Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';

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

/** The group's defaults for new sessions, and its villages with their usual pickup points. */
export function GroupSettingsForm({ group }: { group: Group }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const [values, setValues] = useState({
    hours: String(group.settings.sessionMinutes / 60).replace('.', ','),
    capacity: String(group.settings.capacity),
    instructors: String(group.settings.instructorsPerSession),
    cost: String(group.settings.sessionCostCents / 100).replace('.', ','),
    villages: villagesToText(group.villages),
  });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const byField = problemsByField(problems);
  const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));
  const id = (name: string) => `settings-${group.id.replace(/\W/g, '-')}-${name}`;
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const result = await store.edit('group', group.scope, group.id, {
      settings: {
        sessionMinutes: Math.round(num(values.hours) * 60),
        capacity: num(values.capacity),
        instructorsPerSession: num(values.instructors),
        sessionCostCents: Math.round(num(values.cost) * 100),
      },
      villages: textToVillages(values.villages),
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
        <Field id={id('cost')} label={t('session.cost')} problem={byField.sessionCostCents ? { ...byField.sessionCostCents, key: 'v.euros' } : undefined}>
          {(aria) => <input {...aria} inputMode="decimal" value={values.cost} onInput={set('cost')} />}
        </Field>
      </div>
      <Field id={id('villages')} label={t('settings.villages')} problem={byField.villages}>
        {(aria) => <textarea {...aria} rows={5} value={values.villages} onInput={set('villages')} />}
      </Field>
      <p class="hint">{t('settings.villagesHelp')}</p>
      {saved && <p role="status">{t('admin.done')}</p>}
      {problems.length > 0 && !problems.some((p) => ['sessionMinutes', 'capacity', 'instructorsPerSession', 'sessionCostCents', 'villages'].includes(p.path)) && (
        <p role="alert" class="notice notice-error">
          {tKey(problems[0]!.key, problems[0]!.params)}
        </p>
      )}
      <button type="submit">{t('settings.save')}</button>
    </form>
  );
}
