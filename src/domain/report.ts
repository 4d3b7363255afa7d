import { PLAN_STAGES, type PlanStep } from './doc-types/planstep.ts';
import { inPeriod, metricsFromSummaries, type GroupPeople, type Metrics, type Period, type SessionSummary } from './metrics.ts';
import { localDate, shiftDate, weekday } from './time.ts';

/**
 * What the coordinator's report charts show, computed from the same per-session summaries
 * as the figures (metrics.ts). Pure and linear in the number of summaries and records.
 */

const fields = (date: string) => date.split('-').map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, '0');
const firstOfMonth = (y: number, m: number) => `${y}-${pad(m)}-01`;
/** The month `offset` months after y-m, as [year, month]. */
const addMonths = (y: number, m: number, offset: number): [number, number] => {
  const index = y * 12 + (m - 1) + offset;
  return [Math.floor(index / 12), (index % 12) + 1];
};
const lastOfMonth = (y: number, m: number) => shiftDate(firstOfMonth(...addMonths(y, m, 1)), -1);

/** The period a report opens with: the last full calendar month before `now` (Finland's calendar). */
export function lastFullMonth(now: Date): Period {
  const [y, m] = fields(localDate(now));
  const [py, pm] = addMonths(y, m, -1);
  return { from: firstOfMonth(py, pm), to: lastOfMonth(py, pm) };
}

/** Days in a period, both ends included. */
export function periodDays(p: Period): number {
  const [y1, m1, d1] = fields(p.from);
  const [y2, m2, d2] = fields(p.to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000) + 1;
}

/** Whole calendar months (1 or more) when the period is exactly that, else null. */
function wholeMonths(p: Period): number | null {
  const [y1, m1, d1] = fields(p.from);
  const [y2, m2] = fields(p.to);
  if (d1 !== 1 || p.to !== lastOfMonth(y2, m2)) return null;
  return (y2 - y1) * 12 + (m2 - m1) + 1;
}

/**
 * The period of the same length just before: the previous month(s) when the period is whole
 * calendar months (October → September), otherwise the same number of days.
 */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months !== null) {
    const [y, m] = fields(p.from);
    const [py, pm] = addMonths(y, m, -months);
    return { from: firstOfMonth(py, pm), to: shiftDate(p.from, -1) };
  }
  return { from: shiftDate(p.from, -periodDays(p)), to: shiftDate(p.from, -1) };
}

/** The ISO week (Monday to Sunday; week 1 holds the year's first Thursday) a date falls in. */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = shiftDate(date, 4 - weekday(date));
  const [year] = fields(thursday);
  return { year, week: Math.floor((periodDays({ from: `${year}-01-01`, to: thursday }) - 1) / 7) + 1 };
}

export type Granularity = 'week' | 'month';
/** Weeks for a period of up to three months (at most 14 bars), months for anything longer. */
export const granularityOf = (p: Period): Granularity => (periodDays(p) <= 92 ? 'week' : 'month');

export interface TimeBucket {
  kind: Granularity;
  /** The bucket's days within the period (a first or last week or month may be cut). */
  from: string;
  to: string;
  /** ISO week number or month (1–12), and the year it belongs to. */
  year: number;
  number: number;
  held: number;
  visits: number;
  /** Different people present. */
  participants: number;
  /** present / all marked in the bucket's held sessions; null when nothing was marked. */
  rate: number | null;
}

/** Attendance in held sessions, week by week or month by month, every week or month of the period included. */
export function attendanceOverTime(all: SessionSummary[], period: Period, kind: Granularity = granularityOf(period)): TimeBucket[] {
  const keyOf = (date: string) => (kind === 'week' ? shiftDate(date, 1 - weekday(date)) : date.slice(0, 7));
  const buckets = new Map<string, { bucket: TimeBucket; marked: number; people: Set<string> }>();
  let start = period.from;
  while (start <= period.to) {
    const [y, m] = fields(start);
    const end = kind === 'week' ? shiftDate(start, 7 - weekday(start)) : lastOfMonth(y, m);
    const to = end < period.to ? end : period.to;
    const week = isoWeek(start);
    const [year, number] = kind === 'week' ? [week.year, week.week] : [y, m];
    buckets.set(keyOf(start), { bucket: { kind, from: start, to, year, number, held: 0, visits: 0, participants: 0, rate: null }, marked: 0, people: new Set() });
    start = shiftDate(end, 1);
  }
  for (const s of all) {
    if (s.status !== 'held' || !inPeriod(s.date, period)) continue;
    const entry = buckets.get(keyOf(s.date));
    if (!entry) continue;
    entry.bucket.held++;
    entry.bucket.visits += s.present.length;
    entry.marked += s.marked;
    for (const id of s.present) entry.people.add(id);
  }
  return [...buckets.values()].map(({ bucket, marked, people }) => ({ ...bucket, participants: people.size, rate: marked > 0 ? bucket.visits / marked : null }));
}

