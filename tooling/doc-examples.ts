/**
 * One valid document of every type, made for a given database, author and people — the
 * registry's unit test checks the schemas with them, the access matrix writes them to the
 * servers. A `Record` over every type: a new type does not compile without its example.
 */
import { attendanceId, checkinId, errandId, isAppendOnly, rideId, rsvpId, wishSupportId, type DocType } from '../src/domain/index.ts';

export interface ExampleOf {
  scope: string;
  by: string;
  at: string;
  groupKey: string;
  /** `session:<key>` the example is about, and `participant:<key>`. */
  session: string;
  participant: string;
  /** The key of a document with an id of its own. */
  key: string;
}

export const EXAMPLE_DEFAULTS: ExampleOf = {
  scope: 'polku-g-pitstop01',
  by: 'ohjaaja1',
  at: '2026-11-24T08:00:00.000Z',
  groupKey: 'pitstop01',
  session: 'session:abcd1234',
  participant: 'participant:efgh5678',
  key: 'exam0001',
};

export const EXAMPLE_SETTINGS = { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 };

const EXAMPLES: Record<DocType, (c: ExampleOf) => Record<string, unknown>> = {
  organisation: () => ({
    id: 'organisation', name: 'Polku ry', defaults: EXAMPLE_SETTINGS,
    reporting: { smallCountThreshold: 5, unitValues: { subsidyMonthCents: 35_000, otherMonthCents: 12_000, otherLabel: 'Toimeentulotuki' } },
    privacy: { lockAfterMinutes: 5, retentionMonths: 24 },
  }),
  group: (c) => ({
    id: `group:${c.groupKey}`, name: 'PopUp Pitstoppi', settings: EXAMPLE_SETTINGS,
    villages: [{ name: 'Kylmälä', pickupPoints: ['Kauppa'] }], instructors: ['ohjaaja1'], coordinators: ['koordinaattori'], projectCode: 'S30123',
  }),
  participant: (c) => ({
    id: c.participant, groupKey: c.groupKey, displayName: 'Aino', homeVillage: 'Kylmälä', language: 'fi', status: 'active',
    startDate: '2026-09-01', contact: { phone: '+358 40 123 4567', consentRecordedAt: c.at },
    esf: {
      gender: 'woman', ageGroup: '30to54', labourMarketStatus: 'longTermUnemployed', educationLevel: 'upperSecondary', entryDate: '2026-09-01', recordedAt: c.at,
    },
    esfSensitive: { consentRecordedAt: c.at, disability: 'no', rural: 'yes', minority: 'preferNot' },
    esfExit: { date: '2026-11-20', situations: ['jobSearching', 'education'], recordedAt: c.at },
    esfFollowUp: { employed: 'unknown', improved: 'yes', recordedAt: c.at },
  }),
  session: (c) => ({
    id: c.session, groupKey: c.groupKey, date: '2026-12-01', startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
    instructors: ['ohjaaja1', 'ohjaaja2'], capacity: 8, costCents: 33000, status: 'planned',
  }),
  attendance: (c) => ({ id: attendanceId(c.session, c.participant), sessionId: c.session, participantId: c.participant, status: 'present' }),
  ride: (c) => ({
    id: rideId(c.session, c.participant), sessionId: c.session, participantId: c.participant, village: 'Kylmälä', pickupPoint: 'Kauppa', seats: 1, status: 'requested',
  }),
  rsvp: (c) => ({ id: rsvpId(c.session, c.participant), sessionId: c.session, participantId: c.participant, status: 'coming' }),
  checkin: (c) => ({ id: checkinId(c.session, c.participant), sessionId: c.session, participantId: c.participant, mood: 4, useful: 5 }),
  note: (c) => ({ id: `note:${c.key}`, participantId: c.participant, category: 'wellbeing', text: 'Hyvä päivä.' }),
  planstep: (c) => ({
    id: `planstep:${c.key}`, participantId: c.participant, stage: 'workTrial', status: 'planned', startDate: '2026-12-01',
    endDate: '2027-02-28', visibleToParticipant: true,
  }),
  goal: (c) => ({
    id: `goal:${c.key}`, participantId: c.participant, title: 'Ajokortti', steps: [{ id: 's1', text: 'Teoriakoe', done: false }], status: 'open',
    visibleToParticipant: true,
  }),
  wish: (c) => ({ id: `wish:${c.key}`, participantId: c.participant, text: 'Pilkkiretki Kylmälän järvelle', status: 'open' }),
  wishsupport: (c) => ({ id: wishSupportId(`wish:${c.key}`, c.participant), wishId: `wish:${c.key}`, participantId: c.participant, supported: true }),
  errand: (c) => ({ id: errandId(c.session, c.participant), sessionId: c.session, participantId: c.participant, kinds: ['kela', 'bankOrId'] }),
  guidance: (c) => ({
    id: `guidance:${c.key}`, participantId: c.participant, sessionId: c.session, date: '2026-12-01', service: 'socialWork', outcome: 'pending',
  }),
  coaching: (c) => ({
    id: `coaching:${c.key}`, participantId: c.participant, date: '2026-12-03', startTime: '13:00', endTime: '14:00', mode: 'phone', coach: c.by,
    status: 'planned',
  }),
  partner: (c) => ({ id: `partner:${c.key}`, name: 'Kylmälän kyläyhdistys ry', kind: 'villageAssociation', work: 'Kiinteistöhuolto', capacity: 2 }),
  placement: (c) => ({
    id: `placement:${c.key}`, participantId: c.participant, partnerId: `partner:${c.key}`, stage: 'workTrial', startDate: '2026-12-07',
    endDate: '2027-03-05', hoursPerWeek: 20, supervisor: 'Matti',
  }),
  observation: (c) => ({ id: `observation:${c.key}`, participantId: c.participant, date: '2026-12-01', physical: 4, social: 3 }),
};

/** A valid document of `type` in its domain form (`id`, no `_id`). Append-only types carry no field clocks. */
export function exampleOf(type: DocType, given: Partial<ExampleOf> = {}): Record<string, unknown> {
  const c = { ...EXAMPLE_DEFAULTS, ...given };
  const base = { type, schemaVersion: 1, scope: c.scope, createdAt: c.at, updatedAt: c.at, createdBy: c.by, updatedBy: c.by };
  return { ...base, ...(isAppendOnly(type) ? {} : { clock: {} }), ...EXAMPLES[type](c) };
}

/** The same example in CouchDB's form (`_id`), as a device would send it. */
export function couchExampleOf(type: DocType, given: Partial<ExampleOf> = {}): Record<string, unknown> & { _id: string } {
  const { id, ...fields } = exampleOf(type, given);
  return { _id: String(id), ...fields };
}

/**
 * A group's long history on the server: `count` notes about one participant (`note:full00000`…),
 * each `repeat` sentences long, as a first sync that fills a device meets it.
 */
export function longNotes(scope: string, count: number, at: string, repeat: number): (Record<string, unknown> & { _id: string })[] {
  return Array.from({ length: count }, (_, i) => ({
    ...couchExampleOf('note', { scope, at, by: 'ohjaaja2', participant: 'participant:aino0001', key: `full${String(i).padStart(5, '0')}` }),
    text: `Pitkä havainto ${i}: ${'Osallistui ja kertoi viikostaan. '.repeat(repeat)}`,
  }));
}
