import { addDays, addWeeks, format } from 'date-fns';

/**
 * Bench data, stored as the app stores it (domain fields + the device's local fields). The
 * text varies (names, notes, times) so that gzip sees something like real records, not one
 * record repeated: the sync figures depend on it.
 */
type Doc = Record<string, unknown> & { id: string; type: string };

const NOTES = [
  'Keskusteltiin työkokeilupaikasta, kiinnostusta löytyi.',
  'Väsynyt tänään, lähti aikaisemmin kotiin.',
  'Auttoi muita ruoanlaitossa ja oli hyvällä tuulella.',
  'Haluaa harjoitella työhaastattelua ensi kerralla.',
  'Kyyti myöhästyi, tuli puoli tuntia myöhässä.',
  'Kertoi uudesta harrastuksesta kylätalolla.',
  'Sovittiin käynnistä TE-palveluissa ensi viikolla.',
  'Osallistui aktiivisesti ryhmäkeskusteluun.',
];
const VILLAGES = ['Kivijärvi', 'Ahola', 'Rantakylä', 'Mäntylä'];
const FIRST = ['Aino', 'Eero', 'Helmi', 'Jussi', 'Kaisa', 'Lauri', 'Mirja', 'Niko', 'Oona', 'Pekka', 'Riikka', 'Sami'];

/** A small deterministic generator: the same seed gives the same data on every run. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface GroupOptions {
  weeks?: number;
  participants?: number;
  /** Author of every document (the server insists that writers sign their own documents). */
  user?: string;
  /** The first session's date. */
  start?: Date;
}

