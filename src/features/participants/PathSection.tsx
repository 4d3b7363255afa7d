import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { goalId, PLAN_STAGES, PLAN_STEP_STATUSES, planStepId, type PlanStep, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';

/**
 * The path to work: stages with status and dates, and goals with steps. Starting a new
 * active stage completes the one that was active, on the same day.
 */
export function PathSection({ scope, participantId, steps, goals }: { scope: string; participantId: string; steps: LocalDoc<'planstep'>[]; goals: LocalDoc<'goal'>[] }) {
  const { t, tKey, day } = useT();
  const { store } = useData();
  const ordered = [...steps].sort((a, b) => (a.startDate ?? a.createdAt).localeCompare(b.startDate ?? b.createdAt));
  const current = ordered.filter((s) => s.status === 'active').at(-1);

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
      <StepForm scope={scope} participantId={participantId} current={current} />
      <h3>{t('goal.title')}</h3>
      <ul class="goal-list">
        {goals.map((goal) => (
          <li key={goal.id} class="goal">
            <strong>{goal.title}</strong> {goal.targetDate && <small>{t('goal.by', { date: day(goal.targetDate) })}</small>}{' '}
            <span class="status">{tKey(`goal.status.${goal.status}`)}</span>
            <div class="field field-check">
              <input
                id={`visible-${goal.id}`}
                type="checkbox"
                checked={goal.visibleToParticipant}
                onChange={(e) => void store.edit('goal', scope, goal.id, { visibleToParticipant: e.currentTarget.checked })}
              />
              <label for={`visible-${goal.id}`}>{t('goal.visible')}</label>
            </div>
            <ul>
              {goal.steps.map((s, i) => (
                <li key={s.id} class="field field-check">
                  <input
                    id={`step-${goal.id}-${s.id}`}
                    type="checkbox"
                    checked={s.done}
                    onChange={(e) => {
                      const next = goal.steps.map((x, j) => (j === i ? { ...x, done: e.currentTarget.checked } : x));
                      void store.edit('goal', scope, goal.id, { steps: next, status: next.length && next.every((x) => x.done) ? 'reached' : goal.status === 'reached' ? 'open' : goal.status });
                    }}
                  />
                  <label for={`step-${goal.id}-${s.id}`}>{s.text}</label>
                </li>
              ))}
            </ul>
            <GoalStepForm scope={scope} goal={goal} />
          </li>
        ))}
      </ul>
      <GoalForm scope={scope} participantId={participantId} />
    </section>
  );
}

function StepForm({ scope, participantId, current }: { scope: string; participantId: string; current?: LocalDoc<'planstep'> }) {
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

function GoalForm({ scope, participantId }: { scope: string; participantId: string }) {
  const { t } = useT();
  const { store } = useData();
  const [values, setValues] = useState({ title: '', targetDate: '', visible: true });
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await store.create('goal', {
      id: goalId(),
      scope,
      participantId,
      title: values.title,
      ...(values.targetDate ? { targetDate: values.targetDate } : {}),
      steps: [],
      status: 'open',
      visibleToParticipant: values.visible,
    });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setValues({ title: '', targetDate: '', visible: true });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('goal.add')}>
      <h3>{t('goal.add')}</h3>
      <div class="field-row">
        <Field id="goal-title" label={t('goal.name')} problem={byField.title}>
          {(aria) => <input {...aria} value={values.title} onInput={(e) => setValues({ ...values, title: e.currentTarget.value })} />}
        </Field>
        <Field id="goal-target" label={t('goal.targetDate')} problem={byField.targetDate}>
          {(aria) => <input type="date" {...aria} value={values.targetDate} onInput={(e) => setValues({ ...values, targetDate: e.currentTarget.value })} />}
        </Field>
      </div>
      <div class="field field-check">
        <input id="goal-visible" type="checkbox" checked={values.visible} onChange={(e) => setValues({ ...values, visible: e.currentTarget.checked })} />
        <label for="goal-visible">{t('goal.visible')}</label>
      </div>
      <button type="submit">{t('goal.save')}</button>
    </form>
  );
}

function GoalStepForm({ scope, goal }: { scope: string; goal: LocalDoc<'goal'> }) {
  const { t } = useT();
  const { store } = useData();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const id = `goal-step-${goal.id.replace(/\W/g, '-')}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const steps = [...goal.steps, { id: `s${Date.now().toString(36)}`, text, done: false }];
    const result = await store.edit('goal', scope, goal.id, { steps });
    if (!result.ok) return setProblem(result.problems[0]);
    setProblem(undefined);
    setText('');
  };
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={t('goal.addStepFor', { goal: goal.title })}>
      <Field id={id} label={t('goal.addStep')} problem={problem}>
        {(aria) => <input {...aria} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class="secondary">
        {t('goal.addStepButton')}
      </button>
    </form>
  );
}
