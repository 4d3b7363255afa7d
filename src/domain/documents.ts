import type { z } from 'zod';
import { attendanceSchema } from './attendance.ts';
import { noteSchema } from './note.ts';
import { groupSchema, organisationSchema } from './organisation.ts';
import { participantSchema } from './participant.ts';
import { goalSchema, planStepSchema } from './plan.ts';
import { rideSchema } from './ride.ts';
import { rsvpSchema } from './rsvp.ts';
import { checkinSchema } from './checkin.ts';
import { sessionSchema } from './session.ts';
import { check, type Checked } from './validation.ts';

/**
 * Every document type Polku stores, by its `type` field. The local database has one
 * collection per type (RxDB open core allows 13 open collections; groups are many, types few).
 */
export const DOC_SCHEMAS = {
  organisation: organisationSchema,
  group: groupSchema,
  participant: participantSchema,
  session: sessionSchema,
  attendance: attendanceSchema,
  ride: rideSchema,
  rsvp: rsvpSchema,
  checkin: checkinSchema,
  note: noteSchema,
  planstep: planStepSchema,
  goal: goalSchema,
} as const;

export type DocType = keyof typeof DOC_SCHEMAS;
export type DocOf<T extends DocType> = z.infer<(typeof DOC_SCHEMAS)[T]>;
export type AnyDoc = { [T in DocType]: DocOf<T> }[DocType];
export const DOC_TYPES = Object.keys(DOC_SCHEMAS) as DocType[];

/** Types whose documents are never changed after they are written. */
export const APPEND_ONLY: ReadonlySet<DocType> = new Set(['note']);

export const isDocType = (t: unknown): t is DocType => typeof t === 'string' && Object.hasOwn(DOC_SCHEMAS, t);

/** Validate any document by its `type`: used on every local write and every document pulled. */
export function checkDoc(input: unknown): Checked<AnyDoc> {
  const type = (input as { type?: unknown } | null)?.type;
  if (!isDocType(type)) return { ok: false, problems: [{ path: 'type', key: 'v.unknownType' }] };
  return check(DOC_SCHEMAS[type], input) as Checked<AnyDoc>;
}
