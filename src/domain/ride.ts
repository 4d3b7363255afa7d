import { z } from 'zod';
import { mutableFields, optionalText, prefixedId, text, whenValid } from './common.ts';
import { rideId } from './ids.ts';

export const RIDE_STATUSES = ['requested', 'confirmed', 'declined', 'cancelled'] as const;

/** A transport request from a side village; one per (session, participant). */
const status = z.enum(RIDE_STATUSES, 'v.choose');

export const rideSchema = z
  .looseObject({
    id: prefixedId('ride', 2),
    type: z.literal('ride'),
    ...mutableFields,
    sessionId: prefixedId('session'),
    participantId: prefixedId('participant'),
    village: text(80),
    pickupPoint: text(120),
    seats: z.int('v.wholeNumber').min(1, 'v.seatsTooFew').max(8, 'v.seatsTooMany'),
    needs: optionalText(300),
    status,
    declineReason: optionalText(300),
  })
  .refine((r) => r.id === rideId(r.sessionId, r.participantId), { path: ['id'], error: 'v.id' })
  .refine((r) => r.status !== 'declined' || !!r.declineReason, {
    path: ['declineReason'],
    error: 'v.declineReasonRequired',
    ...whenValid({ status, declineReason: optionalText(300) }),
  });
export type Ride = z.infer<typeof rideSchema>;
