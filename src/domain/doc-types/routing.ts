import { typeOfId } from '../../wire/couch.ts';
import { keyOf } from '../ids.ts';
import { personOfId } from './define.ts';
import { specNamed } from './registry.ts';

/**
 * Where a document of a group's database goes among the group's participants' own
 * databases, from its type's `reach` — one answer for the relay's change feed and for the
 * backfill of a new participant's database:
 * - `everyone`: every participant of the group (a deletion is carried as one);
 * - `person`: the participant it is about — or withdrawn from them (`withdraw`), as a
 *   plan step no longer marked visible is;
 * - `withdrawEverywhere`: deleted without saying whose it was: withdrawn wherever it is;
 * - `nobody`: staff only.
 */
export type ParticipantRoute =
  | { to: 'everyone' }
  | { to: 'person'; participantKey: string; withdraw: boolean }
  | { to: 'withdrawEverywhere' }
  | { to: 'nobody' };

const NOBODY: ParticipantRoute = { to: 'nobody' };

export function routeToParticipants(id: string, doc: Readonly<Record<string, unknown>> | undefined, deleted: boolean): ParticipantRoute {
  const spec = specNamed(typeOfId(id));
  if (!spec || spec.reach === 'staff') return NOBODY;
  if (spec.reach === 'all') return { to: 'everyone' };
  const participantId = doc?.participantId;
  const named = typeof participantId === 'string' && participantId.startsWith('participant:') ? keyOf(participantId) : undefined;
  // A deletion carries no fields: a per-session-per-person id still names the person.
  const about = named ?? (spec.id === 'perRefPerson' ? personOfId(id) : undefined);
  if (about) return { to: 'person', participantKey: about, withdraw: spec.reach === 'ownWhenVisible' && !deleted && doc?.visibleToParticipant !== true };
  return deleted ? { to: 'withdrawEverywhere' } : NOBODY;
}

/** Whether a document in a participant's database is one they write and the group's staff must see. */
export const travelsToGroup = (id: string) => specNamed(typeOfId(id))?.writers.includes('participant') === true;
