import { describe, expect, it } from 'vitest';
import en from '../i18n/messages/en.json';
import fi from '../i18n/messages/fi.json';
import sv from '../i18n/messages/sv.json';
import { impactReport, impactTables, modelSplit, suppressedRows, type ImpactData } from './impact.ts';
import {
  checkDoc,
  checkinId,
  attendanceId,
  type Attendance,
  type Checkin,
  type Goal,
  type Group,
  type Guidance,
  type Observation,
  type Participant,
  type Partner,
  type Placement,
  type PlanStep,
  type Session,
} from './index.ts';

/*
 * A small organisation by hand. The period is the first quarter of 2027: 1 Jan – 31 Mar,
 * 31 + 28 + 31 = 90 days. Two groups:
 * - A, "pitstop1": Aino, Eero (until he moves to B on 1 Feb) and Olli (ended in December);
 * - B, "laavu001": Eero (from 1 Feb, now living in Saarikylä), Liisa, and Ville (a walk-in).
 */
const A = 'polku-g-pitstop1';
const B = 'polku-g-laavu001';
const P = { from: '2027-01-01', to: '2027-03-31' };

const head = <T extends string>(type: T, id: string, scope: string, createdAt = '2026-10-01T08:00:00.000Z', updatedAt = createdAt) => ({
  id,
  type,
  schemaVersion: 1 as const,
  scope,
  createdAt,
  updatedAt,
  createdBy: 'koordinaattori',
  updatedBy: 'koordinaattori',
  clock: {},
});
const groupKeyOf = (scope: string) => scope.slice('polku-g-'.length);
const pid = (name: string) => `participant:${name}0001`;

const group = (scope: string, costParts?: Group['settings']['costParts']): Group => ({
  ...head('group', `group:${groupKeyOf(scope)}`, scope),
  name: scope === A ? 'Pitstoppi' : 'Laavu',
  settings: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000, ...(costParts ? { costParts } : {}) },
  villages: [],
  instructors: [],
  coordinators: [],
});
const person = (scope: string, name: string, homeVillage: string, startDate: string, more: Partial<Participant> = {}): Participant => ({
  ...head('participant', pid(name), scope),
  groupKey: groupKeyOf(scope),
  displayName: name,
  homeVillage,
  language: 'fi',
  status: 'active',
  startDate,
  ...more,
});
const partner = (key: string, name: string, kind: Partner['kind']): Partner => ({ ...head('partner', `partner:${key}`, A), name, kind });
const session = (scope: string, key: string, date: string, status: Session['status'], village: string, costCents: number, more: Partial<Session> = {}): Session => ({
  ...head('session', `session:${key}`, scope),
  groupKey: groupKeyOf(scope),
  date,
  startTime: '10:00',
  endTime: '13:00',
  village,
  instructors: [],
  capacity: 8,
  costCents,
  status,
  ...(status === 'cancelled' ? { cancelReason: 'Myrsky' } : {}),
  ...more,
});
const mark = (scope: string, sessionKey: string, name: string, status: Attendance['status']): Attendance => ({
  ...head('attendance', attendanceId(`session:${sessionKey}`, pid(name)), scope),
  sessionId: `session:${sessionKey}`,
  participantId: pid(name),
  status,
});
const checkin = (scope: string, sessionKey: string, name: string, answers: { mood?: number; useful?: number }): Checkin => ({
  ...head('checkin', checkinId(`session:${sessionKey}`, pid(name)), scope),
  sessionId: `session:${sessionKey}`,
  participantId: pid(name),
  ...answers,
});
let n = 0;
const step = (scope: string, name: string, stage: PlanStep['stage'], status: PlanStep['status'], startDate: string, endDate?: string, updatedAt?: string): PlanStep => ({
  ...head('planstep', `planstep:step${++n}`, scope, '2026-10-01T08:00:00.000Z', updatedAt),
  participantId: pid(name),
  stage,
  status,
  startDate,
  ...(endDate ? { endDate } : {}),
  visibleToParticipant: true,
});
const goal = (scope: string, name: string, status: Goal['status'], createdAt: string, updatedAt = createdAt): Goal => ({
  ...head('goal', `goal:goal${++n}`, scope, createdAt, updatedAt),
  participantId: pid(name),
  title: 'Tavoite',
  steps: [],
  status,
  visibleToParticipant: true,
});
const observation = (scope: string, name: string, date: string, ratings: Partial<Pick<Observation, 'physical' | 'cognitive' | 'psychological' | 'social'>>, createdAt = `${date}T08:00:00.000Z`): Observation => {
  const { clock: _clock, ...base } = head('observation', `observation:obs${++n}`, scope, createdAt);
  return { ...base, participantId: pid(name), date, ...ratings };
};
const placement = (scope: string, name: string, partnerKey: string, stage: Placement['stage'], startDate: string, endDate: string | undefined, hoursPerWeek: number, outcome?: Placement['outcome']): Placement => ({
  ...head('placement', `placement:plc${++n}`, scope),
  participantId: pid(name),
  partnerId: `partner:${partnerKey}`,
  stage,
  startDate,
  ...(endDate ? { endDate } : {}),
  hoursPerWeek,
  ...(outcome ? { outcome } : {}),
});
const guidance = (scope: string, name: string, date: string, service: Guidance['service'], outcome: Guidance['outcome']): Guidance => ({
  ...head('guidance', `guidance:gdn${++n}`, scope),
  participantId: pid(name),
  date,
  service,
  outcome,
});

