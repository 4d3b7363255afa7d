import { describe, expect, it } from 'vitest';
import { checkDoc } from './doc-types/registry.ts';
import type { Participant } from './doc-types/participant.ts';
import { applyEdit, mergeFields, type Clocked } from './merge.ts';

type Doc = Clocked & { id: string; theme?: string; address?: string; capacity?: number };

const original: Doc = {
  id: 'session:abcd1234',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  updatedBy: 'ohjaaja1',
  clock: {},
  theme: 'Kahvila',
  capacity: 8,
};

const tabletA = (now: string) => ({ user: 'ohjaaja1', device: 'tablet-a', now: new Date(now) });
const tabletB = (now: string) => ({ user: 'ohjaaja2', device: 'tablet-b', now: new Date(now) });

describe('field merge of offline edits', () => {
  it('keeps both edits when two devices change different fields', () => {
    const a = applyEdit(original, { theme: 'Kelan asiointi' }, tabletA('2026-11-21T09:00:00Z'));
    const b = applyEdit(original, { address: 'Kylätalo' }, tabletB('2026-11-21T08:00:00Z'));
    const merged = mergeFields(a, b);
    expect(merged).toMatchObject({ theme: 'Kelan asiointi', address: 'Kylätalo', capacity: 8 });
  });

  it('lets the later edit of the same field win', () => {
    const a = applyEdit(original, { capacity: 10 }, tabletA('2026-11-21T09:00:00Z'));
    const b = applyEdit(original, { capacity: 6 }, tabletB('2026-11-21T10:00:00Z'));
    expect(mergeFields(a, b).capacity).toBe(6);
    expect(mergeFields(b, a).capacity).toBe(6);
  });

  it('gives the same result whichever side merges, and merging again changes nothing', () => {
    const a = applyEdit(original, { capacity: 10, theme: 'A' }, tabletA('2026-11-21T09:00:00Z'));
    const b = applyEdit(original, { capacity: 6, address: 'B' }, tabletB('2026-11-21T09:00:00Z'));
    const ab = mergeFields(a, b);
    expect(mergeFields(b, a)).toEqual(ab);
    expect(mergeFields(ab, a)).toEqual(ab);
    expect(mergeFields(ab, ab)).toEqual(ab);
    // Same instant on both: the device id decides, the same way everywhere.
    expect(ab.capacity).toBe(6);
  });

  it('merges a cleared field as cleared when the clearing was later', () => {
    const withAddress = applyEdit(original, { address: 'Kylätalo' }, tabletA('2026-11-21T09:00:00Z'));
    const cleared = applyEdit(withAddress, { address: undefined }, tabletB('2026-11-21T10:00:00Z'));
    const merged = mergeFields(withAddress, cleared);
    expect('address' in merged).toBe(false);
  });

  it('never moves updatedAt backwards, even with a clock that is behind', () => {
    const first = applyEdit(original, { theme: 'A' }, tabletA('2026-11-21T09:00:00Z'));
    const second = applyEdit(first, { theme: 'B' }, tabletA('2026-11-21T08:00:00Z'));
    expect(second.updatedAt > first.updatedAt).toBe(true);
    expect(mergeFields(first, second).theme).toBe('B');
  });

  it('does not touch identity fields and skips unchanged values', () => {
    const edited = applyEdit(original, { id: 'session:other000', theme: 'Kahvila' } as Partial<Doc>, tabletA('2026-11-21T09:00:00Z'));
    expect(edited.id).toBe(original.id);
    expect(edited.clock).toEqual({});
    expect(edited.updatedBy).toBe('ohjaaja1');
  });

  it('merges a list of items one item at a time: a tick on one device and a new step on the other both stay', () => {
    type Goal = Clocked & { id: string; steps: { id: string; text: string; done: boolean }[] };
    const goal: Goal = { ...original, steps: [{ id: 's1', text: 'Teoriakoe', done: true }, { id: 's2', text: 'Ajokoe', done: false }] };
    const ticked = applyEdit(goal, { steps: [goal.steps[0]!, { ...goal.steps[1]!, done: true }] }, tabletA('2026-11-21T09:00:00Z'));
    const added = applyEdit(goal, { steps: [...goal.steps, { id: 's3', text: 'Ensiapu', done: false }] }, tabletB('2026-11-21T10:00:00Z'));
    const merged = mergeFields(ticked, added);
    expect(merged.steps).toEqual([
      { id: 's1', text: 'Teoriakoe', done: true },
      { id: 's2', text: 'Ajokoe', done: true },
      { id: 's3', text: 'Ensiapu', done: false },
    ]);
    expect(mergeFields(added, ticked)).toEqual(merged);
    expect(mergeFields(merged, ticked)).toEqual(merged);
    // A removal counts as an edit of that item.
    const removed = applyEdit(goal, { steps: [goal.steps[0]!] }, tabletA('2026-11-21T11:00:00Z'));
    expect(mergeFields(removed, added).steps.map((s) => s.id)).toEqual(['s1', 's3']);
  });
});

