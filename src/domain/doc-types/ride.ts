import { z } from 'zod';
import { mutableFields, optionalText, text, whenValid } from '../common.ts';
import { defineDocType, docHead, idNamesSessionAndPerson, sessionPersonFields, sessionPersonIdOf } from './define.ts';

export const RIDE_STATUSES = ['requested', 'confirmed', 'declined', 'cancelled'] as const;

const status = z.enum(RIDE_STATUSES, 'v.choose');
const spec = { name: 'ride', id: 'perRefPerson' } as const;
export const rideId = sessionPersonIdOf(spec.name);

/** A transport request from a side village; one per (session, participant). */
export const rideSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    ...sessionPersonFields,
    village: text(80),
    pickupPoint: text(120),
    seats: z.int('v.wholeNumber').min(1, 'v.seatsTooFew').max(8, 'v.seatsTooMany'),
    needs: optionalText(300),
    status,
    declineReason: optionalText(300),
  })
  .refine(...idNamesSessionAndPerson(spec.name))
  .refine((r) => r.status !== 'declined' || !!r.declineReason, {
    path: ['declineReason'],
    error: 'v.declineReasonRequired',
    ...whenValid({ status, declineReason: optionalText(300) }),
  });
export type Ride = z.infer<typeof rideSchema>;

export const rideType = defineDocType({
  ...spec,
  schema: rideSchema,
  writers: ['coordinator', 'instructor', 'participant'],
  // A participant asks for a ride or cancels it; confirming or declining is the staff's.
  participantValues: { status: ['requested', 'cancelled'] },
  reach: 'own',
  summarised: true,
  ref: 'sessionId',
  labels: { status: ['rides.status', 'my.ride'] },
});
