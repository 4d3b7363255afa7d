import { z } from 'zod';
import { baseFields, fieldClock, optionalText, text } from './common.ts';

/** Defaults from the PopUp working model (Pitstoppi): weekly, 3 h, 8 places, 2 instructors, 330 €. */
export const DEFAULT_GROUP_SETTINGS = {
  sessionMinutes: 180,
  capacity: 8,
  instructorsPerSession: 2,
  sessionCostCents: 33_000,
} as const;

export const village = z.object({
  name: text(80),
  pickupPoints: z.array(text(120)).max(30, 'v.tooMany'),
});

export const groupSettings = z.object({
  sessionMinutes: z.int('v.wholeNumber').min(15, 'v.tooSmall').max(12 * 60, 'v.tooBig'),
  capacity: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(100, 'v.tooBig'),
  instructorsPerSession: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(10, 'v.tooBig'),
  sessionCostCents: z.int('v.wholeNumber').min(0, 'v.tooSmall').max(10_000_000, 'v.tooBig'),
});
export type GroupSettings = z.infer<typeof groupSettings>;

export const organisationSchema = z.looseObject({
  id: z.literal('organisation', { error: 'v.id' }),
  type: z.literal('organisation'),
  ...baseFields,
  clock: fieldClock,
  name: text(120),
  defaults: groupSettings,
});
export type Organisation = z.infer<typeof organisationSchema>;

export const groupSchema = z.looseObject({
  id: z.string().regex(/^group:[a-z0-9]{4,32}$/, 'v.id'),
  type: z.literal('group'),
  ...baseFields,
  clock: fieldClock,
  name: text(120),
  municipality: optionalText(80),
  settings: groupSettings,
  villages: z.array(village).max(50, 'v.tooMany'),
  instructors: z.array(z.string().max(60)).max(20, 'v.tooMany'),
  coordinators: z.array(z.string().max(60)).max(20, 'v.tooMany'),
});
export type Group = z.infer<typeof groupSchema>;
