import { z } from 'zod';
import { mutableFields } from '../common.ts';
import { defineDocType, docHead, idNamesSessionAndPerson, sessionPersonFields, sessionPersonIdOf } from './define.ts';

export const RSVP_STATUSES = ['coming', 'notComing'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

const spec = { name: 'rsvp', id: 'perRefPerson' } as const;
export const rsvpId = sessionPersonIdOf(spec.name);

/** A participant's "I'm coming" / "I can't come" for one session; one per (session, participant). */
export const rsvpSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    ...sessionPersonFields,
    status: z.enum(RSVP_STATUSES, 'v.choose'),
  })
  .refine(...idNamesSessionAndPerson(spec.name));
export type Rsvp = z.infer<typeof rsvpSchema>;

export const rsvpType = defineDocType({
  ...spec,
  schema: rsvpSchema,
  writers: ['coordinator', 'instructor', 'participant'],
  reach: 'own',
  ref: 'sessionId',
  labels: { status: ['rsvp'] },
});
