import type { CostPart } from '../domain/index.ts';

/** How the four parts of a session's cost are named, wherever they are typed or reported. */
export const COST_PART_LABEL = {
  instructors: 'cost.part.instructors',
  travel: 'cost.part.travel',
  premises: 'cost.part.premises',
  activities: 'cost.part.activities',
} as const satisfies Record<CostPart, string>;
