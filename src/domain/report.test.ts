import { describe, expect, it } from 'vitest';
import { metricsFromSummaries, type GroupPeople, type SessionSummary } from './metrics.ts';
import { attendanceOverTime, compareMetrics, granularityOf, isoWeek, lastFullMonth, metricsByGroup, pathFunnel, periodDays, previousPeriod, valueAxis } from './report.ts';

const summary = (scope: string, date: string, present: string[], marked = present.length, status: SessionSummary['status'] = 'held'): SessionSummary => ({
  sessionId: `session:${scope}${date}`,
  scope,
  date,
  status,
  capacity: 8,
  costCents: 30000,
  present,
  marked,
  rides: { requested: 0, confirmed: 0, seatsByVillage: {} },
  checkins: { count: 0, moodSum: 0, moodCount: 0, usefulSum: 0, usefulCount: 0 },
});

describe('the report period', () => {
  it('opens on the last full calendar month in Finland, whatever the hour or zone', () => {
    expect(lastFullMonth(new Date('2026-12-02T11:00:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // 00:30 on New Year's Day in Helsinki is still 31 December in UTC: December is then the last full month.
    expect(lastFullMonth(new Date('2026-12-31T22:30:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(lastFullMonth(new Date('2027-03-15T10:00:00Z'))).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(lastFullMonth(new Date('2028-03-01T10:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('compares with the previous period of the same length: the previous months, or as many days', () => {
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-31' })).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(previousPeriod({ from: '2027-03-01', to: '2027-03-31' })).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(previousPeriod({ from: '2027-01-01', to: '2027-03-31' })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousPeriod({ from: '2026-10-05', to: '2026-10-18' })).toEqual({ from: '2026-09-21', to: '2026-10-04' });
    expect(periodDays({ from: '2026-10-05', to: '2026-10-18' })).toBe(14);
  });

  it('shows weeks for up to three months and months for longer', () => {
    expect(granularityOf({ from: '2026-10-01', to: '2026-12-31' })).toBe('week');
    expect(granularityOf({ from: '2026-09-01', to: '2026-12-31' })).toBe('month');
  });

  it('numbers weeks as in Finland (ISO 8601)', () => {
    expect(isoWeek('2026-10-06')).toEqual({ year: 2026, week: 41 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });
});

describe('attendance over time', () => {
  const all = [
    summary('g1', '2026-09-29', ['p1']),
    summary('g1', '2026-10-06', ['p1', 'p2'], 3),
    summary('g1', '2026-10-08', ['p1']),
    summary('g1', '2026-10-20', ['p1', 'p2', 'p3'], 4),
    summary('g1', '2026-10-27', [], 0, 'cancelled'),
    summary('g1', '2026-11-03', ['p1']),
  ];

  it('counts held sessions week by week, every week of the period shown, the first and last cut to the period', () => {
    const weeks = attendanceOverTime(all, { from: '2026-10-01', to: '2026-10-31' });
    expect(weeks.map((w) => [w.number, w.from, w.to, w.held, w.visits, w.participants])).toEqual([
      [40, '2026-10-01', '2026-10-04', 0, 0, 0],
      [41, '2026-10-05', '2026-10-11', 2, 3, 2],
      [42, '2026-10-12', '2026-10-18', 0, 0, 0],
      [43, '2026-10-19', '2026-10-25', 1, 3, 3],
      [44, '2026-10-26', '2026-10-31', 0, 0, 0],
    ]);
    expect(weeks[1]!.rate).toBeCloseTo(3 / 4);
    expect(weeks[0]!.rate).toBeNull();
  });

  it('counts month by month for a longer period', () => {
    const months = attendanceOverTime(all, { from: '2026-09-15', to: '2026-12-31' });
    expect(months.map((m) => [m.year, m.number, m.from, m.to, m.held, m.visits, m.participants])).toEqual([
      [2026, 9, '2026-09-15', '2026-09-30', 1, 1, 1],
      [2026, 10, '2026-10-01', '2026-10-31', 3, 6, 3],
      [2026, 11, '2026-11-01', '2026-11-30', 1, 1, 1],
      [2026, 12, '2026-12-01', '2026-12-31', 0, 0, 0],
    ]);
  });
});

const person = (id: string, startDate: string, more: Record<string, unknown> = {}) => ({ id, startDate, status: 'active', ...more });
const step = (participantId: string, stage: string, status: string, startDate?: string, endDate?: string) => ({ participantId, stage, status, startDate, endDate });
const october = { from: '2026-10-01', to: '2026-10-31' };

describe('the path-stage funnel', () => {
  const people = [
    {
      participants: [
        person('p1', '2026-03-01'),
        person('p2', '2026-03-01'),
        person('p3', '2026-09-01'),
        person('w1', '2026-10-06', { walkIn: true }),
        person('old', '2025-01-01', { status: 'ended', endDate: '2026-06-30' }),
        person('late', '2026-11-02'),
      ],
      steps: [
        step('p1', 'initialAssessment', 'completed', '2026-03-01', '2026-03-20'),
        step('p1', 'plan', 'completed', '2026-03-20', '2026-04-30'),
        step('p1', 'workTrial', 'active', '2026-10-12'),
        step('p2', 'initialAssessment', 'completed', '2026-03-01', '2026-03-15'),
        step('p2', 'openLabourMarket', 'active', '2026-09-01'),
        step('p3', 'initialAssessment', 'active', '2026-10-02'),
        step('p3', 'plan', 'planned', '2026-11-05'),
        step('old', 'initialAssessment', 'completed', '2025-01-01', '2025-02-01'),
        step('late', 'initialAssessment', 'active', '2026-11-02'),
      ],
      goals: [],
    },
    // p2 moved here: one person, counted once.
    { participants: [person('p2', '2026-10-15')], steps: [step('p2', 'education', 'interrupted', '2026-10-20', '2026-10-25')], goals: [] },
  ] as unknown as GroupPeople[];

  it('counts, of the period’s participants, who had started each stage by its end', () => {
    const f = pathFunnel(people, october);
    expect(f.cohort).toBe(3);
    expect(f.onPath).toBe(3);
    expect(f.outcome).toBe(1);
    const row = (stage: string) => f.rows.find((r) => r.stage === stage)!;
    expect(row('initialAssessment')).toEqual({ stage: 'initialAssessment', reached: 3, share: 1, entered: 1, atEnd: 1 });
    expect(row('plan')).toMatchObject({ reached: 1, entered: 0, atEnd: 0 });
    expect(row('workTrial')).toMatchObject({ reached: 1, entered: 1, atEnd: 1 });
    expect(row('openLabourMarket')).toMatchObject({ reached: 1, entered: 0, atEnd: 1 });
    expect(row('education')).toMatchObject({ reached: 1, entered: 1, atEnd: 0 });
    expect(row('plan').share).toBeCloseTo(1 / 3);
    expect(f.rows.map((r) => r.stage)).toHaveLength(9);
  });

  it('is empty, without shares, when no one took part', () => {
    const f = pathFunnel(people, { from: '2020-01-01', to: '2020-01-31' });
    expect(f.cohort).toBe(0);
    expect(f.rows.every((r) => r.reached === 0 && r.share === null)).toBe(true);
  });
});

describe('comparison and groups', () => {
  const all = [
    summary('g1', '2026-09-08', ['p1', 'p2'], 4),
    summary('g1', '2026-09-15', ['p1', 'p2', 'p3'], 4),
    summary('g1', '2026-10-06', ['p1', 'p2', 'p3'], 4),
    summary('g2', '2026-10-07', ['q1', 'q2']),
    summary('g2', '2026-10-14', ['q1', 'q2', 'q3']),
    summary('g2', '2026-10-21', [], 0, 'cancelled'),
  ];

  it('gives each figure beside the previous period’s, relative change and rate change in points', () => {
    const c = compareMetrics(metricsFromSummaries(all, [], october), metricsFromSummaries(all, [], previousPeriod(october)));
    expect(c.visits).toEqual({ current: 8, previous: 5, difference: 3, relative: 0.6 });
    expect(c.held).toEqual({ current: 3, previous: 2, difference: 1, relative: 0.5 });
    expect(c.uniqueParticipants).toMatchObject({ current: 6, previous: 3, relative: 1 });
    expect(c.attendanceRate.current).toBeCloseTo(8 / 9);
    expect(c.attendanceRate.difference).toBeCloseTo(8 / 9 - 5 / 8);
    expect(c.attendanceRate.relative).toBeNull();
    // Nothing to compare with: no relative change, only the difference.
    expect(c.ridesConfirmed).toEqual({ current: 0, previous: 0, difference: 0, relative: null });
  });

  it('splits the figures by group, every chosen group listed even without sessions', () => {
    const rows = metricsByGroup(all, [], ['g1', 'g2', 'g3'], october);
    expect(rows.map((r) => [r.scope, r.metrics.sessions.held, r.metrics.sessions.cancelled, r.metrics.visits, r.metrics.uniqueParticipants])).toEqual([
      ['g1', 1, 0, 3, 3],
      ['g2', 2, 1, 5, 3],
      ['g3', 0, 0, 0, 0],
    ]);
  });
});

describe('a chart’s value axis', () => {
  it('ends at a round number at or above the largest value, with round whole steps', () => {
    expect(valueAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(valueAxis(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(valueAxis(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(valueAxis(42)).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(valueAxis(1234)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] });
  });
});
