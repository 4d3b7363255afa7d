import { z } from 'zod';
import { isoDate, mutableFields, prefixedId, text } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

export const GOAL_STATUSES = ['open', 'reached', 'dropped'] as const;

const spec = { name: 'goal', id: 'own' } as const;
export const goalId = newIdOf(spec.name);

export const goalSchema = z.looseObject({
  ...docHead(spec),
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

export const goalType = defineDocType({
  ...spec,
  schema: goalSchema,
  writers: STAFF,
  reach: 'ownWhenVisible',
  ref: 'participantId',
  labels: { status: ['goal.status'] },
});