export function groupDocuments(key: string, options: GroupOptions = {}): Doc[] {
  const { weeks = 156, participants = 12, user = 'bench', start = new Date(2024, 0, 2) } = options;
  const scope = `polku-g-${key}`;
  const rnd = random([...key].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
  const stamp = (date: string) => `${date}T${String(8 + Math.floor(rnd() * 8)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}.${String(Math.floor(rnd() * 1000)).padStart(3, '0')}Z`;
  const docs: Doc[] = [];
  const add = (doc: Doc, ref: string, date: string) => {
    const at = stamp(date);
    docs.push({ schemaVersion: 1, scope, createdAt: at, updatedAt: at, createdBy: user, updatedBy: user, ...doc, pk: `${scope}|${doc.id}`, ref, person: typeof doc.participantId === 'string' ? doc.participantId : '', syncState: 'synced' });
  };
  const first = format(start, 'yyyy-MM-dd');
  const people = Array.from({ length: participants }, (_, p) => `participant:${key}p${String(p).padStart(2, '0')}`);
  people.forEach((id, p) => {
    add({ id, type: 'participant', clock: {}, groupKey: key, displayName: `${FIRST[p % FIRST.length]} ${String.fromCharCode(65 + p)}.`, homeVillage: VILLAGES[p % VILLAGES.length], language: 'fi', status: 'active', startDate: first }, key, first);
    add({ id: `planstep:${key}a${p}`, type: 'planstep', clock: {}, participantId: id, stage: 'workTrial', status: 'completed', startDate: first, endDate: format(addWeeks(start, 20 + p), 'yyyy-MM-dd'), visibleToParticipant: true }, id, first);
    add({ id: `planstep:${key}b${p}`, type: 'planstep', clock: {}, participantId: id, stage: 'paySubsidisedWork', status: 'active', startDate: format(addWeeks(start, 20 + p), 'yyyy-MM-dd'), visibleToParticipant: true }, id, first);
    add({ id: `goal:${key}g${p}`, type: 'goal', clock: {}, participantId: id, title: `Tavoite: ${NOTES[p % NOTES.length]!.slice(0, 30)}`, steps: [], status: p % 3 ? 'open' : 'reached', visibleToParticipant: true }, id, first);
  });
  for (let w = 0; w < weeks; w++) {
    const sessionKey = `${key}s${String(w).padStart(3, '0')}`;
    const date = format(addWeeks(start, w), 'yyyy-MM-dd');
    docs.push(...weekRecord(key, sessionKey, date, { user, people, rnd, stamp, cancelled: w % 20 === 7 }));
  }
  return docs;
}

/**
 * One session's record, as an instructor makes it: the session, attendance of every
 * participant given, notes for the first ten and rides for the first three.
 */
function weekRecord(
  key: string,
  sessionKey: string,
  date: string,
  o: { user: string; people: string[]; rnd: () => number; stamp: (date: string) => string; cancelled?: boolean; notes?: number; rides?: number; checkins?: number },
): Doc[] {
  const scope = `polku-g-${key}`;
  const session = `session:${sessionKey}`;
  const out: Doc[] = [];
  const add = (doc: Doc, ref: string) => {
    const at = o.stamp(date);
    out.push({ schemaVersion: 1, scope, createdAt: at, updatedAt: at, createdBy: o.user, updatedBy: o.user, ...doc, pk: `${scope}|${doc.id}`, ref, person: typeof doc.participantId === 'string' ? doc.participantId : '', syncState: 'synced' });
  };
  add({ id: session, type: 'session', clock: {}, groupKey: key, date, startTime: '10:00', endTime: '13:00', village: VILLAGES[Math.floor(o.rnd() * 4)], theme: o.rnd() < 0.5 ? 'Ruoanlaitto ja arjen taidot' : 'Työnhaku', instructors: [o.user], capacity: 8, costCents: 33000, status: o.cancelled ? 'cancelled' : 'held', ...(o.cancelled ? { cancelReason: 'Ohjaaja sairastui' } : {}) }, date);
  o.people.forEach((pid, p) => {
    const pk = pid.slice('participant:'.length);
    add({ id: `attendance:${sessionKey}:${pk}`, type: 'attendance', clock: { status: `${o.stamp(date)}|${o.user}` }, sessionId: session, participantId: pid, status: o.rnd() < 0.8 ? 'present' : 'absent' }, session);
    if (p < (o.notes ?? 10)) add({ id: `note:${sessionKey}n${p}`, type: 'note', participantId: pid, category: o.rnd() < 0.5 ? 'wellbeing' : 'nextSteps', text: `${NOTES[Math.floor(o.rnd() * NOTES.length)]} (${Math.floor(o.rnd() * 100)})`, sessionId: session }, pid);
    if (p < (o.checkins ?? 6)) add({ id: `checkin:${sessionKey}:${pk}`, type: 'checkin', clock: {}, sessionId: session, participantId: pid, mood: 1 + Math.floor(o.rnd() * 5), useful: 1 + Math.floor(o.rnd() * 5) }, pid);
    if (p < (o.rides ?? 3)) add({ id: `ride:${sessionKey}:${pk}`, type: 'ride', clock: {}, sessionId: session, participantId: pid, village: VILLAGES[p % VILLAGES.length], pickupPoint: 'Kauppa', seats: 1, status: 'confirmed' }, session);
  });
  return out;
}

/** A week's record made on the tablet and not yet sent: 1 session, 8 attendance, 2 rides, 8 notes. */
export function weekDocuments(key: string, week: number, user: string): Doc[] {
  const people = Array.from({ length: 8 }, (_, p) => `participant:${key}p${String(p).padStart(2, '0')}`);
  const rnd = random(week + 1);
  const at = new Date().toISOString();
  const docs = weekRecord(key, `${key}w${String(week).padStart(3, '0')}`, at.slice(0, 10), { user, people, rnd, stamp: () => at, notes: 8, rides: 2, checkins: 0 });
  return docs.map((d) => ({ ...d, syncState: 'pending' }));
}

/** One group's three years, about 5,000 documents (the dashboard and local-database bench). */
export const seedDocuments = (g: number) => groupDocuments(`bench${String(g).padStart(4, '0')}`);

/**
 * What a group gains after a device's last sync, written by others: a week (a session's whole
 * record) or a day (a planned session, three rides asked, two notes and two check-ins).
 */
export function gainedDocuments(key: string, n: number, kind: 'week' | 'day', user: string, participants = 12): Doc[] {
  const people = Array.from({ length: kind === 'week' ? participants : 3 }, (_, p) => `participant:${key}p${String(p).padStart(2, '0')}`);
  const rnd = random(n * 7919 + key.length);
  // Days of late, within any retention period.
  const date = format(addDays(new Date(), -n), 'yyyy-MM-dd');
  const stamp = () => `${date}T12:00:00.000Z`;
  const shape = kind === 'week' ? {} : { notes: 2, checkins: 2, rides: 3 };
  return weekRecord(key, `${key}${kind[0]}${String(n).padStart(3, '0')}`, date, { user, people, rnd, stamp, ...shape });
}
