import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { GUIDANCE_OUTCOMES, GUIDANCE_SERVICES, guidanceId, type Guidance, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { todayIso } from '../../ui/dates.ts';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { FormOpener } from './FormOpener.tsx';

/**
 * Where the person was guided on to, and whether it happened: staff follow each one up later.
 * Guidance is mostly recorded at a session; here it can also be added between sessions.
 */
export function GuidanceSection({ scope, participantId, guidance, now }: { scope: string; participantId: string; guidance: LocalDoc<'guidance'>[]; now: Date }) {
  const { t, tKey, day } = useT();
  const newestFirst = [...guidance].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
  return (
    <section class="card" aria-labelledby="guidance-title">
      <h2 id="guidance-title">{t('guidance.title')}</h2>
      {guidance.length === 0 && <p>{t('guidance.none')}</p>}
      <ol class="note-list" data-testid="guidance">
        {newestFirst.map((g) => (
          <li key={g.id}>
            <strong>{tKey(`guidance.service.${g.service}`)}</strong> · {day(g.date)}
            {g.description && <p>{g.description}</p>}
            <FollowUp scope={scope} guidance={g} today={todayIso(now)} />
          </li>
        ))}
      </ol>
      <FormOpener id="guidance-form" label={t('guidance.open')}>
        {(close) => <AddForm scope={scope} participantId={participantId} today={todayIso(now)} onSaved={close} />}
      </FormOpener>
    </section>
  );
}

function FollowUp({ scope, guidance, today }: { scope: string; guidance: LocalDoc<'guidance'>; today: string }) {
  const { t, tKey, day } = useT();
  const { store } = useData();
  const [outcome, setOutcome] = useState<Guidance['outcome']>(guidance.outcome);
  const prefix = `followup-${guidance.id.replace(/\W/g, '-')}`;
  const submit = (e: Event) => {
    e.preventDefault();
    void store.edit('guidance', scope, guidance.id, { outcome, followedUpOn: today });
  };
  return (
    <form class="field-row" onSubmit={submit} noValidate aria-label={t('guidance.followUpOf', { service: tKey(`guidance.service.${guidance.service}`) })}>
      <ChoiceField id={`${prefix}-outcome`} label={t('guidance.outcome')} value={outcome} options={GUIDANCE_OUTCOMES} labelOf={(o) => tKey(`guidance.outcome.${o}`)} onChange={setOutcome} />
      <div class="actions">
        <button type="submit" class="secondary">
          {t('guidance.followUp')}
        </button>
        {guidance.followedUpOn && <small class="status">{t('guidance.followedUp', { date: day(guidance.followedUpOn) })}</small>}
      </div>
    </form>
  );
}

function AddForm({ scope, participantId, today, onSaved }: { scope: string; participantId: string; today: string; onSaved: () => void }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const fresh = { date: today, service: 'employmentServices' as Guidance['service'], description: '' };
  const [values, setValues] = useState(fresh);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);

  const submit = async (e: Event) => {
    e.preventDefault();
    const { description, ...rest } = values;
    const result = await store.create('guidance', { ...rest, ...(description.trim() ? { description } : {}), id: guidanceId(), scope, participantId, outcome: 'pending' });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setValues(fresh);
    onSaved();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="guidance-add">
      <h3 id="guidance-add">{t('guidance.add')}</h3>
      <div class="field-row">
        <ChoiceField id="guidance-service" label={t('guidance.service')} problem={byField.service} value={values.service} options={GUIDANCE_SERVICES} labelOf={(s) => tKey(`guidance.service.${s}`)} onChange={(service) => setValues({ ...values, service })} />
        <Field id="guidance-date" label={t('guidance.date')} problem={byField.date}>
          {(aria) => <input type="date" {...aria} value={values.date} onInput={(e) => setValues({ ...values, date: e.currentTarget.value })} />}
        </Field>
      </div>
      <Field id="guidance-description" label={t('guidance.description')} problem={byField.description}>
        {(aria) => <input {...aria} value={values.description} onInput={(e) => setValues({ ...values, description: e.currentTarget.value })} />}
      </Field>
      <button type="submit">{t('guidance.save')}</button>
    </form>
  );
}
