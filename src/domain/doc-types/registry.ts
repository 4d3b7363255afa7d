import type { z } from 'zod';
import { check, type Checked } from '../validation.ts';
import { attendanceType } from './attendance.ts';
import { checkinType } from './checkin.ts';
import type { DocTypeSpec } from './define.ts';
import { goalType } from './goal.ts';
import { groupType } from './group.ts';
import { noteType } from './note.ts';
import { organisationType } from './organisation.ts';
import { participantType } from './participant.ts';
import { planStepType } from './planstep.ts';
import { rideType } from './ride.ts';
import { rsvpType } from './rsvp.ts';
import { sessionType } from './session.ts';
import { wishType } from './wish.ts';
import { wishSupportType } from './wishsupport.ts';
import { errandType } from './errand.ts';
import { guidanceType } from './guidance.ts';
import { coachingType } from './coaching.ts';
import { partnerType } from './partner.ts';
import { placementType } from './placement.ts';
import { observationType } from './observation.ts';

export * from './organisation.ts';
export * from './group.ts';
export * from './participant.ts';
export * from './session.ts';
export * from './attendance.ts';
export * from './ride.ts';
export * from './rsvp.ts';
export * from './checkin.ts';
export * from './note.ts';
export * from './planstep.ts';
export * from './goal.ts';
export * from './wish.ts';
export * from './wishsupport.ts';
export * from './errand.ts';
export * from './guidance.ts';
export * from './coaching.ts';
export * from './partner.ts';
export * from './placement.ts';
export * from './observation.ts';

/**
 * Every document type Polku stores: a new type is one file in this folder, its line in the
 * list below and its export above. All of them live in one local collection and every scope database, told apart by
 * their `type` field.
 */
const LIST = [
  organisationType,
  groupType,
  participantType,
  sessionType,
  attendanceType,
  rideType,
  rsvpType,
  checkinType,
  noteType,
  planStepType,
  goalType,
  wishType,
  wishSupportType,
  errandType,
  guidanceType,
  coachingType,
  partnerType,
  placementType,
  observationType,
] as const;

type Spec = (typeof LIST)[number];
export type DocType = Spec['name'];
type SpecOf<T extends DocType> = Extract<Spec, { name: T }>;
export type DocOf<T extends DocType> = z.infer<SpecOf<T>['schema']>;
export type AnyDoc = { [T in DocType]: DocOf<T> }[DocType];

/** The descriptors, in one list (for everything that goes through all types). */
export const DOC_TYPE_SPECS: readonly DocTypeSpec<DocType>[] = LIST;
export const DOC_TYPES: readonly DocType[] = LIST.map((s) => s.name);

const BY_NAME = new Map<string, DocTypeSpec<DocType>>(LIST.map((s) => [s.name, s]));

export const isDocType = (t: unknown): t is DocType => typeof t === 'string' && BY_NAME.has(t);

/** The descriptor of a type (see define.ts). */
export const specOf = (type: DocType): DocTypeSpec<DocType> => BY_NAME.get(type)!;

/** The descriptor of the type an unknown value names, if it names one. */
export const specNamed = (type: unknown): DocTypeSpec<DocType> | undefined => (typeof type === 'string' ? BY_NAME.get(type) : undefined);

export const isAppendOnly = (type: DocType) => specOf(type).appendOnly === true;

/** Validate any document by its `type`: used on every local write and every document pulled. */
export function checkDoc(input: unknown): Checked<AnyDoc> {
  const spec = specNamed((input as { type?: unknown } | null)?.type);
  if (!spec) return { ok: false, problems: [{ path: 'type', key: 'v.unknownType' }] };
  return check(spec.schema, input) as Checked<AnyDoc>;
}

/** Validate a document that must be of the given type (an edit keeps its type). */
export function checkDocOf<T extends DocType>(type: T, input: unknown): Checked<DocOf<T>> {
  if ((input as { type?: unknown } | null)?.type !== type) return { ok: false, problems: [{ path: 'type', key: 'v.unknownType' }] };
  return check(specOf(type).schema, input) as Checked<DocOf<T>>;
}
