import { describe, expect, it } from 'vitest';
import en from '../../i18n/messages/en.json';
import fi from '../../i18n/messages/fi.json';
import sv from '../../i18n/messages/sv.json';
import type { Problem } from '../validation.ts';
import { EXAMPLE_DEFAULTS, EXAMPLE_SETTINGS, exampleOf } from '../../../tooling/doc-examples.ts';
import { checkDoc, DOC_TYPE_SPECS, DOC_TYPES, enumValuesAt, ID_KEYS, type DocType } from './index.ts';

const at = EXAMPLE_DEFAULTS.at;
const settings = EXAMPLE_SETTINGS;

/** One valid document of every type. */
const VALID = Object.fromEntries(DOC_TYPES.map((type) => [type, exampleOf(type)])) as Record<DocType, Record<string, unknown>>;

/** Malformed variants every document shares. */
const COMMON_BAD: [string, Record<string, unknown>, string, string][] = [
  ['no scope', { scope: undefined }, 'scope', 'v.required'],
  ['a scope that is not a database of ours', { scope: '_users' }, 'scope', 'v.scope'],
  ['a newer schema version', { schemaVersion: 2 }, 'schemaVersion', 'v.schemaVersion'],
  ['a date in place of a timestamp', { createdAt: '2026-11-24' }, 'createdAt', 'v.dateTime'],
  ['an empty author', { createdBy: '' }, 'createdBy', 'v.required'],
  ['an author that is not text', { updatedBy: 42 }, 'updatedBy', 'v.invalidType'],
];

