import { z } from 'zod';
import { baseFields, prefixedId, text } from './common.ts';

export const NOTE_CATEGORIES = ['functionalCapacity', 'wellbeing', 'skills', 'social', 'nextSteps'] as const;

/**
 * Observation notes are append-only: never edited, never deleted. A correction is a
 * new note whose `supersedes` names the old one. Staff only (GDPR art. 9 data).
 */
export const noteSchema = z
  .looseObject({
    id: prefixedId('note'),
    type: z.literal('note'),
    ...baseFields,
    participantId: prefixedId('participant'),
    category: z.enum(NOTE_CATEGORIES, 'v.choose'),
    text: text(4000),
    sessionId: prefixedId('session').optional(),
    supersedes: prefixedId('note').optional(),
  })
  .refine((n) => n.supersedes !== n.id, { path: ['supersedes'], error: 'v.id' });
export type Note = z.infer<typeof noteSchema>;
