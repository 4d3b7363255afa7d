/**
 * Writes and what the servers' write rules answer, as the demo organisation's people. The
 * unit test evaluates the design document's function with them (server/write-rules); the
 * integration test sends them to both servers. One table, so the two cannot drift apart.
 */
import { DEMO_GROUP_KEY, DEMO_USERS } from '../../server/demo-data.ts';
import { groupScope, newKey, participantScope, rideId, ROLE, sessionId, staffRoles, type DocType } from '../../src/domain/index.ts';
import { couchExampleOf, type ExampleOf } from '../../tooling/doc-examples.ts';

const AINO = DEMO_USERS.participants.aino;
export const PEOPLE = {
  koordinaattori: staffRoles('coordinator', DEMO_GROUP_KEY),
  ohjaaja1: staffRoles('instructor', DEMO_GROUP_KEY),
  aino: [ROLE.participant, ROLE.self(AINO)],
} as const;
export type Person = keyof typeof PEOPLE;

export const DATABASES = { group: groupScope(DEMO_GROUP_KEY), aino: participantScope(AINO) } as const;

export interface WriteCase {
  story: string;
  as: Person;
  db: keyof typeof DATABASES;
  /** Stored first by a server admin: the write is then an edit (or with `delete`, a deletion) of it. */
  before?: Record<string, unknown> & { _id: string };
  delete?: boolean;
  write: Record<string, unknown> & { _id: string };
  /** `ok`, or the reason (a catalogue key) the write is refused with. */
  expect: string;
  /** The servers refuse it before the rules run (design documents are for database admins): only "refused" is compared there. */
  refusedBeforeRules?: boolean;
}

const at = '2026-11-24T08:00:00.000Z';
const by = (who: Person, db: keyof typeof DATABASES) => ({ schemaVersion: 1, scope: DATABASES[db], createdAt: at, updatedAt: at, createdBy: who, updatedBy: who, clock: {} });
const session = 'session:demo0005';
const aino = `participant:${AINO}`;
const eero = `participant:${DEMO_USERS.participants.eero}`;
/** A valid document of `type` as `who` writes it into `db` (tooling/doc-examples.ts), about aino and session demo0005 unless given. */
const docOf = (type: DocType, who: Person, db: keyof typeof DATABASES, given: Partial<ExampleOf> = {}) =>
  couchExampleOf(type, { scope: DATABASES[db], by: who, at, groupKey: DEMO_GROUP_KEY, session, participant: aino, key: newKey(), ...given });
const ride = (who: Person, db: keyof typeof DATABASES, participant: string, status: string, onSession = session) => ({
  ...docOf('ride', who, db, { participant, session: onSession }),
  status,
});
const note = (who: Person, key?: string) => docOf('note', who, 'group', key ? { key } : {});
const newSession = (who: Person) => docOf('session', who, 'group', { session: sessionId() });
const stored = note('ohjaaja1', 'kept0001');
const group = (name: string) => ({ ...docOf('group', 'koordinaattori', 'group', { groupKey: 'renamed1' }), name });