describe('a participant edited on two tablets at once', () => {
  const at = '2026-11-24T08:00:00.000Z';
  const person = {
    id: 'participant:efgh5678', type: 'participant', schemaVersion: 1, scope: 'polku-g-pitstop01', createdAt: at, updatedAt: at,
    createdBy: 'koordinaattori', updatedBy: 'koordinaattori', clock: {}, groupKey: 'pitstop01', displayName: 'Aino',
    homeVillage: 'Kylmälä', language: 'fi', status: 'ended', startDate: '2026-09-01', endDate: '2026-11-24',
    esf: { gender: 'woman', ageGroup: '18to29', recordedAt: at },
  } as Participant;

  it('keeps both the exit answer and the corrected entry data', () => {
    const exit = { date: '2026-11-24', situations: ['jobSearching' as const], recordedAt: '2026-12-01T09:00:00.000Z' };
    const answered = applyEdit(person, { esfExit: exit }, tabletA('2026-12-01T09:00:00Z'));
    // The coordinator corrects the age group a little later, from the copy without the answer.
    const corrected = applyEdit(person, { esf: { ...person.esf!, ageGroup: '30to54' } }, tabletB('2026-12-01T09:05:00Z'));
    const merged = mergeFields(answered, corrected);
    expect(merged).toMatchObject({ esfExit: exit, esf: { gender: 'woman', ageGroup: '30to54', recordedAt: at } });
    expect(mergeFields(corrected, answered)).toEqual(merged);
    expect(checkDoc(merged).ok).toBe(true);
  });

  it('takes an entry record written back unchanged, its keys in another order (a form saving the name), for no edit of it', () => {
    const corrected = applyEdit(person, { esf: { ...person.esf!, ageGroup: '30to54' } }, tabletA('2026-12-01T09:00:00Z'));
    const { recordedAt, ...items } = person.esf!;
    const renamed = applyEdit(person, { displayName: 'Aino K.', esf: { recordedAt, ...items } }, tabletB('2026-12-01T09:05:00Z'));
    expect(renamed.clock.esf).toBeUndefined();
    expect(mergeFields(corrected, renamed)).toMatchObject({ displayName: 'Aino K.', esf: { ageGroup: '30to54' } });
  });

  it('keeps the six-month answer and the corrected entry data too', () => {
    const followUp = { employed: 'yes' as const, improved: 'yes' as const, recordedAt: '2027-05-24T09:00:00.000Z' };
    const corrected = applyEdit(person, { esf: { ...person.esf!, gender: 'nonBinary' } }, tabletA('2027-05-24T09:00:00Z'));
    const answered = applyEdit(person, { esfFollowUp: followUp }, tabletB('2027-05-24T09:05:00Z'));
    expect(mergeFields(corrected, answered)).toMatchObject({ esfFollowUp: followUp, esf: { gender: 'nonBinary', ageGroup: '18to29' } });
  });
});