const DATA: ImpactData = {
  // A's own split adds up to 300 €, which the model's 330 € is scaled to (220 / 55 / 55 / 0); B has none (82,50 € each).
  groups: [group(A, { instructors: 20000, travel: 5000, premises: 5000, activities: 0 }), group(B)],
  participants: [
    person(A, 'aino', 'Kylmälä', '2026-10-01'),
    person(A, 'eero', 'Hietala', '2026-11-01', { status: 'ended', endDate: '2027-02-01', movedTo: 'laavu001' }),
    person(B, 'eero', 'Saarikylä', '2027-02-01', { movedFrom: 'pitstop1' }),
    person(A, 'olli', 'Kivijärvi', '2026-06-01', { status: 'ended', endDate: '2026-12-15' }),
    person(B, 'liisa', 'Saarikylä', '2026-12-01'),
    person(B, 'ville', ' kylmälä', '2027-03-15', { walkIn: true }),
  ],
  partners: [partner('seura001', 'Kylmälän kyläyhdistys ry', 'villageAssociation'), partner('paja0001', 'Pudasjärven työpaja', 'workshop')],
  sessions: [
    session(A, 'a0000000', '2026-12-15', 'held', 'Kylmälä', 33000),
    session(A, 'a0000001', '2027-01-12', 'held', 'Kylmälä', 33000, { costParts: { instructors: 22000, travel: 4000, premises: 3000, activities: 4000 } }),
    session(A, 'a0000002', '2027-02-09', 'held', 'Kylmälä', 30000, { producerId: 'partner:seura001' }),
    session(A, 'a0000003', '2027-03-09', 'cancelled', 'Kylmälä', 33000),
    session(B, 'b0000001', '2027-02-16', 'held', 'Saarikylä', 36000, { producerId: 'partner:paja0001', costParts: { instructors: 20000, travel: 6000, premises: 5000, activities: 5000 } }),
    session(B, 'b0000002', '2027-03-16', 'held', 'Hietala', 24000),
    session(B, 'b0000003', '2027-04-13', 'planned', 'Saarikylä', 33000),
  ],
  attendance: [
    mark(A, 'a0000000', 'aino', 'present'),
    mark(A, 'a0000001', 'aino', 'present'),
    mark(A, 'a0000001', 'eero', 'present'),
    mark(A, 'a0000002', 'aino', 'present'),
    mark(A, 'a0000002', 'eero', 'excused'),
    mark(B, 'b0000001', 'eero', 'present'),
    mark(B, 'b0000001', 'liisa', 'present'),
    mark(B, 'b0000002', 'liisa', 'present'),
    mark(B, 'b0000002', 'ville', 'present'),
    mark(B, 'b0000002', 'eero', 'absent'),
  ],
  steps: [
    step(A, 'aino', 'workTrial', 'completed', '2026-11-01', '2027-01-31'),
    step(A, 'aino', 'paySubsidisedWork', 'active', '2027-02-01'),
    step(A, 'aino', 'openLabourMarket', 'active', '2027-03-01'),
    step(A, 'eero', 'workTrial', 'interrupted', '2027-01-20', '2027-01-28'),
    step(B, 'eero', 'workTrial', 'active', '2027-02-20'),
    step(B, 'liisa', 'education', 'completed', '2027-01-10', '2027-03-20'),
    step(B, 'liisa', 'partTimeWork', 'completed', '2027-01-05', undefined, '2027-01-25T10:00:00.000Z'),
    step(B, 'liisa', 'openLabourMarket', 'planned', '2027-03-25'),
    step(B, 'ville', 'plan', 'active', '2027-03-15'),
    // Ended with no end date: in work until the day it was last changed, 20 Jan.
    step(A, 'olli', 'paySubsidisedWork', 'completed', '2026-12-16', undefined, '2027-01-20T10:00:00.000Z'),
  ],
  goals: [
    goal(A, 'aino', 'reached', '2027-01-05T09:00:00.000Z', '2027-03-01T09:00:00.000Z'),
    goal(A, 'eero', 'reached', '2026-11-10T09:00:00.000Z', '2027-02-15T09:00:00.000Z'),
    // 22:30 UTC on New Year's Eve is 00:30 on 1 January in Finland: set in the period.
    goal(B, 'liisa', 'open', '2026-12-31T22:30:00.000Z'),
    goal(B, 'ville', 'dropped', '2027-03-20T09:00:00.000Z'),
    goal(A, 'aino', 'reached', '2026-10-01T09:00:00.000Z', '2026-12-20T09:00:00.000Z'),
  ],
  checkins: [
    checkin(A, 'a0000000', 'aino', { mood: 1 }),
    checkin(A, 'a0000001', 'aino', { mood: 3, useful: 4 }),
    checkin(A, 'a0000002', 'aino', { mood: 5 }),
    checkin(A, 'a0000001', 'eero', { mood: 2, useful: 3 }),
    checkin(B, 'b0000001', 'eero', { mood: 4, useful: 5 }),
    checkin(B, 'b0000001', 'liisa', { mood: 4, useful: 2 }),
    checkin(B, 'b0000002', 'liisa', { mood: 5, useful: 4 }),
    checkin(B, 'b0000002', 'ville', { mood: 3 }),
  ],
  observations: [
    observation(A, 'aino', '2026-12-01', { physical: 1 }),
    observation(A, 'aino', '2027-01-10', { physical: 2, social: 3 }),
    observation(A, 'aino', '2027-03-10', { physical: 4 }),
    // Two ratings on one day: the one written later is the last.
    observation(B, 'eero', '2027-03-01', { social: 3 }, '2027-03-01T09:00:00.000Z'),
    observation(B, 'eero', '2027-03-01', { social: 2 }, '2027-03-01T08:00:00.000Z'),
    observation(B, 'eero', '2027-02-01', { psychological: 3 }),
    observation(B, 'liisa', '2027-01-15', { cognitive: 4 }),
  ],
  placements: [
    // Spans the period's start: 1–31 Jan inside, 31 days × 10 h / 7.
    placement(A, 'aino', 'seura001', 'associationActivity', '2026-12-01', '2027-01-31', 10, 'movedOn'),
    placement(B, 'liisa', 'seura001', 'associationActivity', '2027-03-01', '2027-03-14', 5, 'interrupted'),
    placement(B, 'eero', 'paja0001', 'workTrial', '2027-02-20', undefined, 20),
    placement(A, 'olli', 'seura001', 'associationActivity', '2026-09-01', '2026-11-30', 10, 'completed'),
  ],
  guidance: [
    guidance(A, 'aino', '2027-01-12', 'employmentServices', 'happened'),
    guidance(A, 'eero', '2027-02-09', 'socialWork', 'pending'),
    guidance(B, 'liisa', '2027-03-16', 'education', 'didNotHappen'),
    guidance(B, 'ville', '2027-04-02', 'socialWork', 'happened'),
    guidance(A, 'aino', '2026-12-15', 'employmentServices', 'happened'),
  ],
};

