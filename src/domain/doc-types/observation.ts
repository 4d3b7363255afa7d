import { z } from 'zod';
import { baseFields, isoDate, prefixedId } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

/** The four usual dimensions of functional capacity (toimintakyky). */
export const CAPACITY_DIMENSIONS = ['physical', 'cognitive', 'psychological', 'social'] as const;
export type CapacityDimension = (typeof CAPACITY_DIMENSIONS)[number];

/** 1 = much support needed … 5 = copes well. */
const rating = z.int('v.scale').min(1, 'v.scale').max(5, 'v.scale').optional();

const spec = { name: 'observation', id: 'own' } as const;
export const observationId = newIdOf(spec.name);

/**
 * A short structured observation of a participant's functional capacity (Pitstoppi), beside
 * the free-text notes: staff only and append-only like them (GDPR art. 9 data).
 */
export const observationSchema = z
  .looseObject({
    ...docHead(spec),
    ...baseFields,
    participantId: prefixedId('participant'),
    sessionId: prefixedId('session').optional(),
    date: isoDate,
    physical: rating,
    cognitive: rating,
    psychological: rating,
    social: rating,
  })
  .refine((o) => CAPACITY_DIMENSIONS.some((d) => o[d] !== undefined), { path: ['physical'], error: 'v.rateOne' });
export type Observation = z.infer<typeof observationSchema>;

export const observationType = defineDocType({
  ...spec,
  schema: observationSchema,
  writers: STAFF,
  reach: 'staff',
  appendOnly: true,
  ref: 'participantId',
});
