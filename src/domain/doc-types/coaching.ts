import { z } from 'zod';
import { clockTime, isoDate, mutableFields, optionalText, prefixedId, userName, whenValid } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

export const COACHING_MODES = ['inPerson', 'phone', 'video'] as const;
export const COACHING_STATUSES = ['planned', 'held', 'cancelled'] as const;

const spec = { name: 'coaching', id: 'own' } as const;
export const coachingId = newIdOf(spec.name);

/**
 * A one-to-one coaching meeting (Satelliitti), beside the group: in the coach's schedule and
 * the participant's own. What was said goes in a staff-only note naming the meeting
 * (its `coachingId`), so nothing confidential travels to the participant's phone with it.
 */
export const coachingSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    participantId: prefixedId('participant'),
    date: isoDate,
    startTime: clockTime,
    endTime: clockTime,
    mode: z.enum(COACHING_MODES, 'v.choose'),
    place: optionalText(160),
    coach: userName,
    status: z.enum(COACHING_STATUSES, 'v.choose'),
  })
  .refine((c) => c.endTime > c.startTime, {
    path: ['endTime'],
    error: 'v.endBeforeStart',
    ...whenValid({ startTime: clockTime, endTime: clockTime }),
  });
export type Coaching = z.infer<typeof coachingSchema>;

export const coachingType = defineDocType({
  ...spec,
  schema: coachingSchema,
  writers: STAFF,
  reach: 'own',
  ref: 'participantId',
  labels: { mode: ['coaching.mode'], status: ['coaching.status'] },
});
