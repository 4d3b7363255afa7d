import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import {
  AGE_BANDS,
  checkDoc,
  EDUCATION_LEVELS,
  keyOf,
  LABOUR_MARKET_STATUSES,
  isDuplicateParticipant,
  LANGUAGES,
  PARTICIPANT_STATUSES,
  participantId,
  REFERRAL_SOURCES,
  SCHEMA_VERSION,
  type Group,
  type Participant,
  type Problem,
} from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { groupKeyOf } from '../../wire/scopes.ts';

type Values = Record<'displayName' | 'homeVillage' | 'language' | 'status' | 'startDate' | 'phone' | 'email' | 'labourMarketStatus' | 'ageBand' | 'educationLevel' | 'referral', string> & {
  consent: boolean;
};

const valuesOf = (p?: LocalDoc<'participant'>): Values => ({
  displayName: p?.displayName ?? '',
  homeVillage: p?.homeVillage ?? '',
  language: p?.language ?? 'fi',
  status: p?.status ?? 'active',
  startDate: p?.startDate ?? todayIso(),
  referral: p?.referral ?? '',
  phone: p?.contact?.phone ?? '',
  email: p?.contact?.email ?? '',
  consent: !!p?.contact?.consentRecordedAt,
  labourMarketStatus: p?.esf?.labourMarketStatus ?? '',
  ageBand: p?.esf?.ageBand ?? '',
  educationLevel: p?.esf?.educationLevel ?? '',
});

