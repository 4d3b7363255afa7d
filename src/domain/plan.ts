import { z } from 'zod';
import { isoDate, mutableFields, optionalText, prefixedId, text, whenValid } from './common.ts';

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
export const PLAN_STEP_STATUSES = ['planned', 'active', 'completed', 'interrupted'] as const;

export const planStepSchema = z
  .looseObject({
    id: prefixedId('planstep'),
    type: z.literal('planstep'),
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

export const GOAL_STATUSES = ['open', 'reached', 'dropped'] as const;

export const goalSchema = z.looseObject({
  id: prefixedId('goal'),
  type: z.literal('goal'),
  ...mutableFields,
  participantId: prefixedId('participant'),
  title: text(200),
  targetDate: isoDate.optional(),
  steps: z
    .array(z.object({ id: z.string().min(1).max(40), text: text(200), done: z.boolean() }))
    .max(50, 'v.tooMany'),
  status: z.enum(GOAL_STATUSES, 'v.choose'),
  visibleToParticipant: z.boolean(),
});
export type Goal = z.infer<typeof goalSchema>;
