import { describe, expect, it } from 'vitest';
import { ESF_INDICATORS, esfPersonRows, esfReport, followUpFor, followUpOpensOn, followUpsDue, isEsfExit, projectsOf, sixMonthsAfter, type EsfCounts, type EsfData } from './esf.ts';

// A hand-computed fixture. Project S30123 is groups A and B, project S30999 is group C, group D
// is in no project. The period is the first half of 2027.
const group = (key: string, projectCode?: string) => ({ id: `group:${key}`, name: key, projectCode });
const at = (date: string) => `${date}T09:00:00.000Z`;
type Rec = { groupKey: string; startDate: string; status?: string; endDate?: string; movedTo?: string; movedFrom?: string; esf?: Record<string, unknown>; esfSensitive?: Record<string, unknown>; esfExit?: unknown; esfFollowUp?: unknown; name?: string };
const rec = (person: string, r: Rec) => ({
  id: `participant:${person}`,
  type: 'participant',
  displayName: r.name ?? person,
  homeVillage: 'Kylmälä',
  language: 'fi',
  status: r.endDate ? 'ended' : 'active',
  scope: `polku-g-${r.groupKey}`,
  ...r,
});
const consent = at('2026-12-01');

const DATA = {
  groups: [group('alfa0001', 'S30123'), group('beta0001', 'S30123'), group('gamma001', 'S30999'), group('delta001')],
  participants: [
    // p1: entered on the period's first day, moved from A to B (the move copied the entry record): counted once.
    rec('aaaa0001', {
      groupKey: 'alfa0001', startDate: '2027-01-01', endDate: '2027-02-01', movedTo: 'beta0001',
      esf: { gender: 'woman', ageGroup: '18to29', labourMarketStatus: 'longTermUnemployed', educationLevel: 'basic', entryDate: '2027-01-01', recordedAt: at('2027-01-01') },
      esfSensitive: { consentRecordedAt: consent, disability: 'yes', rural: 'yes' },
    }),
    rec('aaaa0001', {
      groupKey: 'beta0001', startDate: '2027-02-01', movedFrom: 'alfa0001',
      esf: { gender: 'woman', ageGroup: '18to29', labourMarketStatus: 'longTermUnemployed', educationLevel: 'basic', entryDate: '2027-01-01', recordedAt: at('2027-01-01') },
      esfSensitive: { consentRecordedAt: consent, disability: 'yes', rural: 'yes' },
    }),
    // p2: entered before the period, moved to the other project's group C: a leaver from S30123.
    rec('aaaa0002', { groupKey: 'alfa0001', startDate: '2026-10-01', endDate: '2027-03-15', movedTo: 'gamma001', esf: { gender: 'man', labourMarketStatus: 'unemployed', recordedAt: at('2026-10-01') }, esfExit: { date: '2027-03-15', situations: ['education'], recordedAt: at('2027-03-20') } }),
    rec('aaaa0002', { groupKey: 'gamma001', startDate: '2027-03-15', movedFrom: 'alfa0001', esf: { gender: 'man', labourMarketStatus: 'unemployed', recordedAt: at('2026-10-01') } }),
    // p3: left A, came back in B: not a leaver, the answer for the first exit counts nowhere.
    rec('aaaa0003', { groupKey: 'alfa0001', startDate: '2026-11-01', endDate: '2027-02-10', esf: { gender: 'woman', recordedAt: at('2026-11-01') }, esfExit: { date: '2027-02-10', situations: ['employed'], recordedAt: at('2027-02-12') } }),
    rec('aaaa0003', { groupKey: 'beta0001', startDate: '2027-04-01' }),
    // p4: left, came back to the same group and left again: the answer on the record is for the earlier exit.
    rec('aaaa0004', { groupKey: 'alfa0001', startDate: '2026-09-01', endDate: '2027-05-20', esf: { gender: 'nonBinary', recordedAt: at('2026-09-01') }, esfExit: { date: '2027-01-15', situations: ['employed'], recordedAt: at('2027-01-20') } }),
    // p5: entered and left in the period with no four-week answer; legacy values.
    rec('aaaa0005', { groupKey: 'beta0001', startDate: '2027-03-01', endDate: '2027-04-30', esf: { gender: 'preferNot', labourMarketStatus: 'student', ageBand: 'under25', recordedAt: at('2027-03-01') } }),
    // p6: the recorded entry date (the period's last day) wins over a later start.
    rec('aaaa0006', {
      groupKey: 'beta0001', startDate: '2027-07-02',
      esf: { gender: 'man', ageGroup: '55plus', labourMarketStatus: 'unemployed', educationLevel: 'tertiary', entryDate: '2027-06-30', recordedAt: at('2027-06-30') },
      esfSensitive: { consentRecordedAt: consent, rural: 'yes', minority: 'preferNot' },
    }),
    // p7: started on the period's last day with no entry record.
    rec('aaaa0007', { groupKey: 'alfa0001', startDate: '2027-06-30' }),
    // p8, p9: just outside the period.
    rec('aaaa0008', { groupKey: 'alfa0001', startDate: '2027-07-01', esf: { gender: 'woman', recordedAt: at('2027-07-01') } }),
    rec('aaaa0009', { groupKey: 'alfa0001', startDate: '2026-12-31', esf: { gender: 'woman', recordedAt: at('2026-12-31') } }),
    // p10: employed at entry, left 31.8.2026, due 28.2.2027, answered.
    rec('aaaa0010', { groupKey: 'alfa0001', startDate: '2026-03-01', endDate: '2026-08-31', esf: { gender: 'woman', labourMarketStatus: 'employed', recordedAt: at('2026-03-01') }, esfFollowUp: { employed: 'yes', improved: 'yes', recordedAt: at('2027-03-01') } }),
    // p11: left 31.12.2026, due on the period's last day.
    rec('aaaa0011', { groupKey: 'beta0001', startDate: '2026-06-01', endDate: '2026-12-31', esf: { gender: 'man', recordedAt: at('2026-06-01') }, esfFollowUp: { employed: 'no', improved: 'yes', recordedAt: at('2027-06-20') } }),
    // p12: a follow-up recorded before this exit (for an earlier one) does not answer it.
    rec('aaaa0012', { groupKey: 'alfa0001', startDate: '2026-04-01', endDate: '2026-10-10', esf: { gender: 'woman', recordedAt: at('2026-04-01') }, esfFollowUp: { employed: 'yes', improved: 'yes', recordedAt: at('2026-05-01') } }),
    // p14: left 15.9.2026, no follow-up yet.
    rec('aaaa0014', { groupKey: 'alfa0001', startDate: '2026-05-01', endDate: '2026-09-15', name: 'Veikko' }),
    // p15: non-binary, entered and left in the period, answered.
    rec('aaaa0015', {
      groupKey: 'beta0001', startDate: '2027-02-15', endDate: '2027-03-31',
      esf: { gender: 'nonBinary', ageGroup: 'under18', labourMarketStatus: 'inactive', educationLevel: 'upperSecondary', recordedAt: at('2027-02-15') },
      esfExit: { date: '2027-03-31', situations: ['jobSearching', 'qualification'], recordedAt: at('2027-04-02') },
    }),
    // p13: in a group of no project.
    rec('aaaa0013', { groupKey: 'delta001', startDate: '2027-02-01', endDate: '2027-03-01', esf: { gender: 'woman', recordedAt: at('2027-02-01') } }),
  ],
} as unknown as EsfData;

