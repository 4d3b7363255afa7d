import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import {
  AGE_GROUPS,
  checkDoc,
  EDUCATION_LEVELS,
  GENDERS,
  keyOf,
  LABOUR_MARKET_STATUSES,
  isDuplicateParticipant,
  LANGUAGES,
  PARTICIPANT_STATUSES,
  participantId,
  REFERRAL_SOURCES,
  SCHEMA_VERSION,
  SENSITIVE_ANSWERS,
  SENSITIVE_ITEMS,
  type EsfEntry,
  type EsfSensitive,
  type Group,
  type Participant,
  type Problem,
} from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { groupKeyOf } from '../../wire/scopes.ts';

/** The ESF+ entry items asked at the start, each with "prefers not to say". */
const ENTRY_ITEMS = ['gender', 'ageGroup', 'labourMarketStatus', 'educationLevel'] as const;

type Values = Record<
  'displayName' | 'homeVillage' | 'language' | 'status' | 'startDate' | 'endDate' | 'phone' | 'email' | 'referral' | 'entryDate' | (typeof ENTRY_ITEMS)[number],
  string
> & {
  consent: boolean;
  /** The person consented to record the sensitive items (the fieldset stays closed until then). */
  sensitiveConsent: boolean;
  sensitive: Record<(typeof SENSITIVE_ITEMS)[number], string>;
};

const nonEmpty = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v));

const valuesOf = (today: string, p?: LocalDoc<'participant'>): Values => ({
  displayName: p?.displayName ?? '',
  homeVillage: p?.homeVillage ?? '',
  language: p?.language ?? 'fi',
  status: p?.status ?? 'active',
  startDate: p?.startDate ?? today,
  // Offered when the status becomes "ended": the day it ended, today unless staff say otherwise.
  endDate: p?.endDate ?? today,
  referral: p?.referral ?? '',
  phone: p?.contact?.phone ?? '',
  email: p?.contact?.email ?? '',
  consent: !!p?.contact?.consentRecordedAt,
  gender: p?.esf?.gender ?? '',
  ageGroup: p?.esf?.ageGroup ?? '',
  labourMarketStatus: p?.esf?.labourMarketStatus ?? '',
  educationLevel: p?.esf?.educationLevel ?? '',
  // Blank follows the start date.
  entryDate: p?.esf?.entryDate ?? '',
  sensitiveConsent: !!p?.esfSensitive,
  sensitive: Object.fromEntries(SENSITIVE_ITEMS.map((item) => [item, p?.esfSensitive?.[item] ?? ''])) as Values['sensitive'],
});

/**
 * The ESF+ entry record as typed, with a legacy age band (which this form does not edit) kept;
 * none when nothing of it is given.
 */
function esfOf(values: Values, old: EsfEntry | undefined, now: string): EsfEntry | undefined {
  const entry = nonEmpty(Object.fromEntries(ENTRY_ITEMS.map((item) => [item, values[item]])));
  const kept = old?.ageBand ? { ageBand: old.ageBand } : {};
  if (Object.keys(entry).length === 0 && Object.keys(kept).length === 0) return undefined;
  return { ...kept, ...entry, entryDate: values.entryDate || values.startDate, recordedAt: old?.recordedAt ?? now } as EsfEntry;
}

/** The sensitive items as typed, only with consent: consent taken back removes them all. */
const sensitiveOf = (values: Values, old: EsfSensitive | undefined, now: string): EsfSensitive | undefined =>
  values.sensitiveConsent ? ({ consentRecordedAt: old?.consentRecordedAt ?? now, ...nonEmpty(values.sensitive) } as EsfSensitive) : undefined;

/**
 * Add or edit a person on the roster. Contact details only with consent; the ESF+ entry items
 * are optional, and the sensitive ones open only once staff record the person's consent.
 * `now` is the clock (a test passes its own).
 */
