import { z } from 'zod';
import { mutableFields, prefixedId } from './common.ts';
import { checkinId } from './ids.ts';

/** A 1–5 answer: 1 = bad, 5 = very good. */
const scale = z.int('v.scale').min(1, 'v.scale').max(5, 'v.scale');

/** A participant's own short self-assessment after a session; one per (session, participant). */
export const checkinSchema = z
  .looseObject({
    id: prefixedId('checkin', 2),
    type: z.literal('checkin'),
    ...mutableFields,
    sessionId: prefixedId('session'),
    participantId: prefixedId('participant'),
    mood: scale.optional(),
    useful: scale.optional(),
  })
  .refine((c) => c.id === checkinId(c.sessionId, c.participantId), { path: ['id'], error: 'v.id' })
  .refine((c) => c.mood !== undefined || c.useful !== undefined, { path: ['mood'], error: 'v.answerOne' });
export type Checkin = z.infer<typeof checkinSchema>;