/** Add or edit a person on the roster. Contact details only with consent; the ESF entry items are optional. */
export function ParticipantForm({
  scope,
  group,
  existing,
  others,
  onDone,
  onCancel,
}: {
  scope: string;
  group?: Group;
  existing?: LocalDoc<'participant'>;
  others: LocalDoc<'participant'>[];
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const { t, tKey } = useT();
  const { store, user } = useData();
  const [values, setValues] = useState<Values>(() => valuesOf(existing));
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const set = (name: keyof Values) => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
  const id = existing?.id ?? participantId();
  const fieldId = (name: string) => `participant-${name}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const typedContact = values.phone.trim() !== '' || values.email.trim() !== '';
    const local: Problem[] = [];
    if (typedContact && !values.consent) local.push({ path: 'consent', key: 'v.consentNeeded' });
    if (isDuplicateParticipant(others, id, values.displayName, values.homeVillage)) local.push({ path: 'displayName', key: 'v.duplicateParticipant' });
    const now = new Date().toISOString();
    const esfItems = { labourMarketStatus: values.labourMarketStatus, ageBand: values.ageBand, educationLevel: values.educationLevel };
    const esfGiven = Object.values(esfItems).some(Boolean);
    const fields = {
      displayName: values.displayName,
      homeVillage: values.homeVillage,
      language: values.language as Participant['language'],
      status: values.status as Participant['status'],
      startDate: values.startDate,
      referral: (values.referral || undefined) as Participant['referral'],
      // The end of a participation is dated the day it is marked (ESF counts at exit).
      endDate: values.status === 'ended' ? (existing?.endDate ?? todayIso()) : undefined,
      contact: typedContact
        ? {
            ...(values.phone.trim() ? { phone: values.phone } : {}),
            ...(values.email.trim() ? { email: values.email.trim() } : {}),
            consentRecordedAt: existing?.contact?.consentRecordedAt ?? now,
          }
        : undefined,
      esf: esfGiven
        ? { ...Object.fromEntries(Object.entries(esfItems).filter(([, v]) => v)), recordedAt: existing?.esf?.recordedAt ?? now }
        : undefined,
    };
    const groupKey = group ? keyOf(group.id) : (groupKeyOf(scope) ?? '');
    // Every problem in one round: the document is checked as it would be stored before anything is written.
    const candidate = {
      ...(existing ?? { createdAt: now, createdBy: user.name, clock: {} }),
      ...fields, id, scope, groupKey, type: 'participant', schemaVersion: SCHEMA_VERSION, updatedAt: now, updatedBy: user.name,
    };
    const checked = checkDoc(candidate);
    const result =
      local.length > 0 || !checked.ok
        ? ({ ok: false, problems: checked.ok ? [] : checked.problems } as const)
        : existing
          ? await store.edit('participant', scope, id, fields as Partial<Participant>)
          : await store.create('participant', { ...fields, id, scope, groupKey } as never);
    if (!result.ok) {
      // Problems inside contact or ESF details belong to their own fields.
      const all = [...local, ...result.problems].map((p) => ({ ...p, path: p.path.replace(/^(contact|esf)\./, '') }));
      setProblems(all);
      return;
    }
    onDone(id);
  };

  const choice = (name: keyof Values, options: readonly string[], labelKey: string, optional: boolean) => (
    <ChoiceField
      id={fieldId(name)}
      label={tKey(labelKey)}
      problem={byField[name]}
      value={values[name] as string}
      options={options}
      labelOf={(o) => tKey(`${labelKey}.${o}`)}
      onChange={(v) => setValues({ ...values, [name]: v })}
      none={optional ? t('participant.notGiven') : undefined}
    />
  );

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="participant-form-title">
      <h2 id="participant-form-title">{existing ? t('participant.edit') : t('participant.add')}</h2>
      {problems.length > 0 && (
        <p class="notice notice-error" role="alert">
          {t('session.fixErrors')}
        </p>
      )}
      <div class="field-row">
        <Field id={fieldId('displayName')} label={t('admin.displayName')} problem={byField.displayName}>
          {(aria) => <input {...aria} value={values.displayName} onInput={set('displayName')} />}
        </Field>
        <Field id={fieldId('homeVillage')} label={t('admin.homeVillage')} problem={byField.homeVillage}>
          {(aria) => (
            <>
              <input {...aria} list="participant-villages" value={values.homeVillage} onInput={set('homeVillage')} />
              <datalist id="participant-villages">
                {group?.villages.map((v) => <option key={v.name} value={v.name} />)}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <div class="field-row">
        {choice('language', LANGUAGES, 'participant.language', false)}
        {choice('status', PARTICIPANT_STATUSES, 'participant.status', false)}
        <Field id={fieldId('startDate')} label={t('participant.startDate')} problem={byField.startDate}>
          {(aria) => <input type="date" {...aria} value={values.startDate} onInput={set('startDate')} />}
        </Field>
        {choice('referral', REFERRAL_SOURCES, 'participant.referral', true)}
      </div>
      <fieldset>
        <legend>{t('participant.contact')}</legend>
        <div class="field-row">
          <Field id={fieldId('phone')} label={t('participant.phone')} problem={byField.phone}>
            {(aria) => <input type="tel" {...aria} autocomplete="off" value={values.phone} onInput={set('phone')} />}
          </Field>
          <Field id={fieldId('email')} label={t('participant.email')} problem={byField.email}>
            {(aria) => <input type="email" {...aria} autocomplete="off" value={values.email} onInput={set('email')} />}
          </Field>
        </div>
        <div class={`field field-check${byField.consent ? ' field-invalid' : ''}`}>
          <input
            id={fieldId('consent')}
            type="checkbox"
            checked={values.consent}
            aria-invalid={!!byField.consent}
            aria-describedby={byField.consent ? `${fieldId('consent')}-error` : undefined}
            onChange={(e) => setValues({ ...values, consent: e.currentTarget.checked })}
          />
          <label for={fieldId('consent')}>{t('participant.consent')}</label>
        </div>
        {byField.consent && (
          <p class="field-error" id={`${fieldId('consent')}-error`}>
            {tKey(byField.consent.key)}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('participant.esf')}</legend>
        <p class="hint">{t('participant.esfHelp')}</p>
        <div class="field-row">
          {choice('labourMarketStatus', LABOUR_MARKET_STATUSES, 'participant.labourMarketStatus', true)}
          {choice('ageBand', AGE_BANDS, 'participant.ageBand', true)}
          {choice('educationLevel', EDUCATION_LEVELS, 'participant.educationLevel', true)}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit">{t('participant.save')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('session.cancel')}
        </button>
      </div>
    </form>
  );
}
