import type { Attendance } from './doc-types/attendance.ts';
import type { Checkin } from './doc-types/checkin.ts';
import type { Participant } from './doc-types/participant.ts';
import type { Goal } from './doc-types/goal.ts';
import { PLAN_STAGES, type PlanStep } from './doc-types/planstep.ts';
import type { Ride } from './doc-types/ride.ts';
import type { Session } from './doc-types/session.ts';

/**
 * The coordinator's numbers for a period, from the documents on the device. Pure and
 * linear in the number of documents. Dates are yyyy-mm-dd and the period includes both ends.
 */
export interface Period {
  from: string;
  to: string;
}

export interface GroupData {
  sessions: Session[];
  attendance: Attendance[];
  rides: Ride[];
  participants: Participant[];
  steps: PlanStep[];
  goals: Goal[];
  checkins: Checkin[];
}

export interface Metrics {
  sessions: { planned: number; held: number; cancelled: number };
  visits: number;
  uniqueParticipants: number;
  /** present / all marked, for held sessions; null when nothing was marked. */
  attendanceRate: number | null;
  averageGroupSize: number | null;
  averageCapacity: number | null;
  costCents: number;
  costPerVisitCents: number | null;
  costPerParticipantCents: number | null;
  rides: { requested: number; confirmed: number; seatsByVillage: Record<string, number>; byVillage: VillageRides[] };
  /** Participants by the stage active at the end of the period. */
  byStage: Record<string, number>;
  /** Stages entered during the period. */
  transitions: Record<string, number>;
  goalsReached: number;
  checkins: { count: number; mood: number | null; useful: number | null };
  /** Present per held session, in date order (attendance over time). */
  series: { date: string; sessionId: string; present: number; capacity: number }[];
}

/** Ride requests from one village (every request made, whatever became of it) and those confirmed. */
export interface VillageRides {
  village: string;
  requested: number;
  confirmed: number;
  /** Seats in the confirmed rides. */
  seats: number;
}

/**
 * What the dashboard needs of one session and the records about it. Kept up to date on the
 * device as documents change, so the dashboard reads ~3,000 summaries instead of ~70,000
 * records for 20 groups over three years.
 */
export interface SessionSummary {
  sessionId: string;
  scope: string;
  date: string;
  status: Session['status'];
  capacity: number;
  costCents: number;
  /** Participants marked present. */
  present: string[];
  /** How many were marked at all (present, absent or excused). */
  marked: number;
  rides: {
    requested: number;
    confirmed: number;
    seatsByVillage: Record<string, number>;
    /** Requests and confirmations by village; absent from a summary an older app version built (rebuilt at start). */
    byVillage?: Record<string, { requested: number; confirmed: number }>;
  };
  checkins: { count: number; moodSum: number; moodCount: number; usefulSum: number; usefulCount: number };
}

export function summarizeSession(scope: string, session: Session, attendance: Attendance[], rides: Ride[], checkins: Checkin[]): SessionSummary {
  const mine = <T extends { sessionId: string }>(list: T[]) => list.filter((x) => x.sessionId === session.id);
  const seatsByVillage: Record<string, number> = {};
  const confirmed = mine(rides).filter((r) => r.status === 'confirmed');
  for (const r of confirmed) seatsByVillage[r.village] = (seatsByVillage[r.village] ?? 0) + r.seats;
  const byVillage: Record<string, { requested: number; confirmed: number }> = {};
  for (const r of mine(rides)) {
    const v = (byVillage[r.village] ??= { requested: 0, confirmed: 0 });
    v.requested++;
    if (r.status === 'confirmed') v.confirmed++;
  }
  const own = mine(checkins);
  const moods = own.flatMap((c) => (c.mood ? [c.mood] : []));
  const useful = own.flatMap((c) => (c.useful ? [c.useful] : []));
  return {
    sessionId: session.id,
    scope,
    date: session.date,
    status: session.status,
    capacity: session.capacity,
    costCents: session.costCents,
    present: mine(attendance).filter((a) => a.status === 'present').map((a) => a.participantId).sort(),
    marked: mine(attendance).length,
    rides: { requested: mine(rides).length, confirmed: confirmed.length, seatsByVillage, byVillage },
    checkins: { count: own.length, moodSum: moods.reduce((a, b) => a + b, 0), moodCount: moods.length, usefulSum: useful.reduce((a, b) => a + b, 0), usefulCount: useful.length },
  };
}

