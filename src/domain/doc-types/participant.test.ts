import { describe, expect, it } from 'vitest';
import { checkDoc } from './registry.ts';

const at = '2026-11-24T08:00:00.000Z';
const participant = {
  id: 'participant:efgh5678', type: 'participant', schemaVersion: 1, scope: 'polku-g-pitstop01', createdAt: at, updatedAt: at,
  createdBy: 'koordinaattori', updatedBy: 'koordinaattori', clock: {}, groupKey: 'pitstop01', displayName: 'Aino',
  homeVillage: 'Kylmälä', language: 'fi', status: 'ended', startDate: '2026-09-01', endDate: '2026-11-24',
};

describe('a move as the participant record tells it', () => {
  it('names the groups moved to and from by their keys', () => {
    expect(checkDoc({ ...participant, movedTo: 'toinen01' }).ok).toBe(true);
    expect(checkDoc({ ...participant, movedFrom: 'toinen01' }).ok).toBe(true);
    expect(checkDoc({ ...participant, movedTo: 'polku-g-toinen01' })).toEqual({ ok: false, problems: [{ path: 'movedTo', key: 'v.id' }] });
  });

  it('has no status of its own: a moved record is ended', () => {
    expect(checkDoc({ ...participant, status: 'moved' })).toMatchObject({ ok: false, problems: [{ path: 'status', key: 'v.choose' }] });
  });
});

describe('the ESF+ entry record', () => {
  const esf = { recordedAt: at };

  it('still accepts what was written with the 2014–2020 categories', () => {
    expect(checkDoc({ ...participant, esf: { ...esf, ageBand: 'under25', labourMarketStatus: 'student', educationLevel: 'basic' } }).ok).toBe(true);
  });

  it('takes "prefers not to say" as an answer to every item', () => {
    const answer = { ...esf, gender: 'preferNot', ageGroup: 'preferNot', labourMarketStatus: 'preferNot', educationLevel: 'preferNot' };
    expect(checkDoc({ ...participant, esf: answer, esfSensitive: { consentRecordedAt: at, disability: 'preferNot' } }).ok).toBe(true);
  });

  it('keeps the sensitive items only with the time consent was recorded', () => {
    expect(checkDoc({ ...participant, esfSensitive: { homeless: 'yes' } })).toMatchObject({ ok: false, problems: [{ path: 'esfSensitive.consentRecordedAt' }] });
  });
});

describe('the ESF+ answers after leaving, each a field of its own', () => {
  it('dates the situation at exit by the exit it answers for, "none of these" being an empty list', () => {
    expect(checkDoc({ ...participant, esfExit: { date: '2026-11-24', situations: [], recordedAt: at } }).ok).toBe(true);
    expect(checkDoc({ ...participant, esfExit: { situations: ['employed'], recordedAt: at } })).toMatchObject({ ok: false, problems: [{ path: 'esfExit.date' }] });
    expect(checkDoc({ ...participant, esfExit: { date: '2026-11-24', situations: ['retired'], recordedAt: at } })).toMatchObject({ ok: false, problems: [{ path: 'esfExit.situations.0', key: 'v.choose' }] });
  });

  it('answers the six-month follow-up with yes, no or unknown', () => {
    expect(checkDoc({ ...participant, esfFollowUp: { employed: 'yes', improved: 'unknown', recordedAt: at } }).ok).toBe(true);
    expect(checkDoc({ ...participant, esfFollowUp: { employed: 'maybe', improved: 'no', recordedAt: at } })).toMatchObject({ ok: false, problems: [{ path: 'esfFollowUp.employed', key: 'v.choose' }] });
  });
});