export function ParticipantForm({
  scope,
  group,
  existing,
  others,
  onDone,
  onCancel,
  now,
}: {
  scope: string;
  group?: Group;
  existing?: LocalDoc<'participant'>;
  others: LocalDoc<'participant'>[];
  onDone: (id: string) => void;
  onCancel: () => void;
  now?: Date;
}) {
  const { t, tKey } = useT();
  const { store, user } = useData();
  const today = todayIso(now);
  const [values, setValues] = useState<Values>(() => valuesOf(today, existing));
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
    const ended = values.status === 'ended';
    // An ISO day compares as text; a blank or malformed one is the schema's to refuse.
    if (ended && values.endDate && values.endDate < values.startDate) local.push({ path: 'endDate', key: 'v.endBeforeStart' });
    if (ended && values.endDate > today) local.push({ path: 'endDate', key: 'v.endInFuture' });
    const stamp = (now ?? new Date()).toISOString();
    const fields = {
      displayName: values.displayName,
      homeVillage: values.homeVillage,
      language: values.language as Participant['language'],
      status: values.status as Participant['status'],
      startDate: values.startDate,
      referral: (values.referral || undefined) as Participant['referral'],
      // The day the participation ended (ESF+ counts the exit on it).
      endDate: ended ? values.endDate : undefined,
      contact: typedContact
        ? {
            ...(values.phone.trim() ? { phone: values.phone } : {}),
            ...(values.email.trim() ? { email: values.email.trim() } : {}),
            consentRecordedAt: existing?.contact?.consentRecordedAt ?? stamp,
          }
        : undefined,
      esf: esfOf(values, existing?.esf, stamp),
      esfSensitive: sensitiveOf(values, existing?.esfSensitive, stamp),
    };
    const groupKey = group ? keyOf(group.id) : (groupKeyOf(scope) ?? '');
    // Every problem in one round: the document is checked as it would be stored before anything is written.
    const candidate = {
      ...(existing ?? { createdAt: stamp, createdBy: user.name, clock: {} }),
      ...fields, id, scope, groupKey, type: 'participant', schemaVersion: SCHEMA_VERSION, updatedAt: stamp, updatedBy: user.name,
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
      const all = [...local, ...result.problems].map((p) => ({ ...p, path: p.path.replace(/^esfSensitive\./, 'sensitive.').replace(/^(contact|esf)\./, '') }));
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
  // A legacy status (2014–2020 "student") is kept as it is, offered only to the person who has it.
  const statuses: readonly string[] = existing?.esf?.labourMarketStatus === 'student' ? [...LABOUR_MARKET_STATUSES, 'student'] : LABOUR_MARKET_STATUSES;
  const setConsent = (consented: boolean) =>
    setValues({ ...values, sensitiveConsent: consented, sensitive: consented ? values.sensitive : (Object.fromEntries(SENSITIVE_ITEMS.map((item) => [item, ''])) as Values['sensitive']) });

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
        {values.status === 'ended' && (
          <Field id={fieldId('endDate')} label={t('participant.endDate')} problem={byField.endDate}>
            {(aria) => <input type="date" {...aria} max={today} value={values.endDate} onInput={set('endDate')} />}
          </Field>
        )}
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
          {choice('gender', GENDERS, 'participant.gender', true)}
          {choice('ageGroup', AGE_GROUPS, 'participant.ageGroup', true)}
          {choice('labourMarketStatus', statuses, 'participant.labourMarketStatus', true)}
          {choice('educationLevel', EDUCATION_LEVELS, 'participant.educationLevel', true)}
          <Field id={fieldId('entryDate')} label={t('participant.entryDate')} problem={byField.entryDate}>
            {(aria) => <input type="date" {...aria} value={values.entryDate || values.startDate} onInput={set('entryDate')} />}
          </Field>
        </div>
        {existing?.esf?.ageBand && <p class="hint">{t('participant.ageBandLegacy', { band: tKey(`participant.ageBand.${existing.esf.ageBand}`) })}</p>}
        <fieldset>
          <legend>{t('participant.sensitiveTitle')}</legend>
          <p class="hint">{t('participant.sensitiveHelp')}</p>
          <div class="field field-check">
            <input id={fieldId('sensitiveConsent')} type="checkbox" checked={values.sensitiveConsent} onChange={(e) => setConsent(e.currentTarget.checked)} />
            <label for={fieldId('sensitiveConsent')}>{t('participant.sensitiveConsent')}</label>
          </div>
          {values.sensitiveConsent && (
            <div class="field-row">
              {SENSITIVE_ITEMS.map((item) => (
                <ChoiceField
                  key={item}
                  id={fieldId(`sensitive-${item}`)}
                  label={tKey(`participant.sensitive.${item}`)}
                  problem={byField[`sensitive.${item}`]}
                  value={values.sensitive[item]}
                  options={SENSITIVE_ANSWERS}
                  labelOf={(o) => tKey(`participant.answer.${o}`)}
                  onChange={(v) => setValues({ ...values, sensitive: { ...values.sensitive, [item]: v } })}
                  none={t('participant.notGiven')}
                />
              ))}
            </div>
          )}
        </fieldset>
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
