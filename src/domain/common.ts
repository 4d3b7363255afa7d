import { z } from 'zod';
import { KEY_SOURCE, SCOPE_PATTERN } from '../wire/scopes.ts';

/** Bumped when a document's shape changes incompatibly; older clients quarantine newer documents. */
export const SCHEMA_VERSION = 1;

/** Lowercase base36, usable inside CouchDB database names (`polku-g-<key>`). */
export const keyPattern = new RegExp(`^${KEY_SOURCE}$`);
export const key = z.string().regex(keyPattern, 'v.id');

export const isoDateTime = z.iso.datetime({ error: 'v.dateTime' });
export const isoDate = z.iso.date({ error: 'v.date' });
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'v.time');
export const userName = z.string().min(1, 'v.required').max(60, 'v.tooLong');
/** A CouchDB database that holds one scope: a group (`g`) or a participant (`p`). */
export const scopeName = z.string().regex(SCOPE_PATTERN, 'v.scope');

/** Text a person typed: trimmed, not empty, bounded. */
export const text = (max: number) => z.string().trim().min(1, 'v.required').max(max, 'v.tooLong');
export const optionalText = (max: number) => z.string().trim().max(max, 'v.tooLong').optional();

/**
 * Per-field clocks for the deterministic merge of small mutable documents:
 * field name → `${updatedAt ISO}|${deviceId}`. See merge.ts.
 */
export const fieldClock = z.record(z.string(), z.string().max(120));

export const baseFields = {
  schemaVersion: z.literal(SCHEMA_VERSION, { error: 'v.schemaVersion' }),
  scope: scopeName,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  createdBy: userName,
  updatedBy: userName,
};

export const mutableFields = { ...baseFields, clock: fieldClock };

/** An id `${prefix}:${rest}` where rest is one key or several joined by ':'. */
export const prefixedId = (prefix: string, parts = 1) =>
  z
    .string()
    .max(200, 'v.tooLong')
    .regex(new RegExp(`^${prefix}(:${KEY_SOURCE}){${parts}}$`), 'v.id');

/**
 * A cross-field check (`.refine`) normally waits until the whole object is valid; with
 * this it runs as soon as the fields it reads are valid, so a form shows every problem
 * at once rather than one round at a time.
 */
export const whenValid = (shape: Record<string, z.ZodType>) => {
  const part = z.looseObject(shape);
  return { when: (payload: z.core.ParsePayload) => part.safeParse(payload.value).success };
};
