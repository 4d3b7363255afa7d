import { z } from 'zod';
import { mutableFields, prefixedId } from './common.ts';
import { rsvpId } from './ids.ts';

export const RSVP_STATUSES = ['coming', 'notComing'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** A participant's "I'm coming" / "I can't come" for one session; one per (session, participant). */
export const rsvpSchema = z
  .looseObject({
    id: prefixedId('rsvp', 2),
    type: z.literal('rsvp'),
    ...mutableFields,
    sessionId: prefixedId('session'),
    participantId: prefixedId('participant'),
    status: z.enum(RSVP_STATUSES, 'v.choose'),
  })
  .refine((r) => r.id === rsvpId(r.sessionId, r.participantId), { path: ['id'], error: 'v.id' });
export type Rsvp = z.infer<typeof rsvpSchema>;