export const WRITE_CASES: WriteCase[] = [
  { story: 'an instructor adds a session', as: 'ohjaaja1', db: 'group', write: newSession('ohjaaja1'), expect: 'ok' },
  { story: 'an instructor writes a note', as: 'ohjaaja1', db: 'group', write: note('ohjaaja1'), expect: 'ok' },
  { story: 'an instructor renames the group', as: 'ohjaaja1', db: 'group', write: { _id: `group:${DEMO_GROUP_KEY}`, type: 'group', ...by('ohjaaja1', 'group'), name: 'Oma' }, expect: 'srv.roleMayNotWrite' },
  { story: 'an instructor signs as someone else', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), createdBy: 'ohjaaja2', updatedBy: 'ohjaaja2' }, expect: 'srv.notAuthor' },
  { story: 'an instructor claims another scope', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), scope: 'polku-g-toinen01' }, expect: 'srv.wrongScope' },
  { story: 'an instructor writes a design document', as: 'ohjaaja1', db: 'group', write: { _id: '_design/x', validate_doc_update: 'function () {}' }, expect: 'srv.forbidden', refusedBeforeRules: true },
  { story: 'an instructor writes an unknown type', as: 'ohjaaja1', db: 'group', write: { _id: 'virus:abcd1234', type: 'virus', ...by('ohjaaja1', 'group') }, expect: 'srv.badDocument' },
  { story: 'an instructor writes a session with an id of another shape', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), _id: 'session:A!' }, expect: 'srv.badDocument' },
  { story: "an instructor changes another's note", as: 'ohjaaja1', db: 'group', before: stored, write: { ...stored, text: 'Muutettu' }, expect: 'srv.appendOnly' },
  { story: 'an instructor deletes a note', as: 'ohjaaja1', db: 'group', before: { ...stored, _id: 'note:kept0002' }, delete: true, write: { _id: 'note:kept0002' }, expect: 'srv.appendOnly' },
  // Every device takes a participant record's deletion as the controller's erasure and removes everything about the person.
  { story: "an instructor deletes a participant's record", as: 'ohjaaja1', db: 'group', before: { ...docOf('participant', 'ohjaaja1', 'group', { participant: 'participant:gone0001' }) }, delete: true, write: { _id: 'participant:gone0001' }, expect: 'srv.forbidden' },
  { story: "a coordinator deletes a participant's record", as: 'koordinaattori', db: 'group', before: { ...docOf('participant', 'koordinaattori', 'group', { participant: 'participant:gone0002' }) }, delete: true, write: { _id: 'participant:gone0002' }, expect: 'srv.forbidden' },
  { story: 'a coordinator renames the group', as: 'koordinaattori', db: 'group', before: group('Vanha'), write: group('Uusi'), expect: 'ok' },
  { story: 'a participant asks for a ride', as: 'aino', db: 'aino', write: ride('aino', 'aino', aino, 'requested'), expect: 'ok' },
  { story: 'a participant asks for a ride for someone else', as: 'aino', db: 'aino', write: ride('aino', 'aino', eero, 'requested'), expect: 'srv.notYours' },
  { story: 'a participant confirms their own ride', as: 'aino', db: 'aino', write: ride('aino', 'aino', aino, 'confirmed', 'session:demo0006'), expect: 'srv.roleMayNotWrite' },
  { story: 'a participant marks themselves present', as: 'aino', db: 'aino', write: docOf('attendance', 'aino', 'aino'), expect: 'srv.roleMayNotWrite' },
  { story: 'a participant writes a note about themselves', as: 'aino', db: 'aino', write: { ...note('aino'), scope: DATABASES.aino }, expect: 'srv.roleMayNotWrite' },
  { story: "an instructor writes a note into a participant's own database", as: 'ohjaaja1', db: 'aino', write: { ...note('ohjaaja1'), scope: DATABASES.aino }, expect: 'srv.roleMayNotWrite' },
  { story: "an instructor writes a session into a participant's own database", as: 'ohjaaja1', db: 'aino', write: { ...newSession('ohjaaja1'), scope: DATABASES.aino }, expect: 'srv.roleMayNotWrite' },
  { story: 'an instructor writes a note of an unknown category', as: 'ohjaaja1', db: 'group', write: { ...note('ohjaaja1'), category: 'gossip' }, expect: 'srv.badDocument' },
  { story: 'an instructor writes a number where text belongs', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), village: 42 }, expect: 'srv.badDocument' },
  { story: 'an instructor writes a session without its date', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), date: undefined }, expect: 'srv.badDocument' },
  { story: 'an instructor writes an attendance whose id names another participant', as: 'ohjaaja1', db: 'group', write: { ...docOf('attendance', 'ohjaaja1', 'group'), _id: `attendance:demo0005:${DEMO_USERS.participants.eero}` }, expect: 'srv.badDocument' },
  { story: 'a participant asks for 99 seats', as: 'aino', db: 'aino', write: { ...ride('aino', 'aino', aino, 'requested', 'session:demo0008'), seats: 99 }, expect: 'srv.badDocument' },
  { story: 'a participant suggests an activity', as: 'aino', db: 'aino', write: docOf('wish', 'aino', 'aino'), expect: 'ok' },
  { story: 'a participant hides a wish', as: 'aino', db: 'aino', write: { ...docOf('wish', 'aino', 'aino'), status: 'hidden' }, expect: 'srv.roleMayNotWrite' },
  { story: 'a participant supports a wish', as: 'aino', db: 'aino', write: docOf('wishsupport', 'aino', 'aino', { key: 'wish0001' }), expect: 'ok' },
  { story: "a participant's support whose id names another wish", as: 'aino', db: 'aino', write: { ...docOf('wishsupport', 'aino', 'aino', { key: 'wish0002' }), wishId: 'wish:wish0003' }, expect: 'srv.badDocument' },
  { story: 'a participant rates their own functional capacity', as: 'aino', db: 'aino', write: { ...docOf('observation', 'aino', 'aino') }, expect: 'srv.roleMayNotWrite' },
  { story: 'a participant books themselves a coaching meeting', as: 'aino', db: 'aino', write: docOf('coaching', 'aino', 'aino'), expect: 'srv.roleMayNotWrite' },
  { story: 'an instructor hides a wish in the group', as: 'ohjaaja1', db: 'group', write: { ...docOf('wish', 'ohjaaja1', 'group'), status: 'hidden' }, expect: 'ok' },
  { story: 'an instructor corrects a capacity rating', as: 'ohjaaja1', db: 'group', before: docOf('observation', 'ohjaaja1', 'group', { key: 'rate0001' }), write: { ...docOf('observation', 'ohjaaja1', 'group', { key: 'rate0001' }), physical: 1 }, expect: 'srv.appendOnly' },
  { story: 'an instructor records 41 hours a week of placement', as: 'ohjaaja1', db: 'group', write: { ...docOf('placement', 'ohjaaja1', 'group'), hoursPerWeek: 41 }, expect: 'srv.badDocument' },
  { story: 'a participant deletes their own ride', as: 'aino', db: 'aino', before: ride('aino', 'aino', aino, 'requested', 'session:demo0007'), delete: true, write: { _id: rideId('session:demo0007', aino) }, expect: 'srv.forbidden' },
];
