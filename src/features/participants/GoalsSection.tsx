import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { goalId, openGoals, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';

/** Goals with their steps: open ones first (nearest target date first), then reached and dropped. All steps done means reached. */
export function GoalsSection({ scope, participantId, goals }: { scope: string; participantId: string; goals: LocalDoc<'goal'>[] }) {
  const { t, tKey, day } = useT();
  const { store } = useData();
  const open = openGoals(goals);
  const ordered = [...open, ...goals.filter((g) => !open.includes(g)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))];
  return (
    <section class="card" aria-labelledby="goals-title">
      <h2 id="goals-title">{t('goal.title')}</h2>
      {goals.length === 0 && <p>{t('goal.none')}</p>}
      <ul class="goal-list">
        {ordered.map((goal) => (
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
