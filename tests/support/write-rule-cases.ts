/**
 * Writes and what the servers' write rules answer, as the demo organisation's people. The
 * unit test evaluates the design document's function with them (server/write-rules); the
 * integration test sends them to both servers. One table, so the two cannot drift apart.
 */
import { DEMO_GROUP_KEY, DEMO_USERS } from '../../server/demo-data.ts';
import { groupScope, noteId, participantScope, rideId, ROLE, sessionId, staffRoles } from '../../src/domain/index.ts';

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
const ride = (who: Person, db: keyof typeof DATABASES, participantId: string, status: string) => ({
  _id: rideId(session, participantId), type: 'ride', ...by(who, db), sessionId: session, participantId, village: 'Kylmälä', pickupPoint: 'Kauppa', seats: 1, status,
});
const note = (who: Person, id = noteId()) => {
  const { clock: _none, ...base } = by(who, 'group');
  return { _id: id, type: 'note', ...base, participantId: aino, category: 'wellbeing', text: 'Hyvä päivä.' };
};
const newSession = (who: Person) => ({
  _id: sessionId(), type: 'session', ...by(who, 'group'), groupKey: DEMO_GROUP_KEY, date: '2026-12-15', startTime: '10:00', endTime: '13:00',
  village: 'Kylmälä', instructors: [who], capacity: 8, costCents: 33000, status: 'planned',
});
const stored = note('ohjaaja1', 'note:kept0001');
const group = (name: string) => ({
  _id: 'group:renamed1', type: 'group', ...by('koordinaattori', 'group'), name, villages: [], instructors: [], coordinators: ['koordinaattori'],
  settings: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 },
});

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
  { story: 'a coordinator renames the group', as: 'koordinaattori', db: 'group', before: group('Vanha'), write: group('Uusi'), expect: 'ok' },
  { story: 'a participant asks for a ride', as: 'aino', db: 'aino', write: ride('aino', 'aino', aino, 'requested'), expect: 'ok' },
  { story: 'a participant asks for a ride for someone else', as: 'aino', db: 'aino', write: ride('aino', 'aino', eero, 'requested'), expect: 'srv.notYours' },
  { story: 'a participant confirms their own ride', as: 'aino', db: 'aino', write: { ...ride('aino', 'aino', aino, 'confirmed'), _id: rideId('session:demo0006', aino), sessionId: 'session:demo0006' }, expect: 'srv.roleMayNotWrite' },
  { story: 'a participant marks themselves present', as: 'aino', db: 'aino', write: { _id: `attendance:demo0005:${AINO}`, type: 'attendance', ...by('aino', 'aino'), sessionId: session, participantId: aino, status: 'present' }, expect: 'srv.roleMayNotWrite' },
  { story: 'a participant writes a note about themselves', as: 'aino', db: 'aino', write: { ...note('aino'), scope: DATABASES.aino }, expect: 'srv.roleMayNotWrite' },
  { story: "an instructor writes a note into a participant's own database", as: 'ohjaaja1', db: 'aino', write: { ...note('ohjaaja1'), scope: DATABASES.aino }, expect: 'srv.roleMayNotWrite' },
  { story: "an instructor writes a session into a participant's own database", as: 'ohjaaja1', db: 'aino', write: { ...newSession('ohjaaja1'), scope: DATABASES.aino }, expect: 'srv.roleMayNotWrite' },
  { story: 'an instructor writes a note of an unknown category', as: 'ohjaaja1', db: 'group', write: { ...note('ohjaaja1'), category: 'gossip' }, expect: 'srv.badDocument' },
  { story: 'an instructor writes a number where text belongs', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), village: 42 }, expect: 'srv.badDocument' },
  { story: 'an instructor writes a session without its date', as: 'ohjaaja1', db: 'group', write: { ...newSession('ohjaaja1'), date: undefined }, expect: 'srv.badDocument' },
  { story: 'an instructor writes an attendance whose id names another participant', as: 'ohjaaja1', db: 'group', write: { _id: `attendance:demo0005:${DEMO_USERS.participants.eero}`, type: 'attendance', ...by('ohjaaja1', 'group'), sessionId: session, participantId: aino, status: 'present' }, expect: 'srv.badDocument' },
  { story: 'a participant asks for 99 seats', as: 'aino', db: 'aino', write: { ...ride('aino', 'aino', aino, 'requested'), _id: rideId('session:demo0008', aino), sessionId: 'session:demo0008', seats: 99 }, expect: 'srv.badDocument' },
  { story: 'a participant deletes their own ride', as: 'aino', db: 'aino', before: { ...ride('aino', 'aino', aino, 'requested'), _id: rideId('session:demo0007', aino), sessionId: 'session:demo0007' }, delete: true, write: { _id: rideId('session:demo0007', aino) }, expect: 'srv.forbidden' },
];
