import { z } from 'zod';
import { mutableFields, prefixedId } from '../common.ts';
import { defineDocType, docHead, idNamesSessionAndPerson, sessionPersonIdOf } from './define.ts';

const spec = { name: 'wishsupport', id: 'perRefPerson' } as const;
/** One per (wish, participant): supporting twice from two devices is still one support. */
export const wishSupportId = sessionPersonIdOf(spec.name);

/** "I'd like that too": a participant's support for a wish of their group; taken back by `supported: false`. */
export const wishSupportSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    wishId: prefixedId('wish'),
    participantId: prefixedId('participant'),
    supported: z.boolean(),
  })
  .refine(...idNamesSessionAndPerson(spec.name, 'wishId'));
export type WishSupport = z.infer<typeof wishSupportSchema>;

export const wishSupportType = defineDocType({
  ...spec,
  schema: wishSupportSchema,
  writers: ['participant'],
  // The group sees how many support each wish.
  reach: 'all',
  ref: 'wishId',
});
