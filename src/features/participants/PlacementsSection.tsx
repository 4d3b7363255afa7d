import { useState } from 'preact/hooks';
import { hrefOf } from '../../app/routes.ts';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { currentStep, PLACEMENT_OUTCOMES, PLACEMENT_STAGES, placementId, planStepId, type Placement, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { todayIso } from '../../ui/dates.ts';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { FormOpener } from './FormOpener.tsx';

/** `12` or `12,5` (Finnish decimal comma) → a number; empty or anything else → NaN, which the schema refuses. */
const hoursOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

/**
 * Placements at partner organisations. Each one is also a step on the path (made with it,
 * not shown to the participant until staff choose), so the path reads the same either way.
 */
export function PlacementsSection({ scope, participantId, placements, partners, steps, now }: {
  scope: string;
  participantId: string;
  placements: LocalDoc<'placement'>[];
  partners: LocalDoc<'partner'>[];
  steps: LocalDoc<'planstep'>[];
  now: Date;
}) {
  const { t, tKey, day, lang } = useT();
  const [ending, setEnding] = useState<string | undefined>();
  const nameOf = (id: string) => partners.find((p) => p.id === id)?.name ?? '';
  const newestFirst = [...placements].sort((a, b) => b.startDate.localeCompare(a.startDate));
  const hours = new Intl.NumberFormat(lang);
  return (
    <section class="card" aria-labelledby="placements-title">
      <h2 id="placements-title">{t('placement.title')}</h2>
      {placements.length === 0 && <p>{t('placement.none')}</p>}
      <ol class="note-list" data-testid="placements">
        {newestFirst.map((p) => (
          <li key={p.id}>
            <strong>{nameOf(p.partnerId)}</strong> · {tKey(`path.stage.${p.stage}`)} · {day(p.startDate)}
            {p.endDate && ` – ${day(p.endDate)}`} · {t('placement.hoursShort', { hours: hours.format(p.hoursPerWeek) })}
            {p.supervisor && ` · ${t('placement.supervisedBy', { name: p.supervisor })}`}
            {p.outcome && <small class="status">{tKey(`placement.outcome.${p.outcome}`)}</small>}
            {!p.outcome &&
              (ending === p.id ? (
                <EndForm scope={scope} placement={p} partner={nameOf(p.partnerId)} today={todayIso(now)} onDone={() => setEnding(undefined)} />
              ) : (
                <div class="actions">
                  <button type="button" class="secondary" onClick={() => setEnding(p.id)}>
                    {t('placement.end')}
                  </button>
                </div>
              ))}
          </li>
        ))}
      </ol>
      {partners.length === 0 ? (
        <p class="notice">
          {t('placement.noPartners')} <a href={hrefOf({ name: 'partners', scope })}>{t('roster.partners')}</a>
        </p>
      ) : (
        <FormOpener id="placement-form" label={t('placement.open')}>
          {(close) => <StartForm scope={scope} participantId={participantId} partners={partners} current={currentStep(steps)} today={todayIso(now)} onSaved={close} />}
        </FormOpener>
      )}
    </section>
  );
}

function StartForm({ scope, participantId, partners, current, today, onSaved }: {
  scope: string;
  participantId: string;
  partners: LocalDoc<'partner'>[];
  current?: LocalDoc<'planstep'>;
  today: string;
  onSaved: () => void;
}) {
  const { t, tKey } = useT();
  const { store } = useData();
  // No stage is preset: one wrong tap must not start a duplicate placement.
  const fresh = { partnerId: '', stage: '' as Placement['stage'] | '', startDate: today, endDate: '', hours: '', supervisor: '' };
  const [values, setValues] = useState(fresh);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const set = (name: 'startDate' | 'endDate' | 'hours' | 'supervisor') => (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const stepId = planStepId();
    const dates = { startDate: values.startDate, ...(values.endDate ? { endDate: values.endDate } : {}) };
    const placed = await store.create('placement', {
      id: placementId(), scope, participantId, partnerId: values.partnerId,
      // Not chosen yet (''), the schema refuses it and the refusal reads as a choice to make.
      stage: values.stage as Placement['stage'], planStepId: stepId, ...dates,
      hoursPerWeek: hoursOf(values.hours), ...(values.supervisor.trim() ? { supervisor: values.supervisor } : {}),
    });
    // Nothing chosen reads as a choice to make, not as a malformed value.
    const unchosen = (path: string) => (path === 'partnerId' && !values.partnerId) || (path === 'stage' && !values.stage);
    if (!placed.ok) return setProblems(placed.problems.map((p) => (unchosen(p.path) ? { path: p.path, key: 'v.choose' } : p)));
    setProblems([]);
    setValues(fresh);
    await store.create('planstep', { id: stepId, scope, participantId, stage: placed.value.stage, status: 'active', ...dates, visibleToParticipant: false });
    // As on the path: a new active stage completes the one that was active.
    if (current) await store.edit('planstep', scope, current.id, { status: 'completed', endDate: values.startDate });
    onSaved();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="placement-start">
      <h3 id="placement-start">{t('placement.start')}</h3>
      <div class="field-row">
        <ChoiceField id="placement-partner" label={t('placement.partner')} problem={byField.partnerId} value={values.partnerId} options={partners.map((p) => p.id)} labelOf={(id) => partners.find((p) => p.id === id)?.name ?? id} onChange={(partnerId) => setValues({ ...values, partnerId })} none={t('placement.choose')} />
        <ChoiceField id="placement-stage" label={t('path.stage')} problem={byField.stage} value={values.stage} options={PLACEMENT_STAGES} labelOf={(s) => tKey(`path.stage.${s}`)} onChange={(stage) => setValues({ ...values, stage })} none={t('placement.choose')} />
      </div>
      <div class="field-row">
        <Field id="placement-startDate" label={t('path.start')} problem={byField.startDate}>
          {(aria) => <input type="date" {...aria} value={values.startDate} onInput={set('startDate')} />}
        </Field>
        <Field id="placement-endDate" label={t('path.end')} problem={byField.endDate}>
          {(aria) => <input type="date" {...aria} value={values.endDate} onInput={set('endDate')} />}
        </Field>
        <Field id="placement-hours" label={t('placement.hours')} problem={byField.hoursPerWeek}>
          {(aria) => <input {...aria} inputMode="decimal" value={values.hours} onInput={set('hours')} />}
        </Field>
        <Field id="placement-supervisor" label={t('placement.supervisor')} problem={byField.supervisor}>
          {(aria) => <input {...aria} value={values.supervisor} onInput={set('supervisor')} />}
        </Field>
      </div>
      <p class="hint">{t('placement.pathHint')}</p>
      {current && <p class="hint">{t('path.completesCurrent', { stage: tKey(`path.stage.${current.stage}`) })}</p>}
      <button type="submit">{t('placement.save')}</button>
    </form>
  );
}

function EndForm({ scope, placement, partner, today, onDone }: { scope: string; placement: LocalDoc<'placement'>; partner: string; today: string; onDone: () => void }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const [outcome, setOutcome] = useState<NonNullable<Placement['outcome']> | ''>('');
  const [endDate, setEndDate] = useState(placement.endDate ?? today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const prefix = `end-${placement.id.replace(/\W/g, '-')}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!outcome) return setProblems([{ path: 'outcome', key: 'v.choose' }]);
    const result = await store.edit('placement', scope, placement.id, { outcome, endDate });
    if (!result.ok) return setProblems(result.problems);
    // An interrupted placement interrupts its step; otherwise the step is done.
    if (placement.planStepId) await store.edit('planstep', scope, placement.planStepId, { status: outcome === 'interrupted' ? 'interrupted' : 'completed', endDate });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('placement.endOf', { partner })}>
      <div class="field-row">
        <ChoiceField id={`${prefix}-outcome`} label={t('placement.outcome')} problem={byField.outcome} value={outcome} options={PLACEMENT_OUTCOMES} labelOf={(o) => tKey(`placement.outcome.${o}`)} onChange={setOutcome} none={t('placement.choose')} />
        <Field id={`${prefix}-date`} label={t('path.end')} problem={byField.endDate}>
          {(aria) => <input type="date" {...aria} value={endDate} onInput={(e) => setEndDate(e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="actions">
        <button type="submit">{t('placement.saveEnd')}</button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('session.cancel')}
        </button>
      </div>
    </form>
  );
}
