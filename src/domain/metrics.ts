import type { Attendance } from './attendance.ts';
import type { Checkin } from './checkin.ts';
import type { Participant } from './participant.ts';
import { PLAN_STAGES, type Goal, type PlanStep } from './plan.ts';
import type { Ride } from './ride.ts';
import type { Session } from './session.ts';

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
  rides: { requested: number; confirmed: number; seatsByVillage: Record<string, number> };
  /** Participants by the stage active at the end of the period. */
  byStage: Record<string, number>;
  /** Stages entered during the period. */
  transitions: Record<string, number>;
  goalsReached: number;
  checkins: { count: number; mood: number | null; useful: number | null };
  /** ESF-style counts of people present in the period, by their entry record. */
  esf: Record<string, Record<string, number>>;
  /** Present per held session, in date order (attendance over time). */
  series: { date: string; sessionId: string; present: number; capacity: number }[];
}

export const inPeriod = (date: string | undefined, p: Period) => !!date && date >= p.from && date <= p.to;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const average = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

export function metricsFor(data: GroupData[], period: Period): Metrics {
  const sessions = data.flatMap((d) => d.sessions).filter((s) => inPeriod(s.date, period));
  const held = sessions.filter((s) => s.status === 'held');
  const heldIds = new Set(held.map((s) => s.id));
  const inSessions = new Set(sessions.map((s) => s.id));
  const marked = data.flatMap((d) => d.attendance).filter((a) => heldIds.has(a.sessionId));
  const present = marked.filter((a) => a.status === 'present');
  const people = new Set(present.map((a) => a.participantId));
  const costCents = held.reduce((sum, s) => sum + s.costCents, 0);

  const rides = data.flatMap((d) => d.rides).filter((r) => inSessions.has(r.sessionId));
  const seatsByVillage: Record<string, number> = {};
  for (const r of rides.filter((r) => r.status === 'confirmed')) seatsByVillage[r.village] = (seatsByVillage[r.village] ?? 0) + r.seats;

  const steps = data.flatMap((d) => d.steps);
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

  const goalsReached = data.flatMap((d) => d.goals).filter((g) => g.status === 'reached' && inPeriod(g.updatedAt.slice(0, 10), period)).length;
  const checkins = data.flatMap((d) => d.checkins).filter((c) => inSessions.has(c.sessionId));

  const participants = new Map(data.flatMap((d) => d.participants).map((p) => [p.id, p]));
  const esf: Record<string, Record<string, number>> = { labourMarketStatus: {}, ageBand: {}, educationLevel: {} };
  for (const id of people) {
    const entry = participants.get(id)?.esf;
    for (const item of ['labourMarketStatus', 'ageBand', 'educationLevel'] as const) {
      const value = entry?.[item] ?? 'notGiven';
      esf[item]![value] = (esf[item]![value] ?? 0) + 1;
    }
  }

  const presentBySession = new Map<string, number>();
  for (const a of present) presentBySession.set(a.sessionId, (presentBySession.get(a.sessionId) ?? 0) + 1);

  return {
    sessions: {
      planned: sessions.filter((s) => s.status === 'planned').length,
      held: held.length,
      cancelled: sessions.filter((s) => s.status === 'cancelled').length,
    },
    visits: present.length,
    uniqueParticipants: people.size,
    attendanceRate: ratio(present.length, marked.length),
    averageGroupSize: ratio(present.length, held.length),
    averageCapacity: average(held.map((s) => s.capacity)),
    costCents,
    costPerVisitCents: ratio(costCents, present.length),
    costPerParticipantCents: ratio(costCents, people.size),
    rides: { requested: rides.length, confirmed: rides.filter((r) => r.status === 'confirmed').length, seatsByVillage },
    byStage: Object.fromEntries(PLAN_STAGES.filter((s) => byStage[s]).map((s) => [s, byStage[s]!])),
    transitions: Object.fromEntries(PLAN_STAGES.filter((s) => transitions[s]).map((s) => [s, transitions[s]!])),
    goalsReached,
    checkins: {
      count: checkins.length,
      mood: average(checkins.flatMap((c) => (c.mood ? [c.mood] : []))),
      useful: average(checkins.flatMap((c) => (c.useful ? [c.useful] : []))),
    },
    esf,
    series: held
      .map((s) => ({ date: s.date, sessionId: s.id, present: presentBySession.get(s.id) ?? 0, capacity: s.capacity }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}
