import { describe, expect, it } from 'vitest';
import { metricsFor, type GroupData } from './metrics.ts';

// A hand-computed fixture: two groups in October 2026, one participant (p2) moving from A to B
// mid-month, a walk-in (w1), a cancelled session, and documents just outside the period.
const s = (id: string, date: string, status: string, capacity = 8, costCents = 33000) => ({ id, date, status, capacity, costCents });
const a = (sessionId: string, participantId: string, status: string) => ({ sessionId, participantId, status });
const r = (sessionId: string, participantId: string, village: string, seats: number, status: string) => ({ sessionId, participantId, village, seats, status });
const step = (participantId: string, stage: string, status: string, startDate?: string, endDate?: string) => ({ participantId, stage, status, startDate, endDate });

const groupA = {
  sessions: [s('a0', '2026-09-29', 'held'), s('a1', '2026-10-06', 'held'), s('a2', '2026-10-13', 'held'), s('a3', '2026-10-20', 'cancelled'), s('a4', '2026-11-03', 'planned')],
  attendance: [a('a0', 'p1', 'present'), a('a1', 'p1', 'present'), a('a1', 'p2', 'present'), a('a1', 'p3', 'absent'), a('a1', 'w1', 'present'), a('a2', 'p1', 'present'), a('a2', 'p2', 'excused'), a('a2', 'p3', 'present')],
  rides: [r('a1', 'p1', 'Kylmälä', 1, 'confirmed'), r('a1', 'p3', 'Hietala', 2, 'confirmed'), r('a3', 'p2', 'Kylmälä', 1, 'requested'), r('a4', 'p1', 'Kylmälä', 1, 'confirmed')],
  participants: [
    { id: 'p1', esf: { labourMarketStatus: 'unemployed', ageBand: '25to54', recordedAt: 'x' } },
    { id: 'p2' },
    { id: 'p3', status: 'ended', endDate: '2026-10-25', esf: { educationLevel: 'basic', recordedAt: 'x' } },
    { id: 'w1', walkIn: true },
  ],
  steps: [step('p1', 'workTrial', 'active', '2026-09-01'), step('p2', 'workTrial', 'completed', '2026-08-01', '2026-10-15'), step('p3', 'plan', 'planned', '2026-11-05')],
  goals: [
    { participantId: 'p1', status: 'reached', updatedAt: '2026-10-12T10:00:00.000Z' },
    { participantId: 'p2', status: 'reached', updatedAt: '2026-09-30T10:00:00.000Z' },
    { participantId: 'p3', status: 'open', updatedAt: '2026-10-12T10:00:00.000Z' },
  ],
  checkins: [
    { sessionId: 'a1', participantId: 'p1', mood: 4, useful: 5 },
    { sessionId: 'a1', participantId: 'p2', mood: 2 },
    { sessionId: 'a0', participantId: 'p1', mood: 5 },
  ],
} as unknown as GroupData;

const groupB = {
  sessions: [s('b1', '2026-10-07', 'held', 6, 20000), s('b2', '2026-10-28', 'planned', 6, 20000)],
  attendance: [a('b1', 'p4', 'present'), a('b1', 'p5', 'present'), a('b1', 'p2', 'present')],
  rides: [r('b2', 'p4', 'Saarikylä', 1, 'confirmed')],
  participants: [{ id: 'p2' }, { id: 'p9', status: 'ended', endDate: '2026-10-10', movedTo: 'toinen01' }, { id: 'p4', esf: { ageBand: 'under25', recordedAt: 'x' } }, { id: 'p5', esf: { labourMarketStatus: 'longTermUnemployed', recordedAt: 'x' } }],
  steps: [
    step('p2', 'paySubsidisedWork', 'active', '2026-10-15'),
    step('p4', 'education', 'active', '2026-10-20'),
    step('p5', 'openLabourMarket', 'completed', '2026-10-02', '2026-10-10'),
  ],
  goals: [],
  checkins: [],
} as unknown as GroupData;

const october = { from: '2026-10-01', to: '2026-10-31' };

describe('coordinator metrics', () => {
  const m = metricsFor([groupA, groupB], october);

  it('counts sessions by status within the period only', () => {
    expect(m.sessions).toEqual({ planned: 1, held: 3, cancelled: 1 });
  });

  it('counts visits, unique people (a mover once, a walk-in too) and the attendance rate over held sessions', () => {
    expect(m.visits).toBe(8);
    expect(m.uniqueParticipants).toBe(6);
    expect(m.attendanceRate).toBeCloseTo(8 / 10);
    expect(m.averageGroupSize).toBeCloseTo(8 / 3);
    expect(m.averageCapacity).toBeCloseTo(22 / 3);
  });

  it('costs only held sessions', () => {
    expect(m.costCents).toBe(86000);
    expect(m.costPerVisitCents).toBe(10750);
    expect(m.costPerParticipantCents).toBeCloseTo(86000 / 6);
  });

  it('counts rides of the period, requests and confirmations and confirmed seats by village', () => {
    expect(m.rides).toMatchObject({ requested: 4, confirmed: 3, seatsByVillage: { Kylmälä: 1, Hietala: 2, Saarikylä: 1 } });
    // Most requests first; the village asking most is the one a route plan starts from.
    expect(m.rides.byVillage).toEqual([
      { village: 'Kylmälä', requested: 2, confirmed: 1, seats: 1 },
      { village: 'Hietala', requested: 1, confirmed: 1, seats: 2 },
      { village: 'Saarikylä', requested: 1, confirmed: 1, seats: 1 },
    ]);
  });

  it('places people at the stage active at the end, and counts stages entered in the period', () => {
    expect(m.byStage).toEqual({ workTrial: 1, paySubsidisedWork: 1, education: 1 });
    expect(m.transitions).toEqual({ paySubsidisedWork: 1, openLabourMarket: 1, education: 1 });
    expect(Object.keys(m.transitions)).toEqual(['paySubsidisedWork', 'openLabourMarket', 'education']);
  });

  it('counts goals reached and averages check-ins of the period', () => {
    expect(m.goalsReached).toBe(1);
    expect(m.checkins).toEqual({ count: 2, mood: 3, useful: 5 });
  });

  it('lists attendance over time in date order', () => {
    expect(m.series).toEqual([
      { date: '2026-10-06', sessionId: 'a1', present: 3, capacity: 8 },
      { date: '2026-10-07', sessionId: 'b1', present: 3, capacity: 6 },
      { date: '2026-10-13', sessionId: 'a2', present: 2, capacity: 8 },
    ]);
  });

  it('gives zeros and no ratios for an empty period', () => {
    const empty = metricsFor([groupA, groupB], { from: '2030-01-01', to: '2030-12-31' });
    expect(empty).toMatchObject({
      sessions: { planned: 0, held: 0, cancelled: 0 },
      visits: 0,
      uniqueParticipants: 0,
      attendanceRate: null,
      averageGroupSize: null,
      costCents: 0,
      costPerVisitCents: null,
      goalsReached: 0,
      checkins: { count: 0, mood: null, useful: null },
      series: [],
    });
    expect(metricsFor([], october).visits).toBe(0);
  });
});
