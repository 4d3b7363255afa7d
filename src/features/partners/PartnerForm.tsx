import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { PARTNER_KINDS, partnerId, type Partner, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';

type Values = Record<'name' | 'kind' | 'work' | 'contact' | 'capacity', string>;

const valuesOf = (p?: LocalDoc<'partner'>): Values => ({
  name: p?.name ?? '',
  kind: p?.kind ?? '',
  work: p?.work ?? '',
  contact: p?.contact ?? '',
  capacity: p?.capacity === undefined ? '' : String(p.capacity),
});

const FIELDS: string[] = ['name', 'kind', 'work', 'contact', 'capacity'];

/** Add or edit a partner organisation. Problems are shown at their fields and what was typed is kept. */
export function PartnerForm({ scope, existing, onDone, onCancel }: { scope: string; existing?: LocalDoc<'partner'>; onDone: (name: string) => void; onCancel: () => void }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const [values, setValues] = useState<Values>(() => valuesOf(existing));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const byField = problemsByField(problems);
  const set = (name: keyof Values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
  const fieldId = (name: string) => `partner-${existing ? existing.id.replace(/\W/g, '-') : 'new'}-${name}`;
  const titleId = fieldId('title');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const optional = (text: string) => (text.trim() === '' ? undefined : text);
    const capacity = values.capacity.trim();
    const fields = {
      name: values.name,
      kind: values.kind as Partner['kind'],
      work: optional(values.work),
      contact: optional(values.contact),
      capacity: capacity === '' ? undefined : Number(capacity.replace(',', '.')),
    };
    const result = existing
      ? await store.edit('partner', scope, existing.id, fields)
      : await store.create('partner', { ...fields, id: partnerId(), scope });
    setBusy(false);
    if (!result.ok) return setProblems(result.problems);
    onDone(result.value.name);
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{existing ? t('partners.editOne', { name: existing.name }) : t('partners.add')}</h2>
      {problems.length > 0 && (
        <p class="notice notice-error" role="alert">
          {t('session.fixErrors')}
        </p>
      )}
      <div class="field-row">
        <Field id={fieldId('name')} label={t('partners.name')} problem={byField.name}>
          {(aria) => <input {...aria} autocomplete="off" value={values.name} onInput={set('name')} />}
        </Field>
        <ChoiceField
          id={fieldId('kind')}
          label={t('partners.kind')}
          problem={byField.kind}
          value={values.kind as Partner['kind'] | ''}
          options={PARTNER_KINDS}
          labelOf={(kind) => tKey(`partner.kind.${kind}`)}
          onChange={(kind) => setValues({ ...values, kind })}
          none={t('partners.chooseKind')}
        />
        <Field id={fieldId('capacity')} label={t('partners.capacity')} problem={byField.capacity}>
          {(aria) => <input {...aria} inputMode="numeric" value={values.capacity} onInput={set('capacity')} />}
        </Field>
      </div>
      <Field id={fieldId('work')} label={t('partners.work')} problem={byField.work}>
        {(aria) => <input {...aria} value={values.work} onInput={set('work')} />}
      </Field>
      <Field id={fieldId('contact')} label={t('partners.contact')} problem={byField.contact}>
        {(aria) => <input {...aria} autocomplete="off" value={values.contact} onInput={set('contact')} />}
      </Field>
      <FormProblems problems={problems.filter((p) => !FIELDS.includes(p.path))} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('partners.save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('session.cancel')}
        </button>
      </div>
    </form>
  );
}
