import type { DocType } from './doc-types/index.ts';

/**
 * Which fields of each document type a staff device stores encrypted (SECURITY.md, "Data at
 * rest"). Every top-level field of every type is named here once, sealed or clear, and a test
 * fails on a field named in neither: a new field is classified when it is added, never by
 * default. Clear are the fields the device queries, indexes, sorts by before reading or
 * needs to merge and sync (ids, types, scope, references, dates, states, clocks, who wrote
 * it), and plain logistics (times, villages, seats, capacity). Sealed is what says something
 * about a person: free text, contact details, the functional-capacity observations, ESF+
 * data (the sensitive items above all), names and accounts.
 */
const APPEND_ONLY_HEAD = ['id', 'type', 'schemaVersion', 'scope', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;
const HEAD = [...APPEND_ONLY_HEAD, 'clock'] as const;

type Classified = { sealed: readonly string[]; clear: readonly string[] };

export const AT_REST: Record<DocType, Classified> = {
  organisation: { sealed: [], clear: [...HEAD, 'name', 'defaults', 'reporting', 'privacy'] },
  group: { sealed: [], clear: [...HEAD, 'name', 'municipality', 'settings', 'villages', 'instructors', 'coordinators', 'startDate', 'endDate', 'targetSize', 'projectCode'] },
  participant: {
    sealed: ['displayName', 'username', 'contact', 'esf', 'esfSensitive', 'esfExit', 'esfFollowUp', 'referral', 'info'],
    clear: [...HEAD, 'groupKey', 'homeVillage', 'language', 'status', 'startDate', 'endDate', 'movedTo', 'movedFrom', 'walkIn'],
  },
  session: {
    sealed: [],
    clear: [...HEAD, 'groupKey', 'date', 'startTime', 'endTime', 'village', 'address', 'theme', 'instructors', 'capacity', 'costCents', 'costParts', 'producerId', 'fromWishId', 'status', 'cancelReason', 'routeOrder'],
  },
  attendance: { sealed: [], clear: [...HEAD, 'sessionId', 'participantId', 'status'] },
  // What a person needs on a ride can tell of a disability.
  ride: { sealed: ['needs', 'declineReason'], clear: [...HEAD, 'sessionId', 'participantId', 'village', 'pickupPoint', 'seats', 'status'] },
  rsvp: { sealed: [], clear: [...HEAD, 'sessionId', 'participantId', 'status'] },
  checkin: { sealed: ['mood', 'useful'], clear: [...HEAD, 'sessionId', 'participantId'] },
  note: { sealed: ['text'], clear: [...APPEND_ONLY_HEAD, 'participantId', 'category', 'sessionId', 'coachingId', 'supersedes'] },
  planstep: { sealed: ['info'], clear: [...HEAD, 'participantId', 'stage', 'status', 'startDate', 'endDate', 'visibleToParticipant'] },
  goal: { sealed: ['title', 'steps'], clear: [...HEAD, 'participantId', 'targetDate', 'status', 'visibleToParticipant'] },
  wish: { sealed: ['text'], clear: [...HEAD, 'participantId', 'status'] },
  wishsupport: { sealed: [], clear: [...HEAD, 'wishId', 'participantId', 'supported'] },
  errand: { sealed: ['kinds'], clear: [...HEAD, 'sessionId', 'participantId'] },
  guidance: { sealed: ['service', 'description', 'outcome'], clear: [...HEAD, 'participantId', 'sessionId', 'date', 'followedUpOn'] },
  coaching: { sealed: [], clear: [...HEAD, 'participantId', 'date', 'startTime', 'endTime', 'mode', 'place', 'coach', 'status'] },
  partner: { sealed: ['contact'], clear: [...HEAD, 'name', 'kind', 'work', 'capacity'] },
  placement: { sealed: ['supervisor', 'outcome'], clear: [...HEAD, 'participantId', 'partnerId', 'stage', 'planStepId', 'startDate', 'endDate', 'hoursPerWeek'] },
  observation: { sealed: ['physical', 'cognitive', 'psychological', 'social'], clear: [...APPEND_ONLY_HEAD, 'participantId', 'sessionId', 'date'] },
};

/** The fields of a document of this type that are stored encrypted (none for an unknown type). */
export function sealedFieldsOf(type: unknown): readonly string[] {
  return typeof type === 'string' && Object.hasOwn(AT_REST, type) ? AT_REST[type as DocType].sealed : [];
}

/**
 * The fields of this document that this version of the app classifies neither way: those a
 * newer version added (documents keep them, so nothing is lost on a round trip). Not
 * knowing what they say, a device seals them.
 */
export function unclassifiedFieldsOf(doc: Record<string, unknown>): string[] {
  const known = typeof doc.type === 'string' && Object.hasOwn(AT_REST, doc.type) ? AT_REST[doc.type as DocType] : undefined;
  if (!known) return [];
  return Object.keys(doc).filter((f) => !known.sealed.includes(f) && !known.clear.includes(f));
}
