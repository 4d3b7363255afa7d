import { z } from 'zod';
import { mutableFields } from '../common.ts';
import { defineDocType, docHead, idNamesSessionAndPerson, sessionPersonFields, sessionPersonIdOf } from './define.ts';

/** A 1–5 answer: 1 = bad, 5 = very good. */
const scale = z.int('v.scale').min(1, 'v.scale').max(5, 'v.scale');

const spec = { name: 'checkin', id: 'perRefPerson' } as const;
export const checkinId = sessionPersonIdOf(spec.name);

/** A participant's own short self-assessment after a session; one per (session, participant). */
export const checkinSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    ...sessionPersonFields,
    mood: scale.optional(),
    useful: scale.optional(),
  })
  .refine(...idNamesSessionAndPerson(spec.name))
  .refine((c) => c.mood !== undefined || c.useful !== undefined, { path: ['mood'], error: 'v.answerOne' });
export type Checkin = z.infer<typeof checkinSchema>;

export const checkinType = defineDocType({
  ...spec,
  schema: checkinSchema,
  writers: ['participant'],
  reach: 'own',
  summarised: true,
  ref: 'sessionId',
});
