import { z } from 'zod';
import { isoDate, mutableFields, optionalText, text, whenValid } from '../common.ts';
import { defineDocType, docHead, newIdOf } from './define.ts';

/** The PopUp group activity model's cost of one session (Pitstoppi), in cents: the figure a group's own is set beside. */
export const MODEL_SESSION_COST_CENTS = 33_000;
/** The group employment model (Laavu): 5–10 people for 6–10 months. */
export const MODEL_GROUP_SIZE = { min: 5, max: 10 } as const;
export const MODEL_GROUP_MONTHS = { min: 6, max: 10 } as const;

/** Defaults from the PopUp working model (Pitstoppi): weekly, 3 h, 8 places, 2 instructors, 330 €. */
export const DEFAULT_GROUP_SETTINGS = {
  sessionMinutes: 180,
  capacity: 8,
  instructorsPerSession: 2,
  sessionCostCents: MODEL_SESSION_COST_CENTS,
} as const;

export const village = z.object({
  name: text(80),
  pickupPoints: z.array(text(120)).max(30, 'v.tooMany'),
});

/** The four parts of a session's cost in the PopUp model (Pitstoppi: about 330 € in all), in cents. */
export const COST_PARTS = ['instructors', 'travel', 'premises', 'activities'] as const;
export type CostPart = (typeof COST_PARTS)[number];
const cents = z.int('v.wholeNumber').min(0, 'v.tooSmall').max(10_000_000, 'v.tooBig');
export const costParts = z.object({ instructors: cents, travel: cents, premises: cents, activities: cents });
export type CostParts = z.infer<typeof costParts>;
export const costOfParts = (parts: CostParts) => COST_PARTS.reduce((sum, part) => sum + parts[part], 0);

export const groupSettings = z.object({
  sessionMinutes: z.int('v.wholeNumber').min(15, 'v.tooSmall').max(12 * 60, 'v.tooBig'),
  capacity: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(100, 'v.tooBig'),
  instructorsPerSession: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(10, 'v.tooBig'),
  sessionCostCents: z.int('v.wholeNumber').min(0, 'v.tooSmall').max(10_000_000, 'v.tooBig'),
  /** The default split of a session's cost (the new session form starts from it). */
  costParts: costParts.optional(),
});
export type GroupSettings = z.infer<typeof groupSettings>;

const spec = { name: 'group', id: 'own' } as const;
export const groupId = newIdOf(spec.name);

const startDate = isoDate.optional();
const endDate = isoDate.optional();

export const groupSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    name: text(120),
    municipality: optionalText(80),
    settings: groupSettings,
    villages: z.array(village).max(50, 'v.tooMany'),
    instructors: z.array(z.string().max(60)).max(20, 'v.tooMany'),
    coordinators: z.array(z.string().max(60)).max(20, 'v.tooMany'),
    /** The group's life (Laavu: 6–10 months) and the size it aims at (5–10 people). */
    startDate,
    endDate,
    targetSize: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(100, 'v.tooBig').optional(),
    /** The ESF+ project the group belongs to (its EURA code, e.g. S30123): groups with one code form one project. */
    projectCode: optionalText(30),
  })
  .refine((g) => !g.startDate || !g.endDate || g.endDate >= g.startDate, {
    path: ['endDate'],
    error: 'v.endBeforeStart',
    ...whenValid({ startDate, endDate }),
  });
export type Group = z.infer<typeof groupSchema>;

export const groupType = defineDocType({
  ...spec,
  schema: groupSchema,
  writers: ['coordinator'],
  // Its name and villages (for pickup points) reach every participant.
  reach: 'all',
  startScreen: true,
});
