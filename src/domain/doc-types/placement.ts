import { z } from 'zod';
import { isoDate, mutableFields, optionalText, prefixedId, whenValid } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';
import type { PLAN_STAGES } from './planstep.ts';

/** The path stages a placement can be (a subset of PLAN_STAGES, in the same order). */
export const PLACEMENT_STAGES = [
  'associationActivity',
  'partTimeWork',
  'rehabilitativeWorkActivity',
  'workTrial',
  'paySubsidisedWork',
] as const satisfies readonly (typeof PLAN_STAGES)[number][];
/** How a placement ended: onward (to work, education or the next stage), completed, or cut short. */
export const PLACEMENT_OUTCOMES = ['movedOn', 'completed', 'interrupted'] as const;

const startDate = isoDate;
const endDate = isoDate.optional();
const spec = { name: 'placement', id: 'own' } as const;
export const placementId = newIdOf(spec.name);

export const placementSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    participantId: prefixedId('participant'),
    partnerId: prefixedId('partner'),
    stage: z.enum(PLACEMENT_STAGES, 'v.choose'),
    /** The path step it belongs to, when one was made with it. */
    planStepId: prefixedId('planstep').optional(),
    startDate,
    endDate,
    hoursPerWeek: z.number('v.number').min(0.5, 'v.tooSmall').max(40, 'v.hoursTooMany'),
    supervisor: optionalText(80),
    outcome: z.enum(PLACEMENT_OUTCOMES, 'v.choose').optional(),
  })
  .refine((p) => !p.endDate || p.endDate >= p.startDate, {
    path: ['endDate'],
    error: 'v.endBeforeStart',
    ...whenValid({ startDate, endDate }),
  });
export type Placement = z.infer<typeof placementSchema>;

export const placementType = defineDocType({
  ...spec,
  schema: placementSchema,
  writers: STAFF,
  reach: 'staff',
  ref: 'participantId',
  labels: { stage: ['path.stage'], outcome: ['placement.outcome'] },
});