const PERIOD = { from: '2027-01-01', to: '2027-06-30' };
const c = (woman: number, man: number, nonBinary: number, notStated: number): EsfCounts => ({ woman, man, nonBinary, notStated, total: woman + man + nonBinary + notStated });
const zero = c(0, 0, 0, 0);

describe('the ESF+ indicators', () => {
  it('lists the common indicators in order, the special-category ones marked sensitive', () => {
    expect(ESF_INDICATORS.map((i) => i.code)).toEqual([
      ...Array.from({ length: 17 }, (_, i) => `EECO${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 6 }, (_, i) => `EECR0${i + 1}`),
    ]);
    expect(ESF_INDICATORS.filter((i) => i.sensitive).map((i) => i.code)).toEqual(['EECO12', 'EECO13', 'EECO14', 'EECO15', 'EECO16', 'EECO17']);
    expect(ESF_INDICATORS.filter((i) => i.kind === 'longResult').map((i) => i.code)).toEqual(['EECR05', 'EECR06']);
  });

  it('names the projects by their codes', () => {
    expect(projectsOf(DATA.groups)).toEqual(['S30123', 'S30999']);
  });

  it('counts a project against the hand-computed fixture, each person once, split by gender', () => {
    const report = esfReport(DATA, 'S30123', PERIOD);
    const byCode = Object.fromEntries(report.rows.map((r) => [r.indicator.code, r.counts]));
    expect(byCode).toEqual({
      EECO01: c(1, 1, 1, 1), // p1, p6, p15, p5 (gender not stated); not p7, who has no labour-market status
      EECO02: c(1, 1, 0, 0), // p1 long-term unemployed, p6 unemployed
      EECO03: c(1, 0, 0, 0),
      EECO04: c(0, 0, 1, 1), // p15 inactive, p5 "student" (legacy)
      EECO05: zero,
      EECO06: c(0, 0, 1, 0),
      EECO07: c(1, 0, 0, 0),
      EECO08: c(0, 1, 0, 0),
      EECO09: c(1, 0, 0, 0),
      EECO10: c(0, 0, 1, 0),
      EECO11: c(0, 1, 0, 0),
      EECO12: c(1, 0, 0, 0),
      EECO13: zero,
      EECO14: zero,
      EECO15: zero, // p6 prefers not to say
      EECO16: zero,
      EECO17: c(1, 1, 0, 0),
      EECR01: c(0, 0, 1, 0),
      EECR02: c(0, 1, 0, 0), // p2, who moved to another project
      EECR03: c(0, 0, 1, 0),
      EECR04: zero, // p3 came back, p4's answer is for an earlier exit
      EECR05: c(1, 0, 0, 0), // p10; p12's answer predates the exit, p14 has none
      EECR06: c(1, 0, 0, 0), // p10, employed at entry; not p11, of no status given
    });
    expect(report).toMatchObject({ project: 'S30123', period: PERIOD, entrants: 5, entrantsWithoutStatus: 1, leavers: 4, exitsWithoutAnswer: 2, entrantsWithoutEntryData: 1 });
    // Six months after leaving in the period: p10, p11, p12 and p14.
    expect(report.dueInPeriod).toBe(4);
  });

  it('does not count the legacy age band in any age indicator', () => {
    const onlyP5 = { groups: DATA.groups, participants: DATA.participants.filter((p) => p.id === 'participant:aaaa0005') };
    const rows = esfReport(onlyP5, 'S30123', PERIOD).rows.filter((r) => r.counts.total > 0).map((r) => r.indicator.code);
    expect(rows).toEqual(['EECO01', 'EECO04']);
  });

  it('counts the other project on its own: the person who moved there entered it on the day of the move', () => {
    const report = esfReport(DATA, 'S30999', PERIOD);
    expect(report).toMatchObject({ entrants: 1, leavers: 0, exitsWithoutAnswer: 0 });
    expect(report.rows[0]!.counts).toEqual(c(0, 1, 0, 0));
  });
});

describe('an exit from an ESF+ project', () => {
  const ended = { status: 'ended' as const, endDate: '2027-03-15', groupKey: 'alfa0001' };

  it('is a participation ended, or ended by a move out of the project', () => {
    expect(isEsfExit(ended, DATA.groups)).toBe(true);
    expect(isEsfExit({ ...ended, movedTo: 'gamma001' }, DATA.groups)).toBe(true); // another project's group
    expect(isEsfExit({ ...ended, movedTo: 'delta001' }, DATA.groups)).toBe(true); // a group in no project
  });

  it('is no move within the project, no move from a group in none, and no participation going on', () => {
    expect(isEsfExit({ ...ended, movedTo: 'beta0001' }, DATA.groups)).toBe(false);
    expect(isEsfExit({ ...ended, groupKey: 'delta001', movedTo: 'alfa0001' }, DATA.groups)).toBe(false);
    expect(isEsfExit({ status: 'active', groupKey: 'alfa0001' }, DATA.groups)).toBe(false);
  });
});

describe('the six-month follow-ups', () => {
  it('is due six months after the exit, at the end of a shorter month', () => {
    expect(sixMonthsAfter('2026-08-31')).toBe('2027-02-28');
    expect(sixMonthsAfter('2026-12-02')).toBe('2027-06-02');
  });

  it('lists the ones past or within 30 days and unanswered, soonest first', () => {
    expect(followUpsDue(DATA, '2027-04-01')).toEqual([
      { participantId: 'participant:aaaa0014', groupKey: 'alfa0001', displayName: 'Veikko', exitDate: '2026-09-15', dueDate: '2027-03-15', overdue: true, scope: 'polku-g-alfa0001' },
      { participantId: 'participant:aaaa0012', groupKey: 'alfa0001', displayName: 'aaaa0012', exitDate: '2026-10-10', dueDate: '2027-04-10', overdue: false, scope: 'polku-g-alfa0001' },
    ]);
  });

  it('leaves out one not yet due, and takes a wider window when asked', () => {
    const due = (withinDays: number) => followUpsDue(DATA, '2027-04-01', withinDays).map((f) => f.participantId);
    // p11 is due 30.6.2027, 90 days on, but already answered; p5 is due 30.10.2027.
    expect(due(90)).not.toContain('participant:aaaa0011');
    expect(due(90)).not.toContain('participant:aaaa0005');
    expect(due(212)).toContain('participant:aaaa0005');
  });
});

describe('the per-person rows for the funder', () => {
  it('has one row per person in the period, by key and without a name', () => {
    const [header, ...rows] = esfPersonRows(DATA, 'S30123', PERIOD, { sensitive: false });
    expect(header).toEqual([
      'person', 'entryDate', 'gender', 'ageGroup', 'labourMarketStatus', 'educationLevel', 'exitDate',
      'exit.jobSearching', 'exit.education', 'exit.qualification', 'exit.employed', 'followUpDue', 'followUp.employed', 'followUp.improved',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['aaaa0010', 'aaaa0012', 'aaaa0014', 'aaaa0011', 'aaaa0004', 'aaaa0002', 'aaaa0001', 'aaaa0015', 'aaaa0005', 'aaaa0006', 'aaaa0007']);
    expect(rows.flat()).not.toContain('Veikko');
    expect(rows.find((r) => r[0] === 'aaaa0015')).toEqual(['aaaa0015', '2027-02-15', 'nonBinary', 'under18', 'inactive', 'upperSecondary', '2027-03-31', 'yes', 'no', 'yes', 'no', '2027-09-30', '', '']);
    // No answer for this exit: the situation is blank, not "no".
    expect(rows.find((r) => r[0] === 'aaaa0004')?.slice(6, 11)).toEqual(['2027-05-20', '', '', '', '']);
  });

  it('holds the special-category items only when asked for', () => {
    const [header, ...rows] = esfPersonRows(DATA, 'S30123', PERIOD, { sensitive: true });
    expect(header?.slice(6, 12)).toEqual(['disability', 'thirdCountNational', 'foreignBackground', 'minority', 'homeless', 'rural']);
    expect(rows.find((r) => r[0] === 'aaaa0006')?.slice(6, 12)).toEqual(['', '', '', 'preferNot', '', 'yes']);
    const plain = esfPersonRows(DATA, 'S30123', PERIOD, { sensitive: false });
    expect(plain[0]).not.toContain('disability');
    expect(plain[0]).not.toContain('specialCategoryData');
  });

  it('says inside the file, on every row, that it holds special-category data when it has those columns', () => {
    const [header, ...rows] = esfPersonRows(DATA, 'S30123', PERIOD, { sensitive: true });
    expect(header?.at(-1)).toBe('specialCategoryData');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.length, r.at(-1)])).toEqual(rows.map(() => [header!.length, 'yes']));
  });
});

describe('what a person is counted with, from their records', () => {
  const YEAR = { from: '2027-01-01', to: '2027-12-31' };
  const groups = DATA.groups;
  const total = (data: EsfData, code: string, project = 'S30123') => esfReport(data, project, YEAR).rows.find((r) => r.indicator.code === code)!.counts.total;
  const entry = { gender: 'woman', labourMarketStatus: 'unemployed', entryDate: '2027-01-10', recordedAt: at('2027-01-10') };

  it('takes the sensitive items only from the latest record: consent withdrawn there withdraws them everywhere', () => {
    const data = { groups, participants: [
      rec('bbbb0001', { groupKey: 'alfa0001', startDate: '2027-01-10', endDate: '2027-02-01', movedTo: 'beta0001', esf: entry, esfSensitive: { consentRecordedAt: consent, disability: 'yes', minority: 'yes' } }),
      rec('bbbb0001', { groupKey: 'beta0001', startDate: '2027-02-01', movedFrom: 'alfa0001', esf: entry }),
    ] } as unknown as EsfData;
    expect([total(data, 'EECO12'), total(data, 'EECO15'), total(data, 'EECO01')]).toEqual([0, 0, 1]);
    const [header, row] = esfPersonRows(data, 'S30123', YEAR, { sensitive: true });
    expect(row!.slice(header!.indexOf('disability'), header!.indexOf('rural') + 1)).toEqual(['', '', '', '', '', '']);
  });

  it('takes the entry items as a whole from the latest record with them: an item cleared there stays cleared', () => {
    const data = { groups, participants: [
      rec('bbbb0002', { groupKey: 'alfa0001', startDate: '2027-01-10', endDate: '2027-02-01', movedTo: 'beta0001', esf: { ...entry, ageGroup: 'under18' } }),
      rec('bbbb0002', { groupKey: 'beta0001', startDate: '2027-02-01', movedFrom: 'alfa0001', esf: entry }),
      // A record with no entry record at all leaves the items to the older one.
      rec('bbbb0003', { groupKey: 'alfa0001', startDate: '2027-01-10', endDate: '2027-02-01', movedTo: 'beta0001', esf: { ...entry, ageGroup: '55plus' } }),
      rec('bbbb0003', { groupKey: 'beta0001', startDate: '2027-02-01', movedFrom: 'alfa0001' }),
    ] } as unknown as EsfData;
    expect([total(data, 'EECO06'), total(data, 'EECO08'), total(data, 'EECO02')]).toEqual([0, 1, 2]);
  });

  it('enters another project on the day of the move, not on the entry date the move copied', () => {
    const copied = { gender: 'man', labourMarketStatus: 'unemployed', entryDate: '2026-06-01', recordedAt: at('2026-06-01') };
    const data = { groups, participants: [
      rec('bbbb0004', { groupKey: 'alfa0001', startDate: '2026-06-01', endDate: '2027-03-01', movedTo: 'gamma001', esf: copied }),
      rec('bbbb0004', { groupKey: 'gamma001', startDate: '2027-03-01', movedFrom: 'alfa0001', esf: copied }),
      // From a group not on this device: the same.
      rec('bbbb0005', { groupKey: 'gamma001', startDate: '2027-04-01', movedFrom: 'zeta0001', esf: copied }),
    ] } as unknown as EsfData;
    expect(esfReport(data, 'S30999', YEAR).entrants).toBe(2);
    expect(esfReport(data, 'S30123', YEAR).entrants).toBe(0);
  });

  it('counts in EECO01 only the entrants with a labour-market status, the others apart', () => {
    const data = { groups, participants: [
      rec('bbbb0006', { groupKey: 'alfa0001', startDate: '2027-02-01', esf: { gender: 'woman', labourMarketStatus: 'preferNot', recordedAt: at('2027-02-01') } }),
      rec('bbbb0007', { groupKey: 'alfa0001', startDate: '2027-02-01' }),
      rec('bbbb0008', { groupKey: 'alfa0001', startDate: '2027-02-01', esf: { gender: 'man', labourMarketStatus: 'employed', recordedAt: at('2027-02-01') } }),
    ] } as unknown as EsfData;
    const report = esfReport(data, 'S30123', YEAR);
    expect(total(data, 'EECO01')).toBe(total(data, 'EECO02') + total(data, 'EECO04') + total(data, 'EECO05'));
    expect(report).toMatchObject({ entrants: 3, entrantsWithoutStatus: 2 });
    expect(total(data, 'EECO01')).toBe(1);
  });
});

describe('the result indicators', () => {
  const YEAR = { from: '2027-01-01', to: '2027-12-31' };
  const leaver = (key: string, labourMarketStatus?: string) =>
    rec(key, {
      groupKey: 'alfa0001', startDate: '2026-10-01', endDate: '2027-01-15',
      esf: { gender: 'woman', ...(labourMarketStatus ? { labourMarketStatus } : {}), recordedAt: at('2026-10-01') },
      esfExit: { date: '2027-01-15', situations: ['jobSearching', 'education', 'qualification', 'employed'], recordedAt: at('2027-01-20') },
      esfFollowUp: { employed: 'yes', improved: 'yes', recordedAt: at('2027-07-10') },
    });
  const data = { groups: DATA.groups, participants: [
    leaver('cccc0001', 'inactive'), leaver('cccc0002', 'student'), leaver('cccc0003', 'longTermUnemployed'), leaver('cccc0004', 'employed'), leaver('cccc0005', 'preferNot'), leaver('cccc0006'),
  ] } as unknown as EsfData;

  it('count the leavers their toolbox definition is about, by the status at entry', () => {
    const totals = Object.fromEntries(esfReport(data, 'S30123', YEAR).rows.filter((r) => r.indicator.kind !== 'output').map((r) => [r.indicator.code, r.counts.total]));
    // Job searching: of those inactive at entry; in work: of those not in work at entry; better off: of those in work at entry.
    expect(totals).toEqual({ EECR01: 2, EECR02: 6, EECR03: 6, EECR04: 3, EECR05: 6, EECR06: 1 });
    expect(ESF_INDICATORS.filter((i) => i.base).map((i) => [i.code, i.base])).toEqual([['EECR01', 'inactive'], ['EECR04', 'notEmployed'], ['EECR06', 'employed']]);
  });

  it('take a six-month answer only when recorded from 30 days before it is due', () => {
    expect(followUpOpensOn('2027-01-15')).toBe('2027-06-15');
    const answered = (recordedAt: string) => followUpFor({ esfFollowUp: { employed: 'yes', improved: 'yes', recordedAt } }, '2027-01-15');
    expect(answered(at('2027-01-16'))).toBeUndefined();
    expect(answered(at('2027-06-14'))).toBeUndefined();
    expect(answered(at('2027-06-15'))).toBeDefined();
    const early = { groups: DATA.groups, participants: [{ ...leaver('cccc0007', 'employed'), esfFollowUp: { employed: 'yes', improved: 'yes', recordedAt: at('2027-01-16') } }] } as unknown as EsfData;
    expect(esfReport(early, 'S30123', YEAR).rows.filter((r) => r.indicator.kind === 'longResult').map((r) => r.counts.total)).toEqual([0, 0]);
    expect(followUpsDue(early, '2027-07-15').map((f) => f.participantId)).toEqual(['participant:cccc0007']);
  });
});