// Days in pay-subsidised work or on the open labour market inside the period: Aino 1 Feb – 31 Mar
// (her two steps overlap in March: once) = 28 + 31 = 59; Olli 1–20 Jan = 20. 79 days.
const MONTHS = 79 / (365.25 / 12);

describe('the impact report', () => {
  it('is computed from valid records only', () => {
    const all = Object.values(DATA).flat();
    for (const doc of all) expect(checkDoc(doc), (doc as { id: string }).id).toMatchObject({ ok: true });
  });

  const report = impactReport(DATA, P, { subsidyMonthCents: 35000 });

  it('counts, for the individual, who started a stage, goals, trends and placements', () => {
    const { individual } = report;
    expect(individual.transitions).toEqual([
      { stage: 'initialAssessment', people: 0 },
      // Ville's plan from 15 Mar.
      { stage: 'plan', people: 1 },
      { stage: 'associationActivity', people: 0 },
      // Liisa's part-time work (5 Jan).
      { stage: 'partTimeWork', people: 1 },
      { stage: 'rehabilitativeWorkActivity', people: 0 },
      // Eero twice (20 Jan, 20 Feb), one person; Aino's began in November.
      { stage: 'workTrial', people: 1 },
      // Aino, 1 Feb.
      { stage: 'paySubsidisedWork', people: 1 },
      // Aino, 1 Mar; Liisa's is only planned.
      { stage: 'openLabourMarket', people: 1 },
      // Liisa, 10 Jan.
      { stage: 'education', people: 1 },
    ]);
    // Set: Aino's (5 Jan), Liisa's (1 Jan in Finland), Ville's (20 Mar). Reached: Aino's (1 Mar), Eero's (15 Feb).
    expect(individual.goalsSet).toBe(3);
    expect(individual.goalsReached).toBe(2);
    // Mood, people with two or more in the period: Aino 3 → 5, Eero 2 → 4, Liisa 4 → 5 (Ville has one,
    // Aino's December one is outside). First (3 + 2 + 4) / 3 = 3, last (5 + 4 + 5) / 3 = 14 / 3.
    expect(individual.checkinTrend.people).toBe(3);
    expect(individual.checkinTrend.first).toBe(3);
    expect(individual.checkinTrend.last).toBeCloseTo(14 / 3, 10);
    // Usefulness: Aino answered it once; Eero 3 → 5, Liisa 2 → 4.
    expect(individual.usefulTrend).toEqual({ people: 2, first: 2.5, last: 4.5 });
    expect(individual.observationTrend).toEqual([
      // Aino 2 → 4 (her December rating is outside).
      { area: 'physical', people: 1, first: 2, last: 4 },
      // Liisa rated once.
      { area: 'cognitive', people: 0, first: null, last: null },
      { area: 'psychological', people: 0, first: null, last: null },
      // Eero 2 (08:00) → 3 (09:00) on one day; Aino's single social rating does not make a trend.
      { area: 'social', people: 1, first: 2, last: 3 },
    ]);
    // Started: Liisa's (1 Mar) and Eero's (20 Feb). Ended: Aino's moved on (31 Jan), Liisa's cut short (14 Mar).
    expect(individual.placementsStarted).toBe(2);
    expect(individual.placementsCompleted).toBe(1);
    expect(individual.placementsInterrupted).toBe(1);
  });

  it('counts, for the community, villages, work for village associations, services and guidance', () => {
    const { community } = report;
    expect(community.villages).toEqual([
      // Aino and Ville (" kylmälä" is the same village); sessions 12 Jan and 9 Feb (9 Mar was cancelled, 15 Dec outside).
      { village: 'Kylmälä', people: 2, sessions: 2 },
      // Eero (his latest record) and Liisa; the session of 16 Feb.
      { village: 'Saarikylä', people: 2, sessions: 1 },
      // No one lives there now; the session of 16 Mar. Olli (Kivijärvi) left before the period.
      { village: 'Hietala', people: 0, sessions: 1 },
    ]);
    // Aino 31 days × 10 h / 7 = 310 / 7; Liisa 14 days × 5 h / 7 = 10; Olli's ended in November; the workshop is no association.
    expect(community.associationHours).toBeCloseTo(310 / 7 + 10, 10);
    expect(community.associations).toHaveLength(1);
    expect(community.associations[0]).toMatchObject({ partnerId: 'partner:seura001', partnerName: 'Kylmälän kyläyhdistys ry', placements: 2 });
    expect(community.associations[0]!.hours).toBeCloseTo(380 / 7, 10);
    expect(community.servicesProduced).toEqual([
      { partnerId: 'partner:seura001', partnerName: 'Kylmälän kyläyhdistys ry', kind: 'villageAssociation', sessions: 1 },
      { partnerId: 'partner:paja0001', partnerName: 'Pudasjärven työpaja', kind: 'workshop', sessions: 1 },
    ]);
    // 12 Jan happened, 9 Feb pending, 16 Mar did not happen; 2 Apr and 15 Dec are outside. 1 / (1 + 1).
    expect(community.guidance).toEqual({ total: 3, happened: 1, didNotHappen: 1, pending: 1, followedThrough: 0.5 });
  });

  it('reckons, for the economy, cost per participant, visit and move, the cost structure and the estimate', () => {
    const { economy } = report;
    // Held in the period: 330 + 300 + 360 + 240 €.
    expect(economy.costCents).toBe(123000);
    // Present: Aino 2, Eero 2, Liisa 2, Ville 1 = 7 visits by 4 people.
    expect(economy.visits).toBe(7);
    expect(economy.participants).toBe(4);
    // Aino (pay-subsidised work, the open labour market) and Liisa (education, part-time work); Eero's work trial is no move.
    expect(economy.movesToWorkOrEducation).toBe(2);
    expect(economy.perParticipantCents).toBe(30750);
    expect(economy.perVisitCents).toBeCloseTo(123000 / 7, 10);
    expect(economy.perMoveCents).toBe(61500);
    expect(economy.parts).toEqual([
      // Split sessions 12 Jan (220/40/30/40) and 16 Feb (200/60/50/50). Model: two of A's at 220/55/55/0, two of B's at 82,50 each.
      { part: 'instructors', cents: 42000, modelCents: 44000 + 16500 },
      { part: 'travel', cents: 10000, modelCents: 11000 + 16500 },
      { part: 'premises', cents: 8000, modelCents: 11000 + 16500 },
      { part: 'activities', cents: 9000, modelCents: 0 + 16500 },
    ]);
    // 9 Feb (300 €) and 16 Mar (240 €) were not split.
    expect(economy.unsplitSessions).toBe(2);
    expect(economy.unsplitCents).toBe(54000);
    expect(economy.modelCents).toBe(4 * 33000);
    expect(economy.savings.stages).toEqual(['paySubsidisedWork', 'openLabourMarket']);
    expect(economy.savings.personMonthsInWork).toBeCloseTo(MONTHS, 10);
    // 79 × 350 € / 30.4375 days = 908.42 €; nothing else entered.
    expect(economy.savings).toMatchObject({ subsidyCents: 90842, otherCents: null, totalCents: 90842, inputs: { subsidyMonthCents: 35000 } });
  });

  it('leaves the estimate out where no unit value is entered, and counts only what is', () => {
    expect(impactReport(DATA, P, {}).economy.savings).toMatchObject({ subsidyCents: null, otherCents: null, totalCents: null, inputs: {} });
    // 79 × 120 € / 30.4375 = 311.46 €.
    const other = impactReport(DATA, P, { otherMonthCents: 12000, otherLabel: 'Toimeentulotuki' }).economy.savings;
    expect(other).toMatchObject({ subsidyCents: null, otherCents: 31146, totalCents: 31146, inputs: { otherLabel: 'Toimeentulotuki' } });
  });

  it("splits the model's 330 € in a group's proportions to the cent, or evenly", () => {
    // 33000 / 7 = 4714.29 three times and 18857.14: the cent left over goes to the largest remainder.
    expect(modelSplit({ ...DATA.groups[0]!, settings: { ...DATA.groups[0]!.settings, costParts: { instructors: 1, travel: 1, premises: 1, activities: 4 } } })).toEqual({
      instructors: 4715,
      travel: 4714,
      premises: 4714,
      activities: 18857,
    });
    expect(modelSplit(undefined)).toEqual({ instructors: 8250, travel: 8250, premises: 8250, activities: 8250 });
    expect(modelSplit({ ...DATA.groups[0]!, settings: { ...DATA.groups[0]!.settings, costParts: { instructors: 0, travel: 0, premises: 0, activities: 0 } } })).toEqual({
      instructors: 8250,
      travel: 8250,
      premises: 8250,
      activities: 8250,
    });
  });
});

