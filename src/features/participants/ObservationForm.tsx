import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { CAPACITY_DIMENSIONS, observationId, type CapacityDimension, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { DIMENSION_LABEL } from './dimensions.ts';
import { todayIso } from '../../ui/dates.ts';
import { FormProblems } from '../../ui/Field.tsx';

const SCALE = [1, 2, 3, 4, 5] as const;
type Ratings = Partial<Record<CapacityDimension, number>>;

/**
 * A short functional-capacity rating beside the notes: any of four areas 1–5. Ratings are
 * never changed; a later rating is the correction, and the timeline shows them over time.
 * Beside each area, its latest rating so far, so the new one is given knowing the last.
 */
export function ObservationForm({ scope, participantId, observations, now }: { scope: string; participantId: string; observations: LocalDoc<'observation'>[]; now: Date }) {
  const { t, date } = useT();
  const { store } = useData();
  const [ratings, setRatings] = useState<Ratings>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const newestFirst = [...observations].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));

  const submit = async (e: Event) => {
    e.preventDefault();
    const given = Object.fromEntries(Object.entries(ratings).filter(([, v]) => v !== undefined));
    const result = await store.create('observation', { id: observationId(), scope, participantId, date: todayIso(now), ...given });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setRatings({});
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="observation-title">
      <h2 id="observation-title">{t('observation.title')}</h2>
      <p class="hint" id="observation-help">
        {t('observation.help')}
      </p>
      {CAPACITY_DIMENSIONS.map((d) => {
        const previous = newestFirst.find((o) => o[d] !== undefined);
        return (
          <fieldset key={d} class="rating" aria-describedby={previous ? `observation-help observation-previous-${d}` : 'observation-help'}>
            <legend>{t(DIMENSION_LABEL[d])}</legend>
            {previous && (
              <p class="hint rating-previous" id={`observation-previous-${d}`}>
                {t('observation.previous', { date: date(previous.date), rating: String(previous[d]) })}
              </p>
            )}
            <div class="rating-choices">
              {[undefined, ...SCALE].map((value) => (
                <label key={value ?? 'none'} class={value === undefined ? 'rating-none' : undefined}>
                  <input type="radio" name={`observation-${d}`} checked={ratings[d] === value} onChange={() => setRatings({ ...ratings, [d]: value })} />
                  {value ?? t('observation.notRated')}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <FormProblems problems={problems} />
      <button type="submit">{t('observation.save')}</button>
    </form>
  );
}
