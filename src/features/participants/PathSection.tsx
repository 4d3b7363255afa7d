import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { currentStep, PLAN_STAGES, PLAN_STEP_STATUSES, planStepId, stepsInOrder, type PlanStep, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { FormOpener } from './FormOpener.tsx';

/**
 * The path to work: stages with status and dates. Starting a new active stage completes the
 * one that was active, on the same day.
 */
export function PathSection({ scope, participantId, steps }: { scope: string; participantId: string; steps: LocalDoc<'planstep'>[] }) {
  const { t, tKey, day } = useT();
  const ordered = stepsInOrder(steps);
  const current = currentStep(steps);

  return (
    <section class="card" aria-labelledby="path-title">
      <h2 id="path-title">{t('path.title')}</h2>
      <p>{current ? t('path.current', { stage: tKey(`path.stage.${current.stage}`) }) : t('path.none')}</p>
      <ol class="path-steps">
        {ordered.map((step) => (
          <li key={step.id}>
            <strong>{tKey(`path.stage.${step.stage}`)}</strong> · {tKey(`path.status.${step.status}`)}
            {step.startDate && ` · ${day(step.startDate)}`}
            {step.endDate && ` – ${day(step.endDate)}`} <small>{t('path.recordedBy', { name: step.updatedBy })}</small>
            {step.visibleToParticipant && <small class="status">{t('path.visible')}</small>}
          </li>
        ))}
      </ol>
      <FormOpener id="step-form" label={t('path.open')}>
        {(close) => <StepForm scope={scope} participantId={participantId} current={current} onSaved={close} />}
      </FormOpener>
    </section>
  );
}

function StepForm({ scope, participantId, current, onSaved }: { scope: string; participantId: string; current?: LocalDoc<'planstep'>; onSaved: () => void }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const [values, setValues] = useState<{ stage: PlanStep['stage']; status: PlanStep['status']; startDate: string; endDate: string; visible: boolean }>({
    stage: 'initialAssessment',
    status: 'active',
    startDate: todayIso(),
    endDate: '',
    visible: false,
  });
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await store.create('planstep', {
      id: planStepId(),
      scope,
      participantId,
      stage: values.stage,
      status: values.status,
      ...(values.startDate ? { startDate: values.startDate } : {}),
      ...(values.endDate ? { endDate: values.endDate } : {}),
      visibleToParticipant: values.visible,
    });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    if (values.status === 'active' && current) {
      await store.edit('planstep', scope, current.id, { status: 'completed', endDate: values.startDate || todayIso() });
    }
    onSaved();
  };

  return (
    <form class="step-form" onSubmit={submit} noValidate aria-label={t('path.add')}>
      <h3>{t('path.add')}</h3>
      <div class="field-row">
        <ChoiceField id="step-stage" label={t('path.stage')} problem={byField.stage} value={values.stage} options={PLAN_STAGES} labelOf={(s) => tKey(`path.stage.${s}`)} onChange={(stage) => setValues({ ...values, stage })} />
        <ChoiceField id="step-status" label={t('path.statusLabel')} problem={byField.status} value={values.status} options={PLAN_STEP_STATUSES} labelOf={(s) => tKey(`path.status.${s}`)} onChange={(status) => setValues({ ...values, status })} />
        <Field id="step-start" label={t('path.start')} problem={byField.startDate}>
          {(aria) => <input type="date" {...aria} value={values.startDate} onInput={(e) => setValues({ ...values, startDate: e.currentTarget.value })} />}
        </Field>
        <Field id="step-end" label={t('path.end')} problem={byField.endDate}>
          {(aria) => <input type="date" {...aria} value={values.endDate} onInput={(e) => setValues({ ...values, endDate: e.currentTarget.value })} />}
        </Field>
      </div>
      <div class="field field-check">
        <input id="step-visible" type="checkbox" checked={values.visible} onChange={(e) => setValues({ ...values, visible: e.currentTarget.checked })} />
        <label for="step-visible">{t('path.visibleLabel')}</label>
      </div>
      {current && values.status === 'active' && <p class="hint">{t('path.completesCurrent', { stage: tKey(`path.stage.${current.stage}`) })}</p>}
      <button type="submit">{t('path.save')}</button>
    </form>
  );
}
