import { z } from 'zod';
import { clockTime, isoDate, key, mutableFields, optionalText, prefixedId, text, whenValid } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';
import { costOfParts, costParts } from './group.ts';

export const SESSION_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const status = z.enum(SESSION_STATUSES, 'v.choose');
const costCents = z.int('v.wholeNumber').min(0, 'v.tooSmall').max(10_000_000, 'v.tooBig');
const parts = costParts.optional();
const spec = { name: 'session', id: 'own' } as const;
export const sessionId = newIdOf(spec.name);

export const sessionSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    groupKey: key,
    date: isoDate,
    startTime: clockTime,
    endTime: clockTime,
    village: text(80),
    address: optionalText(160),
    theme: optionalText(160),
    instructors: z.array(z.string().max(60)).max(10, 'v.tooMany'),
    capacity: z.int('v.wholeNumber').min(1, 'v.capacityTooSmall').max(100, 'v.capacityTooBig'),
    costCents,
    /** The cost as the PopUp model reckons it; when given, its parts add up to `costCents`. */
    costParts: parts,
    /** The partner organisation that produced it as a purchased service (none: the organisation itself). */
    producerId: prefixedId('partner').optional(),
    /** The participants' wish it was planned from. */
    fromWishId: prefixedId('wish').optional(),
    status,
    cancelReason: optionalText(300),
    /** The order the driver visits the side villages in (pickup list). */
    routeOrder: z.array(text(80)).max(50, 'v.tooMany').optional(),
  })
  .refine((s) => s.endTime > s.startTime, {
    path: ['endTime'],
    error: 'v.endBeforeStart',
    ...whenValid({ startTime: clockTime, endTime: clockTime }),
  })
  .refine((s) => !s.costParts || costOfParts(s.costParts) === s.costCents, {
    path: ['costCents'],
    error: 'v.costPartsSum',
    ...whenValid({ costCents, costParts: parts }),
  })
  .refine((s) => s.status !== 'cancelled' || !!s.cancelReason, {
    path: ['cancelReason'],
    error: 'v.cancelReasonRequired',
    ...whenValid({ status, cancelReason: optionalText(300) }),
  });
export type Session = z.infer<typeof sessionSchema>;

export const sessionType = defineDocType({
  ...spec,
  schema: sessionSchema,
  writers: STAFF,
  // The schedule: every participant of the group sees it.
  reach: 'all',
  summarised: true,
  startScreen: true,
  ref: 'date',
  labels: { status: ['session.status'] },
});