/** The slow-moving rest of a group: people, path stages, goals. */
export interface GroupPeople {
  participants: Participant[];
  steps: PlanStep[];
  goals: Goal[];
}

export const inPeriod = (date: string | undefined, p: Period) => !!date && date >= p.from && date <= p.to;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const average = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/** Metrics straight from documents (summarised on the fly). */
export function metricsFor(data: GroupData[], period: Period): Metrics {
  const summaries = data.flatMap((d) => d.sessions.map((session) => summarizeSession('', session, d.attendance, d.rides, d.checkins)));
  return metricsFromSummaries(summaries, data, period);
}

export function metricsFromSummaries(all: SessionSummary[], people: GroupPeople[], period: Period): Metrics {
  const sessions = all.filter((s) => inPeriod(s.date, period));
  const held = sessions.filter((s) => s.status === 'held');
  const marked = held.reduce((n, s) => n + s.marked, 0);
  const visits = held.reduce((n, s) => n + s.present.length, 0);
  const present = new Set(held.flatMap((s) => s.present));
  const costCents = held.reduce((sum, s) => sum + s.costCents, 0);

  const seatsByVillage: Record<string, number> = {};
  const villages = new Map<string, VillageRides>();
  const village = (name: string) => villages.get(name) ?? villages.set(name, { village: name, requested: 0, confirmed: 0, seats: 0 }).get(name)!;
  for (const s of sessions) {
    for (const [name, seats] of Object.entries(s.rides.seatsByVillage)) {
      seatsByVillage[name] = (seatsByVillage[name] ?? 0) + seats;
      village(name).seats += seats;
    }
    for (const [name, counts] of Object.entries(s.rides.byVillage ?? {})) {
      village(name).requested += counts.requested;
      village(name).confirmed += counts.confirmed;
    }
  }
  const byVillage = [...villages.values()].sort((a, b) => b.requested - a.requested || b.confirmed - a.confirmed || a.village.localeCompare(b.village, 'fi'));

  const steps = people.flatMap((d) => d.steps);
  const byStage: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const latestActive = new Map<string, PlanStep>();
  for (const step of steps) {
    if (inPeriod(step.startDate, period)) transitions[step.stage] = (transitions[step.stage] ?? 0) + 1;
    const started = step.startDate !== undefined && step.startDate <= period.to;
    const stillOn = step.status === 'active' || (step.endDate !== undefined && step.endDate > period.to);
    if (!started || !stillOn || step.status === 'planned') continue;
    const current = latestActive.get(step.participantId);
    if (!current || (current.startDate ?? '') < (step.startDate ?? '')) latestActive.set(step.participantId, step);
  }
  for (const step of latestActive.values()) byStage[step.stage] = (byStage[step.stage] ?? 0) + 1;

  const goalsReached = people.flatMap((d) => d.goals).filter((g) => g.status === 'reached' && inPeriod(g.updatedAt.slice(0, 10), period)).length;
  const sum = (f: (c: SessionSummary['checkins']) => number) => sessions.reduce((n, s) => n + f(s.checkins), 0);


  return {
    sessions: {
      planned: sessions.filter((s) => s.status === 'planned').length,
      held: held.length,
      cancelled: sessions.filter((s) => s.status === 'cancelled').length,
    },
    visits,
    uniqueParticipants: present.size,
    attendanceRate: ratio(visits, marked),
    averageGroupSize: ratio(visits, held.length),
    averageCapacity: average(held.map((s) => s.capacity)),
    costCents,
    costPerVisitCents: ratio(costCents, visits),
    costPerParticipantCents: ratio(costCents, present.size),
    rides: { requested: sessions.reduce((n, s) => n + s.rides.requested, 0), confirmed: sessions.reduce((n, s) => n + s.rides.confirmed, 0), seatsByVillage, byVillage },
    byStage: Object.fromEntries(PLAN_STAGES.filter((s) => byStage[s]).map((s) => [s, byStage[s]!])),
    transitions: Object.fromEntries(PLAN_STAGES.filter((s) => transitions[s]).map((s) => [s, transitions[s]!])),
    goalsReached,
    checkins: {
      count: sum((c) => c.count),
      mood: ratio(sum((c) => c.moodSum), sum((c) => c.moodCount)),
      useful: ratio(sum((c) => c.usefulSum), sum((c) => c.usefulCount)),
    },
    series: held.map((s) => ({ date: s.date, sessionId: s.sessionId, present: s.present.length, capacity: s.capacity })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
