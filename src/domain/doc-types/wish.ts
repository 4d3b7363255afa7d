import { z } from 'zod';
import { mutableFields, prefixedId, text } from '../common.ts';
import { defineDocType, docHead, newIdOf } from './define.ts';

/** Staff may hide a wish from the group (a joke, a name, something hurtful); it stays on record. */
export const WISH_STATUSES = ['open', 'hidden'] as const;

const spec = { name: 'wish', id: 'own' } as const;
export const wishId = newIdOf(spec.name);

/**
 * An activity a participant would like the group to try (Pitstoppi: activity from the
 * participants' wishes). The whole group sees it — by its text, never by its author's name,
 * which participants' phones do not hold.
 */
export const wishSchema = z.looseObject({
  ...docHead(spec),
  ...mutableFields,
  participantId: prefixedId('participant'),
  text: text(200),
  status: z.enum(WISH_STATUSES, 'v.choose'),
});
export type Wish = z.infer<typeof wishSchema>;

export const wishType = defineDocType({
  ...spec,
  schema: wishSchema,
  writers: ['coordinator', 'instructor', 'participant'],
  reach: 'all',
  // A participant suggests; only staff hide.
  participantValues: { status: ['open'] },
  ref: 'participantId',
  labels: { status: ['wish.status'] },
});
