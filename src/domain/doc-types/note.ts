import { z } from 'zod';
import { baseFields, prefixedId, text } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

export const NOTE_CATEGORIES = ['functionalCapacity', 'wellbeing', 'skills', 'social', 'nextSteps'] as const;

const spec = { name: 'note', id: 'own' } as const;
export const noteId = newIdOf(spec.name);

/**
 * Observation notes are append-only: never edited, never deleted. A correction is a
 * new note whose `supersedes` names the old one. Staff only (GDPR art. 9 data).
 */
export const noteSchema = z
  .looseObject({
    ...docHead(spec),
    ...baseFields,
    participantId: prefixedId('participant'),
    category: z.enum(NOTE_CATEGORIES, 'v.choose'),
    text: text(4000),
    sessionId: prefixedId('session').optional(),
    /** The one-to-one meeting it is about (its note never travels with the meeting). */
    coachingId: prefixedId('coaching').optional(),
    supersedes: prefixedId('note').optional(),
  })
  .refine((n) => n.supersedes !== n.id, { path: ['supersedes'], error: 'v.id' });
export type Note = z.infer<typeof noteSchema>;

export const noteType = defineDocType({
  ...spec,
  schema: noteSchema,
  writers: STAFF,
  reach: 'staff',
  appendOnly: true,
  ref: 'participantId',
  labels: { category: ['note.category'] },
});