describe("the impact report's tables", () => {
  const tables = impactTables(impactReport(DATA, P, { subsidyMonthCents: 35000 }));
  const table = (id: string) => tables.find((t) => t.id === id)!;

  it('has a table for every section, each row as long as its header', () => {
    expect(tables.map((t) => t.id)).toEqual(['transitions', 'individual', 'trends', 'villages', 'associations', 'services', 'community', 'economy', 'costParts', 'savings']);
    for (const t of tables) for (const row of t.rows) expect(row, t.id).toHaveLength(t.header.length);
  });

  it('names its headers and labels with keys found in every catalogue', () => {
    const catalogues: Record<string, Record<string, string>> = { fi, sv, en };
    for (const t of tables) {
      const keys = [...t.header, ...t.rows.flatMap((row) => t.keyColumns.map((c) => String(row[c])))];
      for (const key of keys) for (const [lang, catalogue] of Object.entries(catalogues)) expect(catalogue[key], `${lang}: ${key}`).toBeTruthy();
    }
  });

  it('gives money in euros, hours and months to one decimal, means to two, and blanks for what cannot be given', () => {
    expect(table('transitions').rows).toContainEqual(['path.stage.workTrial', 1]);
    expect(table('trends').rows).toContainEqual(['impact.trend.mood', 3, 3, 4.67]);
    expect(table('trends').rows).toContainEqual(['observation.dimension.cognitive', 0, '', '']);
    expect(table('villages').rows[0]).toEqual(['Kylmälä', 2, 2]);
    // 380 / 7 = 54.29 h.
    expect(table('associations').rows).toEqual([['Kylmälän kyläyhdistys ry', 2, 54.3]]);
    expect(table('economy').rows).toContainEqual(['impact.measure.perVisitEuros', 175.71]);
    expect(table('costParts').rows).toContainEqual(['impact.measure.totalEuros', 1230, 1320]);
    expect(table('costParts').rows).toContainEqual(['impact.measure.unsplitEuros', 540, '']);
    // 79 / 30.4375 = 2.6 person-months.
    expect(table('savings').rows).toEqual([
      ['impact.measure.personMonthsInWork', 2.6],
      ['impact.measure.subsidyMonthEuros', 350],
      ['impact.measure.subsidyEuros', 908.42],
      ['impact.measure.otherLabel', ''],
      ['impact.measure.otherMonthEuros', ''],
      ['impact.measure.otherEuros', ''],
      ['impact.measure.savingsEuros', 908.42],
    ]);
  });

  it('hides, for a report leaving the organisation, small counts of people, small groups\' figures and the cost per so few', () => {
    const S = { kind: 'suppressed', below: 5 };
    // Every stage has 0 or 1 people: the ones are hidden, the zeros shown.
    expect(suppressedRows(table('transitions'), 5).map((row) => row[1])).toEqual([0, S, 0, S, 0, S, S, S, S]);
    const trends = suppressedRows(table('trends'), 5);
    // Mood: the means of 3 people are theirs alone; no one rated the cognitive area twice.
    expect(trends[0]).toEqual(['impact.trend.mood', S, S, S]);
    expect(trends[3]).toEqual(['observation.dimension.cognitive', 0, '', '']);
    // Sessions held in a village are no people.
    expect(suppressedRows(table('villages'), 5)[0]).toEqual(['Kylmälä', S, 2]);
    // A placement is one person's: few of them are hidden, in the individual's table and per association; goals and hours stay.
    const individual = suppressedRows(table('individual'), 5);
    expect(individual.slice(0, 2).every((row) => typeof row[1] === 'number')).toBe(true);
    expect(individual.slice(2).map((row) => row[1])).toEqual(table('individual').rows.slice(2).map((row) => (row[1] === 0 ? 0 : S)));
    expect(suppressedRows(table('associations'), 5).map((row) => [row[1], typeof row[2]])).toEqual(table('associations').rows.map((row) => [row[1] === 0 ? 0 : S, 'number']));
    // 4 participants and 2 moves; 1 230 € divided by either would tell the count. Visits and cost stay.
    expect(suppressedRows(table('economy'), 5).map((row) => row[1])).toEqual([1230, S, 7, S, S, 175.71, S]);
    // With a threshold of 2 all of it shows.
    expect(suppressedRows(table('economy'), 2).map((row) => row[1])).toEqual([1230, 4, 7, 2, 307.5, 175.71, 615]);
    expect(suppressedRows(table('trends'), 2)[0]).toEqual(['impact.trend.mood', 3, 3, 4.67]);
  });
});