/** Malformed variants of each type, with the field and the catalogue message expected. */
const BAD: Record<DocType, [string, Record<string, unknown>, string, string][]> = {
  organisation: [
    ['another id', { id: 'organisation:x' }, 'id', 'v.id'],
    ['a capacity of zero', { defaults: { ...settings, capacity: 0 } }, 'defaults.capacity', 'v.tooSmall'],
    ['a fractional cost', { defaults: { ...settings, sessionCostCents: 330.5 } }, 'defaults.sessionCostCents', 'v.wholeNumber'],
    ['a small-count threshold of 1', { reporting: { smallCountThreshold: 1 } }, 'reporting.smallCountThreshold', 'v.tooSmall'],
    ['a small-count threshold of 51', { reporting: { smallCountThreshold: 51 } }, 'reporting.smallCountThreshold', 'v.tooBig'],
    ['a negative unit value', { reporting: { unitValues: { subsidyMonthCents: -1 } } }, 'reporting.unitValues.subsidyMonthCents', 'v.tooSmall'],
    ['a further saving with no name', { reporting: { unitValues: { otherMonthCents: 5000 } } }, 'reporting.unitValues.otherLabel', 'v.required'],
  ],
  group: [
    ['an id with capitals', { id: 'group:Pitstop' }, 'id', 'v.id'],
    ['a blank name', { name: '   ' }, 'name', 'v.required'],
    ['a 13-hour session', { settings: { ...settings, sessionMinutes: 13 * 60 } }, 'settings.sessionMinutes', 'v.tooBig'],
    ['a group ending before it starts', { startDate: '2027-01-01', endDate: '2026-12-31' }, 'endDate', 'v.endBeforeStart'],
    ['a target size of zero', { targetSize: 0 }, 'targetSize', 'v.tooSmall'],
    ['a project code too long', { projectCode: 'S'.repeat(31) }, 'projectCode', 'v.tooLong'],
    ['too many villages', { villages: Array.from({ length: 51 }, (_, i) => ({ name: `K${i}`, pickupPoints: [] })) }, 'villages', 'v.tooMany'],
  ],
  participant: [
    ['a name too long', { displayName: 'A'.repeat(81) }, 'displayName', 'v.tooLong'],
    ['an unknown status', { status: 'gone' }, 'status', 'v.choose'],
    ['a start date in another format', { startDate: '1.9.2026' }, 'startDate', 'v.date'],
    ['a phone number made of letters', { contact: { phone: 'call me', consentRecordedAt: at } }, 'contact.phone', 'v.phone'],
    ['an email without consent', { contact: { email: 'a@b.fi' } }, 'contact.consentRecordedAt', 'v.required'],
    ['a bad email', { contact: { email: 'not-an-email', consentRecordedAt: at } }, 'contact.email', 'v.email'],
    ['a referral source not on the list', { referral: 'rumour' }, 'referral', 'v.choose'],
  ],
  session: [
    ['an end before the start', { endTime: '09:00' }, 'endTime', 'v.endBeforeStart'],
    ['a time of 25:00', { startTime: '25:00' }, 'startTime', 'v.time'],
    ['a date that does not exist', { date: '2026-02-30' }, 'date', 'v.date'],
    ['no village', { village: '' }, 'village', 'v.required'],
    ['no places', { capacity: 0 }, 'capacity', 'v.capacityTooSmall'],
    ['a capacity as text', { capacity: '8' }, 'capacity', 'v.wholeNumber'],
    ['instructors that are not a list', { instructors: 'ohjaaja1' }, 'instructors', 'v.invalidType'],
    ['a negative cost', { costCents: -1 }, 'costCents', 'v.tooSmall'],
    ['cancelled without a reason', { status: 'cancelled' }, 'cancelReason', 'v.cancelReasonRequired'],
    ['an id with another prefix', { id: 'attendance:abcd1234' }, 'id', 'v.id'],
    ['cost parts that do not add up', { costParts: { instructors: 20000, travel: 5000, premises: 5000, activities: 2000 } }, 'costCents', 'v.costPartsSum'],
    ['a producer that is no partner', { producerId: 'group:abcd1234' }, 'producerId', 'v.id'],
  ],
  attendance: [
    ['an id that does not match session and participant', { id: 'attendance:abcd1234:zzzz9999' }, 'id', 'v.id'],
    ['an unknown status', { status: 'late' }, 'status', 'v.choose'],
    ['no session', { sessionId: undefined }, 'sessionId', 'v.required'],
  ],
  ride: [
    ['no seats', { seats: 0 }, 'seats', 'v.seatsTooFew'],
    ['a bus load', { seats: 40 }, 'seats', 'v.seatsTooMany'],
    ['declined without a reason', { status: 'declined' }, 'declineReason', 'v.declineReasonRequired'],
    ['no pickup point', { pickupPoint: ' ' }, 'pickupPoint', 'v.required'],
  ],
  rsvp: [
    ['an answer that is neither', { status: 'maybe' }, 'status', 'v.choose'],
    ['an id for someone else', { id: 'rsvp:abcd1234:zzzz9999' }, 'id', 'v.id'],
  ],
  checkin: [
    ['a six on a five-point scale', { mood: 6 }, 'mood', 'v.scale'],
    ['a half point', { useful: 3.5 }, 'useful', 'v.scale'],
    ['no answer at all', { mood: undefined, useful: undefined }, 'mood', 'v.answerOne'],
  ],
  note: [
    ['an empty text', { text: '' }, 'text', 'v.required'],
    ['a text too long', { text: 'x'.repeat(4001) }, 'text', 'v.tooLong'],
    ['an unknown category', { category: 'gossip' }, 'category', 'v.choose'],
    ['superseding itself', { supersedes: `note:${EXAMPLE_DEFAULTS.key}` }, 'supersedes', 'v.id'],
  ],
  planstep: [
    ['an unknown stage', { stage: 'lottery' }, 'stage', 'v.choose'],
    ['an end before the start', { endDate: '2026-11-01' }, 'endDate', 'v.endBeforeStart'],
    ['visibility missing', { visibleToParticipant: undefined }, 'visibleToParticipant', 'v.required'],
  ],
  goal: [
    ['a blank title', { title: '' }, 'title', 'v.required'],
    ['a step without text', { steps: [{ id: 's1', text: '', done: false }] }, 'steps.0.text', 'v.required'],
    ['too many steps', { steps: Array.from({ length: 51 }, (_, i) => ({ id: `s${i}`, text: 'x', done: false })) }, 'steps', 'v.tooMany'],
  ],
  wish: [
    ['a wish of 2,000 characters', { text: 'x'.repeat(2000) }, 'text', 'v.tooLong'],
    ['an empty wish', { text: '  ' }, 'text', 'v.required'],
    ['an unknown status', { status: 'done' }, 'status', 'v.choose'],
  ],
  wishsupport: [
    ['an id for another wish', { id: 'wishsupport:zzzz9999:efgh5678' }, 'id', 'v.id'],
    ['support that is not yes or no', { supported: 'yes' }, 'supported', 'v.invalidType'],
  ],
  errand: [
    ['an errand not on the list', { kinds: ['lottery'] }, 'kinds.0', 'v.choose'],
    ['an id for another session', { id: 'errand:zzzz9999:efgh5678' }, 'id', 'v.id'],
  ],
  guidance: [
    ['a service not on the list without a description', { service: 'other' }, 'description', 'v.describeOther'],
    ['an unknown service', { service: 'astrology' }, 'service', 'v.choose'],
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome', 'v.choose'],
  ],
  coaching: [
    ['an end before the start', { endTime: '12:00' }, 'endTime', 'v.endBeforeStart'],
    ['an unknown way to meet', { mode: 'letter' }, 'mode', 'v.choose'],
    ['no coach', { coach: '' }, 'coach', 'v.required'],
  ],
  partner: [
    ['a blank name', { name: ' ' }, 'name', 'v.required'],
    ['a negative capacity', { capacity: -1 }, 'capacity', 'v.tooSmall'],
  ],
  placement: [
    ['an end before the start', { endDate: '2026-12-01' }, 'endDate', 'v.endBeforeStart'],
    ['41 hours a week', { hoursPerWeek: 41 }, 'hoursPerWeek', 'v.hoursTooMany'],
    ['hours as text', { hoursPerWeek: '20' }, 'hoursPerWeek', 'v.number'],
    ['a stage that is no placement', { stage: 'plan' }, 'stage', 'v.choose'],
  ],
  observation: [
    ['no rating at all', { physical: undefined, social: undefined }, 'physical', 'v.rateOne'],
    ['a six on a five-point scale', { cognitive: 6 }, 'cognitive', 'v.scale'],
  ],
};

