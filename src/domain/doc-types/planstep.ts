import { z } from 'zod';
import { isoDate, mutableFields, optionalText, prefixedId, whenValid } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

/** The path towards work, in order (see GLOSSARY.md). */
export const PLAN_STAGES = [
  'initialAssessment',
  'plan',
  'associationActivity',
  'partTimeWork',
  'rehabilitativeWorkActivity',
  'workTrial',
  'paySubsidisedWork',
  'openLabourMarket',
  'education',
] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];
export const PLAN_STEP_STATUSES = ['planned', 'active', 'completed', 'interrupted'] as const;

const spec = { name: 'planstep', id: 'own' } as const;
export const planStepId = newIdOf(spec.name);

export const planStepSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    participantId: prefixedId('participant'),
    stage: z.enum(PLAN_STAGES, 'v.choose'),
    status: z.enum(PLAN_STEP_STATUSES, 'v.choose'),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    visibleToParticipant: z.boolean(),
    info: optionalText(500),
  })
  .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, {
    path: ['endDate'],
    error: 'v.endBeforeStart',
    ...whenValid({ startDate: isoDate.optional(), endDate: isoDate.optional() }),
  });
export type PlanStep = z.infer<typeof planStepSchema>;


export const planStepType = defineDocType({
  ...spec,
  schema: planStepSchema,
  writers: STAFF,
  reach: 'ownWhenVisible',
  ref: 'participantId',
  labels: { stage: ['path.stage', 'my.stage'], status: ['path.status'] },
});
