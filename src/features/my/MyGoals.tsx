import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { useT } from '../../i18n/useT.tsx';

/** What staff marked visible: the stage now, and the goals with their steps, in plain words. */
export function MyGoals({ scope }: { scope: string }) {
  const { t, tKey, day } = useT();
  const { store } = useData();
  const steps = useObservable(() => store.watch('planstep', scope), [], [store, scope]).filter((s) => s.visibleToParticipant);
  const goals = useObservable(() => store.watch('goal', scope), [], [store, scope]).filter((g) => g.visibleToParticipant);
  const now = steps.filter((s) => s.status === 'active').sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '')).at(-1);
  return (
    <section aria-labelledby="goals-title">
      <h1 id="goals-title">{t('my.goalsTitle')}</h1>
      <div class="card">
        <h2>{t('my.pathNow')}</h2>
        <p data-testid="my-stage">{now ? tKey(`my.stage.${now.stage}`) : t('my.pathNone')}</p>
      </div>
      {goals.length === 0 && <p>{t('my.goalsNone')}</p>}
      {goals.map((goal) => {
        const done = goal.steps.filter((s) => s.done).length;
        return (
          <div class="card" key={goal.id}>
            <h2>{goal.title}</h2>
            {goal.targetDate && <p>{t('goal.by', { date: day(goal.targetDate) })}</p>}
            {goal.status === 'reached' && <p class="notice">{t('my.goalReached')}</p>}
            {goal.steps.length > 0 && (
              <>
                <progress max={goal.steps.length} value={done} aria-label={t('my.stepsDone', { done, total: goal.steps.length })} />
                <p>{t('my.stepsDone', { done, total: goal.steps.length })}</p>
                <ul class="my-steps">
                  {goal.steps.map((s) => (
                    <li key={s.id}>
                      <span aria-hidden="true">{s.done ? '✔' : '○'}</span> {s.text} <span class="visually-hidden">{s.done ? t('my.stepDone') : t('my.stepTodo')}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}