export interface FunnelRow {
  stage: (typeof PLAN_STAGES)[number];
  /** People who had started this stage by the end of the period (whatever came of it). */
  reached: number;
  /** reached / everyone in the cohort; null for an empty cohort. */
  share: number | null;
  /** People who started this stage during the period. */
  entered: number;
  /** People at this stage when the period ended. */
  atEnd: number;
}

export interface Funnel {
  /** Participants (not walk-ins) whose participation overlapped the period; a person in two groups once. */
  cohort: number;
  /** Cohort members with any stage started. */
  onPath: number;
  /** Cohort members who reached open labour market or education by the period's end. */
  outcome: number;
  rows: FunnelRow[];
}

/**
 * The path-stage funnel: how many of the period's participants had reached each stage of
 * the action plan by the end of the period. A stage counts once started (a step that is not
 * only planned); people skip stages, so a later stage is not counted as passing the earlier ones.
 */
export function pathFunnel(people: GroupPeople[], period: Period): Funnel {
  const cohort = new Set<string>();
  for (const group of people) {
    for (const p of group.participants) {
      if (p.walkIn || p.startDate > period.to || (p.endDate !== undefined && p.endDate < period.from)) continue;
      cohort.add(p.id);
    }
  }
  const reached = new Map<string, Set<string>>(PLAN_STAGES.map((s) => [s, new Set()]));
  const entered = new Map<string, Set<string>>(PLAN_STAGES.map((s) => [s, new Set()]));
  const current = new Map<string, PlanStep>();
  const onPath = new Set<string>();
  for (const group of people) {
    for (const step of group.steps) {
      if (!cohort.has(step.participantId) || step.status === 'planned' || !step.startDate || step.startDate > period.to) continue;
      onPath.add(step.participantId);
      reached.get(step.stage)!.add(step.participantId);
      if (step.startDate >= period.from) entered.get(step.stage)!.add(step.participantId);
      const stillOn = step.status === 'active' || (step.endDate !== undefined && step.endDate > period.to);
      const was = current.get(step.participantId);
      if (stillOn && (!was || (was.startDate ?? '') < step.startDate)) current.set(step.participantId, step);
    }
  }
  const atEnd = new Map<string, number>();
  for (const step of current.values()) atEnd.set(step.stage, (atEnd.get(step.stage) ?? 0) + 1);
  const outcome = new Set([...reached.get('openLabourMarket')!, ...reached.get('education')!]);
  return {
    cohort: cohort.size,
    onPath: onPath.size,
    outcome: outcome.size,
    rows: PLAN_STAGES.map((stage) => ({
      stage,
      reached: reached.get(stage)!.size,
      share: cohort.size ? reached.get(stage)!.size / cohort.size : null,
      entered: entered.get(stage)!.size,
      atEnd: atEnd.get(stage) ?? 0,
    })),
  };
}

export interface Change {
  current: number | null;
  previous: number | null;
  /** current − previous (for a rate: in percentage points, as a fraction, 0.04 = 4 points). */
  difference: number | null;
  /** The change relative to the previous value; null when there is nothing to compare with. */
  relative: number | null;
}

export const COMPARED = ['held', 'visits', 'uniqueParticipants', 'attendanceRate', 'ridesConfirmed', 'costCents'] as const;
export type Compared = (typeof COMPARED)[number];

const pick: Record<Compared, (m: Metrics) => number | null> = {
  held: (m) => m.sessions.held,
  visits: (m) => m.visits,
  uniqueParticipants: (m) => m.uniqueParticipants,
  attendanceRate: (m) => m.attendanceRate,
  ridesConfirmed: (m) => m.rides.confirmed,
  costCents: (m) => m.costCents,
};

/** The period's figures beside the previous period's. A rate's change is in points, never relative. */
export function compareMetrics(current: Metrics, previous: Metrics): Record<Compared, Change> {
  const out = {} as Record<Compared, Change>;
  for (const key of COMPARED) {
    const [now, before] = [pick[key](current), pick[key](previous)];
    const difference = now === null || before === null ? null : now - before;
    const relative = key === 'attendanceRate' || difference === null || !before ? null : difference / before;
    out[key] = { current: now, previous: before, difference, relative };
  }
  return out;
}

export interface GroupRow {
  scope: string;
  metrics: Metrics;
}

/** The period's metrics for each group on its own: the summaries are split by group once. */
export function metricsByGroup(all: SessionSummary[], people: { scope: string; data: GroupPeople }[], scopes: string[], period: Period): GroupRow[] {
  const byScope = new Map<string, SessionSummary[]>(scopes.map((s) => [s, []]));
  for (const s of all) if (inPeriod(s.date, period)) byScope.get(s.scope)?.push(s);
  const peopleOf = new Map(people.map((p) => [p.scope, p.data]));
  return scopes.map((scope) => {
    const data = peopleOf.get(scope);
    return { scope, metrics: metricsFromSummaries(byScope.get(scope) ?? [], data ? [data] : [], period) };
  });
}

/** An axis for counts from 0: a round top at or above `max`, ticks at a whole round step (1, 2 or 5 × 10ⁿ), at most `most` + 1 of them. */
export function valueAxis(max: number, most = 5): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / most;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough)!);
  const top = Math.ceil(max / step) * step;
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}