function withChanges(doc: Record<string, unknown>, changes: Record<string, unknown>) {
  const out = { ...doc, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete out[k];
  return out;
}

function problemsOf(input: unknown): Problem[] {
  const result = checkDoc(input);
  return result.ok ? [] : result.problems;
}

const catalogues = { fi, sv, en } as Record<string, Record<string, string>>;

describe('document schemas', () => {
  it('have a valid example for every type', () => {
    expect(Object.keys(VALID).sort()).toEqual([...DOC_TYPES].sort());
    for (const type of DOC_TYPES) expect(problemsOf(VALID[type]), type).toEqual([]);
  });

  for (const type of DOC_TYPES) {
    describe(type, () => {
      for (const [what, changes, path, key] of [...COMMON_BAD, ...BAD[type]]) {
        it(`refuses ${what} with ${key}`, () => {
          const problems = problemsOf(withChanges(VALID[type], changes));
          expect(problems).toContainEqual(expect.objectContaining({ path, key }));
          for (const p of problems) {
            for (const [lang, catalogue] of Object.entries(catalogues)) {
              expect(catalogue[p.key], `${p.key} in ${lang}`).toBeTruthy();
              // Every {placeholder} in the message has a value.
              for (const [, name] of catalogue[p.key]!.matchAll(/\{(\w+)\}/g)) expect(p.params, `${p.key} {${name}}`).toHaveProperty(name!);
            }
          }
        });
      }
    });
  }

  it('refuses something that is not a document of a known type', () => {
    for (const input of [null, 42, 'session', [], {}, { type: 'virus' }, { type: 'constructor' }, { type: '__proto__' }]) {
      expect(problemsOf(input)).toEqual([{ path: 'type', key: 'v.unknownType' }]);
    }
  });

  it('keeps fields it does not know, so a newer app version loses nothing through an older one', () => {
    const result = checkDoc({ ...VALID.session, weather: 'sunny' });
    expect(result.ok && (result.value as { weather?: string }).weather).toBe('sunny');
  });

  it('reports cross-field problems together with the others, not one round at a time', () => {
    const problems = problemsOf({ ...VALID.session, village: '', endTime: '09:00', status: 'cancelled' });
    expect(problems.map((p) => p.key).sort()).toEqual(['v.cancelReasonRequired', 'v.endBeforeStart', 'v.required']);
  });

  it('trims what people typed', () => {
    const result = checkDoc({ ...VALID.session, village: '  Kylmälä  ' });
    expect(result.ok && result.value.type === 'session' && result.value.village).toBe('Kylmälä');
  });

  describe('each type\'s descriptor agrees with its schema', () => {
    const shapeOf = (type: DocType) => Object.keys((DOC_TYPE_SPECS.find((s) => s.name === type)!.schema as unknown as { shape: object }).shape);
    for (const spec of DOC_TYPE_SPECS) {
      it(spec.name, () => {
        // Its example is valid, so its id has the shape the descriptor's id kind says.
        expect(checkDoc(VALID[spec.name]).ok).toBe(true);
        expect(String(VALID[spec.name].id).split(':').length - 1).toBe(ID_KEYS[spec.id]);
        if (spec.ref) expect(shapeOf(spec.name)).toContain(spec.ref);
        // Who it reaches is found from whom it is about.
        if (spec.reach === 'own' || spec.reach === 'ownWhenVisible') expect(shapeOf(spec.name)).toContain('participantId');
        if (spec.reach === 'ownWhenVisible') expect(shapeOf(spec.name)).toContain('visibleToParticipant');
        for (const path of Object.keys(spec.labels ?? {})) expect(enumValuesAt(spec.schema, path), path).not.toEqual([]);
        for (const [field, values] of Object.entries(spec.participantValues ?? {})) {
          for (const value of values) expect(enumValuesAt(spec.schema, field)).toContain(value);
        }
        if (spec.writers.includes('participant')) expect(['own', 'all'], 'a participant sees what they write').toContain(spec.reach);
        if (spec.id === 'perRefPerson') expect(spec.ref, 'a per-ref-per-person id names its ref').toBeTruthy();
      });
    }
  });
});
