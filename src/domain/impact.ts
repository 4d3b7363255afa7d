import type { Attendance } from './doc-types/attendance.ts';
import type { Checkin } from './doc-types/checkin.ts';
import type { Goal } from './doc-types/goal.ts';
import { COST_PARTS, costOfParts, MODEL_SESSION_COST_CENTS, type CostPart, type Group } from './doc-types/group.ts';
import type { Guidance } from './doc-types/guidance.ts';
import { CAPACITY_DIMENSIONS, type CapacityDimension, type Observation } from './doc-types/observation.ts';
import type { Participant } from './doc-types/participant.ts';
import type { Partner } from './doc-types/partner.ts';
import type { Placement } from './doc-types/placement.ts';
import { PLAN_STAGES, type PlanStage, type PlanStep } from './doc-types/planstep.ts';
import type { Session } from './doc-types/session.ts';
import { keyOf } from './ids.ts';
import { inPeriod, type Period } from './metrics.ts';
import { periodDays } from './report.ts';
import { shown, type Shown } from './suppression.ts';
import { localDate, shiftDate } from './time.ts';

/**
 * The impact report (the group employment model: "evaluate the effects from the point of view
 * of the individual, the community and the economy") over a period, for the groups chosen.
 * Pure and linear in the number of records (plus a sort per person); dates are yyyy-mm-dd and
 * the period includes both ends. A person is one participant id: a person who moved between
 * the chosen groups keeps the id and is counted once.
 */

/** The chosen groups' records (the store's `watch(type, scope)` of each group's scope, concatenated). */
export interface ImpactData {
  groups: Group[];
  sessions: Session[];
  attendance: Attendance[];
  participants: Participant[];
  steps: PlanStep[];
  goals: Goal[];
  checkins: Checkin[];
  observations: Observation[];
  placements: Placement[];
  partners: Partner[];
  guidance: Guidance[];
}

/** Several groups' records as one (the report is over the groups chosen). */
export function joinImpactData(parts: ImpactData[]): ImpactData {
  return {
    groups: parts.flatMap((p) => p.groups),
    sessions: parts.flatMap((p) => p.sessions),
    attendance: parts.flatMap((p) => p.attendance),
    participants: parts.flatMap((p) => p.participants),
    steps: parts.flatMap((p) => p.steps),
    goals: parts.flatMap((p) => p.goals),
    checkins: parts.flatMap((p) => p.checkins),
    observations: parts.flatMap((p) => p.observations),
    placements: parts.flatMap((p) => p.placements),
    partners: parts.flatMap((p) => p.partners),
    guidance: parts.flatMap((p) => p.guidance),
  };
}

/** The organisation's unit values per person-month, in cents (see organisation.ts `reporting.unitValues`). */
export interface ImpactInputs {
  subsidyMonthCents?: number;
  otherMonthCents?: number;
  otherLabel?: string;
}

/** Means of each person's first and of their last answer in the period, over the people with two or more. */
export interface Trend {
  first: number | null;
  last: number | null;
  people: number;
}

export interface ImpactReport {
  period: Period;
  individual: {
    /** Every path stage, in the path's order: people who started a step of it in the period. */
    transitions: { stage: PlanStage; people: number }[];
    goalsReached: number;
    goalsSet: number;
    /** Check-ins' mood ("how are you today?"). */
    checkinTrend: Trend;
    /** Check-ins' usefulness ("was today's session useful?"). */
    usefulTrend: Trend;
    observationTrend: ({ area: CapacityDimension } & Trend)[];
    placementsStarted: number;
    /** Ended in the period as agreed: completed, or moved on from. */
    placementsCompleted: number;
    /** Ended in the period cut short. */
    placementsInterrupted: number;
  };
  community: {
    villages: { village: string; people: number; sessions: number }[];
    /** Hours worked in the period at partners of kind village association, and by each of them. */
    associationHours: number;
    associations: { partnerId: string; partnerName: string; placements: number; hours: number }[];
    /** Sessions held in the period that a partner produced as a purchased service; '' as the name when its record is missing. */
    servicesProduced: { partnerId: string; partnerName: string; kind: Partner['kind'] | null; sessions: number }[];
    guidance: { total: number; happened: number; didNotHappen: number; pending: number; followedThrough: number | null };
  };
  economy: {
    costCents: number;
    participants: number;
    visits: number;
    movesToWorkOrEducation: number;
    perParticipantCents: number | null;
    perVisitCents: number | null;
    perMoveCents: number | null;
    /** Per part: the held sessions' own split, and the model's 330 € a session split as described at `modelSplit`. */
    parts: { part: CostPart; cents: number; modelCents: number }[];
    /** Held sessions whose cost was not split into parts, and their cost (in costCents, not in any part). */
    unsplitSessions: number;
    unsplitCents: number;
    modelCents: number;
    savings: {
      /** The stages whose months are counted (WORK_STAGES_FOR_SAVINGS). */
      stages: PlanStage[];
      personMonthsInWork: number;
      subsidyCents: number | null;
      otherCents: number | null;
      totalCents: number | null;
      inputs: ImpactInputs;
    };
  };
}

/**
 * The stages that are a move into work or education (the economy's "per move"): paid work of
 * any kind and studies. A work trial is left out: it is unpaid and on benefits, a step towards
 * work rather than work.
 */
export const MOVE_STAGES: readonly PlanStage[] = ['partTimeWork', 'paySubsidisedWork', 'openLabourMarket', 'education'];

/**
 * The stages whose months save the municipality its share of the labour-market subsidy: paid
 * employment where the subsidy stops (pay-subsidised work, the open labour market). Left out,
 * to keep the estimate on the safe side: part-time work (an adjusted benefit often continues
 * beside it), a work trial and rehabilitative work activity (both on the subsidy itself).
 */
export const WORK_STAGES_FOR_SAVINGS: readonly PlanStage[] = ['paySubsidisedWork', 'openLabourMarket'];

/** Days in an average calendar month (365.25 / 12): a person-month is this many days in work. */
export const DAYS_PER_MONTH = 365.25 / 12;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
const dateOf = (instant: string) => localDate(new Date(instant));
const byName = (a: string, b: string) => a.localeCompare(b, 'fi');

/** Days of [from, to] inside the period, both ends included (0 when none). */
function daysInside(from: string, to: string, period: Period): number {
  const start = from > period.from ? from : period.from;
  const end = to < period.to ? to : period.to;
  return end < start ? 0 : periodDays({ from: start, to: end });
}

/** Days covered by a set of date ranges (overlaps once), both ends included. */
function daysCovered(ranges: { from: string; to: string }[]): number {
  const sorted = ranges.filter((r) => r.to >= r.from).sort((a, b) => a.from.localeCompare(b.from));
  let days = 0;
  let current: { from: string; to: string } | undefined;
  for (const r of sorted) {
    if (current && r.from <= shiftDate(current.to, 1)) {
      if (r.to > current.to) current.to = r.to;
      continue;
    }
    if (current) days += periodDays(current);
    current = { ...r };
  }
  return current ? days + periodDays(current) : days;
}

/**
 * Each person's first and last value in date order, averaged over the people with at least two
 * values: did people, on the whole, end the period better or worse than they began it.
 */
function trendOf(values: { person: string; order: string; value: number }[]): Trend {
  const byPerson = new Map<string, { order: string; value: number }[]>();
  for (const v of values) (byPerson.get(v.person) ?? byPerson.set(v.person, []).get(v.person)!).push(v);
  const firsts: number[] = [];
  const lasts: number[] = [];
  for (const list of byPerson.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.order.localeCompare(b.order));
    firsts.push(list[0]!.value);
    lasts.push(list[list.length - 1]!.value);
  }
  return { first: mean(firsts), last: mean(lasts), people: firsts.length };
}

/**
 * `total` split in the proportions of `weights` in whole cents that add up to `total` (the
 * cents rounding leaves are given to the largest remainders, the first part on a tie).
 */
function splitCents(total: number, weights: Record<CostPart, number>): Record<CostPart, number> {
  const sum = COST_PARTS.reduce((s, p) => s + weights[p], 0);
  const exact = COST_PARTS.map((p) => (total * weights[p]) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) if (left-- > 0) out[i]!++;
  return Object.fromEntries(COST_PARTS.map((p, i) => [p, out[i]!])) as Record<CostPart, number>;
}

const EVEN: Record<CostPart, number> = { instructors: 1, travel: 1, premises: 1, activities: 1 };

/**
 * The model's 330 € of one session of a group, by part. The model (Pitstoppi) names the four
 * parts but not their shares, so a group's own default split (its settings' cost parts) gives
 * the proportions; a group with none, or one whose parts are all 0, has the 330 € split evenly.
 */
export function modelSplit(group: Group | undefined): Record<CostPart, number> {
  const own = group?.settings.costParts;
  return splitCents(MODEL_SESSION_COST_CENTS, own && costOfParts(own) > 0 ? own : EVEN);
}

/**
 * The impact report of the period.
 *
 * The individual:
 * - transitions: for every path stage, the people with a step of that stage whose start date is
 *   in the period and that is no longer only planned (active, completed or interrupted);
 * - goals set: goals created in the period; goals reached: goals now reached whose last change
 *   was in the period (a goal keeps no date of its own for being reached);
 * - check-in trends (mood, usefulness): check-ins of sessions dated in the period, in session
 *   order; each person's first and last answer, averaged over the people with two or more;
 * - observation trend: per area of functional capacity, ratings dated in the period, the same
 *   way (ratings of one day in the order they were written);
 * - placements started: start date in the period; completed: end date in the period with the
 *   outcome completed or moved on; interrupted: end date in the period, cut short.
 *
 * The community:
 * - villages: the people whose participation overlaps the period (walk-ins too: they were
 *   reached) by their home village (their latest record's), and the sessions held in the
 *   period by the village they were held in; villages with neither are left out. Names are
 *   matched trimmed and regardless of case, shown as first met;
 * - association hours: placements at partners of kind village association, hours per week ×
 *   the days of the placement inside the period / 7 (an open placement runs to the period's end);
 * - services produced: held sessions in the period whose producer is a partner, by partner;
 * - guidance: onward guidance dated in the period by how it turned out, and followed through =
 *   happened / (happened + did not happen), pending left out (null when none is known).
 *
 * The economy:
 * - cost: the held sessions in the period; participants: the people marked present at one or
 *   more of them; visits: present marks at them; moves into work or education: the people who
 *   started a step of a MOVE_STAGES stage in the period (as transitions count them). Each "per"
 *   figure is cost / count, null when the count is 0;
 * - parts: the held sessions' own split summed by part (sessions with no split are counted in
 *   unsplitSessions/unsplitCents instead, never guessed into parts), beside the model's 330 € a
 *   held session split as `modelSplit` says for the session's group;
 * - savings, an ESTIMATE: person-months in WORK_STAGES_FOR_SAVINGS stages inside the period
 *   (the days a person was in such a step, overlapping steps once, / DAYS_PER_MONTH; a step
 *   runs from its start date to its end date, or while active to the period's end, or when
 *   ended with no end date to the day it was last changed; a step only planned or with no
 *   start date is not counted) × each unit value; a part is null when its unit value is not
 *   entered, the total is null when neither is, and counts only the parts entered. Cents are
 *   rounded to whole cents. A period reaching past today counts active steps into the future:
 *   the report's period should end today at the latest.
 */
export function impactReport(data: ImpactData, period: Period, inputs: ImpactInputs): ImpactReport {
  const sessionById = new Map(data.sessions.map((s) => [s.id, s]));
  const inThePeriod = data.sessions.filter((s) => inPeriod(s.date, period));
  const held = inThePeriod.filter((s) => s.status === 'held');
  const heldIds = new Set(held.map((s) => s.id));
  const partnerById = new Map(data.partners.map((p) => [p.id, p]));
  const groupByKey = new Map(data.groups.map((g) => [keyOf(g.id), g]));

  // The individual.
  const started = data.steps.filter((s) => s.status !== 'planned' && inPeriod(s.startDate, period));
  const peopleBy = (stages: readonly PlanStage[]) => new Set(started.filter((s) => stages.includes(s.stage)).map((s) => s.participantId)).size;
  const transitions = PLAN_STAGES.map((stage) => ({ stage, people: peopleBy([stage]) }));

  const goalsSet = data.goals.filter((g) => inPeriod(dateOf(g.createdAt), period)).length;
  const goalsReached = data.goals.filter((g) => g.status === 'reached' && inPeriod(dateOf(g.updatedAt), period)).length;

  const answers = (field: 'mood' | 'useful') =>
    data.checkins.flatMap((c) => {
      const session = sessionById.get(c.sessionId);
      const value = c[field];
      return session && value !== undefined && inPeriod(session.date, period) ? [{ person: c.participantId, order: `${session.date}T${session.startTime}`, value }] : [];
    });
  const rated = data.observations.filter((o) => inPeriod(o.date, period));
  const observationTrend = CAPACITY_DIMENSIONS.map((area) => ({
    area,
    ...trendOf(rated.flatMap((o) => (o[area] === undefined ? [] : [{ person: o.participantId, order: `${o.date}|${o.createdAt}`, value: o[area]! }]))),
  }));

  const endedInPeriod = data.placements.filter((p) => inPeriod(p.endDate, period));

  // The community.
  const villages = new Map<string, { village: string; people: Set<string>; sessions: number }>();
  const village = (name: string) => {
    const k = name.trim().toLowerCase();
    return villages.get(k) ?? villages.set(k, { village: name.trim(), people: new Set(), sessions: 0 }).get(k)!;
  };
  const latest = new Map<string, Participant>();
  for (const p of data.participants) {
    if (p.startDate > period.to || (p.endDate !== undefined && p.endDate < period.from)) continue;
    const seen = latest.get(p.id);
    if (!seen || seen.startDate < p.startDate) latest.set(p.id, p);
  }
  for (const p of latest.values()) village(p.homeVillage).people.add(p.id);
  for (const s of held) village(s.village).sessions++;

  const associations = new Map<string, { partnerId: string; partnerName: string; placements: number; hours: number }>();
  for (const p of data.placements) {
    const partner = partnerById.get(p.partnerId);
    if (partner?.kind !== 'villageAssociation') continue;
    const days = daysInside(p.startDate, p.endDate ?? period.to, period);
    if (days === 0) continue;
    const row = associations.get(partner.id) ?? associations.set(partner.id, { partnerId: partner.id, partnerName: partner.name, placements: 0, hours: 0 }).get(partner.id)!;
    row.placements++;
    row.hours += (p.hoursPerWeek * days) / 7;
  }

  const services = new Map<string, { partnerId: string; partnerName: string; kind: Partner['kind'] | null; sessions: number }>();
  for (const s of held) {
    if (s.producerId === undefined) continue;
    const partner = partnerById.get(s.producerId);
    const row = services.get(s.producerId) ?? services.set(s.producerId, { partnerId: s.producerId, partnerName: partner?.name ?? '', kind: partner?.kind ?? null, sessions: 0 }).get(s.producerId)!;
    row.sessions++;
  }

  const guided = data.guidance.filter((g) => inPeriod(g.date, period));
  const outcome = (o: Guidance['outcome']) => guided.filter((g) => g.outcome === o).length;
  const [happened, didNotHappen, pending] = [outcome('happened'), outcome('didNotHappen'), outcome('pending')];

  // The economy.
  const present = data.attendance.filter((a) => a.status === 'present' && heldIds.has(a.sessionId));
  const participants = new Set(present.map((a) => a.participantId)).size;
  const costCents = held.reduce((sum, s) => sum + s.costCents, 0);
  const moves = peopleBy(MOVE_STAGES);

  const actual = Object.fromEntries(COST_PARTS.map((p) => [p, 0])) as Record<CostPart, number>;
  const model = { ...actual };
  let [unsplitSessions, unsplitCents] = [0, 0];
  for (const s of held) {
    if (s.costParts) for (const p of COST_PARTS) actual[p] += s.costParts[p];
    else {
      unsplitSessions++;
      unsplitCents += s.costCents;
    }
    const split = modelSplit(groupByKey.get(s.groupKey));
    for (const p of COST_PARTS) model[p] += split[p];
  }

  const inWork = new Map<string, { from: string; to: string }[]>();
  for (const s of data.steps) {
    if (!WORK_STAGES_FOR_SAVINGS.includes(s.stage) || s.status === 'planned' || s.startDate === undefined) continue;
    const end = s.endDate ?? (s.status === 'active' ? period.to : dateOf(s.updatedAt));
    const from = s.startDate > period.from ? s.startDate : period.from;
    const to = end < period.to ? end : period.to;
    if (to >= from) (inWork.get(s.participantId) ?? inWork.set(s.participantId, []).get(s.participantId)!).push({ from, to });
  }
  const personMonthsInWork = [...inWork.values()].reduce((sum, ranges) => sum + daysCovered(ranges), 0) / DAYS_PER_MONTH;
  const times = (unit: number | undefined) => (unit === undefined ? null : Math.round(personMonthsInWork * unit));
  const subsidyCents = times(inputs.subsidyMonthCents);
  const otherCents = times(inputs.otherMonthCents);

  return {
    period,
    individual: {
      transitions,
      goalsReached,
      goalsSet,
      checkinTrend: trendOf(answers('mood')),
      usefulTrend: trendOf(answers('useful')),
      observationTrend,
      placementsStarted: data.placements.filter((p) => inPeriod(p.startDate, period)).length,
      placementsCompleted: endedInPeriod.filter((p) => p.outcome === 'completed' || p.outcome === 'movedOn').length,
      placementsInterrupted: endedInPeriod.filter((p) => p.outcome === 'interrupted').length,
    },
    community: {
      // Most people first, then most sessions, then by name.
      villages: [...villages.values()]
        .map((v) => ({ village: v.village, people: v.people.size, sessions: v.sessions }))
        .sort((a, b) => b.people - a.people || b.sessions - a.sessions || byName(a.village, b.village)),
      associationHours: [...associations.values()].reduce((sum, a) => sum + a.hours, 0),
      associations: [...associations.values()].sort((a, b) => b.hours - a.hours || byName(a.partnerName, b.partnerName)),
      servicesProduced: [...services.values()].sort((a, b) => b.sessions - a.sessions || byName(a.partnerName, b.partnerName)),
      guidance: { total: guided.length, happened, didNotHappen, pending, followedThrough: ratio(happened, happened + didNotHappen) },
    },
    economy: {
      costCents,
      participants,
      visits: present.length,
      movesToWorkOrEducation: moves,
      perParticipantCents: ratio(costCents, participants),
      perVisitCents: ratio(costCents, present.length),
      perMoveCents: ratio(costCents, moves),
      parts: COST_PARTS.map((part) => ({ part, cents: actual[part], modelCents: model[part] })),
      unsplitSessions,
      unsplitCents,
      modelCents: held.length * MODEL_SESSION_COST_CENTS,
      savings: {
        stages: [...WORK_STAGES_FOR_SAVINGS],
        personMonthsInWork,
        subsidyCents,
        otherCents,
        totalCents: subsidyCents === null && otherCents === null ? null : (subsidyCents ?? 0) + (otherCents ?? 0),
        inputs,
      },
    },
  };
}

/** A table of the report for CSV: header cells are catalogue keys, and so are the cells of `keyColumns`. */
export const IMPACT_SECTIONS = ['individual', 'community', 'economy'] as const;

export interface ImpactTable {
  id: string;
  /** Its caption's catalogue key. */
  caption: string;
  /** The part of the report it belongs to: the model's three points of view. */
  section: (typeof IMPACT_SECTIONS)[number];
  header: string[];
  rows: (string | number)[][];
  /** Columns whose cells are catalogue keys too (the rest are names and numbers as they are). */
  keyColumns: number[];
  /** The cells that count people, [row, column]: a small count there could point at someone. */
  peopleCells: [number, number][];
  /** A column whose count makes each row a group of people (a trend's people): a small one hides the row's figures. */
  groupColumn?: number;
  /** Figures reckoned from a count of people (a cost per participant): hidden when that count is. */
  derived?: { cell: [number, number]; from: [number, number] }[];
}

/** Column `c` of `rows` rows, as cells. */
const column = (c: number, rows: number): [number, number][] => Array.from({ length: rows }, (_, r) => [r, c]);

const euros = (cents: number | null | undefined) => (cents === null || cents === undefined ? '' : Math.round(cents) / 100);
const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const twoDecimals = (n: number | null) => (n === null ? '' : Math.round(n * 100) / 100);
const trendRow = (label: string, t: Trend) => [label, t.people, twoDecimals(t.first), twoDecimals(t.last)];

/**
 * The report as plain tables, one per table of its sections, for CSV. Money is in euros (two
 * decimals), hours and person-months to one decimal, means to two; a figure that cannot be
 * given (nothing to divide by, a unit value not entered) is an empty cell. Small counts are
 * not suppressed here: a report that leaves the organisation takes its rows through
 * `suppressedRows`, which the cells marked here steer.
 */
export function impactTables(report: ImpactReport): ImpactTable[] {
  const { individual: ind, community: com, economy: eco } = report;
  const measure = ['impact.col.measure', 'impact.col.value'];
  return [
    {
      id: 'transitions',
      caption: 'impact.table.transitions',
      section: 'individual',
      header: ['impact.col.stage', 'impact.col.people'],
      rows: ind.transitions.map((t) => [`path.stage.${t.stage}`, t.people]),
      keyColumns: [0],
      peopleCells: column(1, ind.transitions.length),
    },
    {
      id: 'individual',
      caption: 'impact.table.individual',
      section: 'individual',
      header: measure,
      rows: [
        ['impact.measure.goalsSet', ind.goalsSet],
        ['impact.measure.goalsReached', ind.goalsReached],
        ['impact.measure.placementsStarted', ind.placementsStarted],
        ['impact.measure.placementsCompleted', ind.placementsCompleted],
        ['impact.measure.placementsInterrupted', ind.placementsInterrupted],
      ],
      keyColumns: [0],
      // A placement is one person's: a count of few could point at them. Goals are the group's many.
      peopleCells: [[2, 1], [3, 1], [4, 1]],
    },
    {
      id: 'trends',
      caption: 'impact.table.trends',
      section: 'individual',
      header: ['impact.col.measure', 'impact.col.people', 'impact.col.first', 'impact.col.last'],
      rows: [
        trendRow('impact.trend.mood', ind.checkinTrend),
        trendRow('impact.trend.useful', ind.usefulTrend),
        ...ind.observationTrend.map((t) => trendRow(`observation.dimension.${t.area}`, t)),
      ],
      keyColumns: [0],
      peopleCells: column(1, 2 + ind.observationTrend.length),
      groupColumn: 1,
    },
    {
      id: 'villages',
      caption: 'impact.table.villages',
      section: 'community',
      header: ['impact.col.village', 'impact.col.people', 'impact.col.sessions'],
      rows: com.villages.map((v) => [v.village, v.people, v.sessions]),
      keyColumns: [],
      peopleCells: column(1, com.villages.length),
    },
    {
      id: 'associations',
      caption: 'impact.table.associations',
      section: 'community',
      header: ['impact.col.partner', 'impact.col.placements', 'impact.col.hours'],
      rows: com.associations.map((a) => [a.partnerName, a.placements, oneDecimal(a.hours)]),
      keyColumns: [],
      peopleCells: column(1, com.associations.length),
    },
    {
      id: 'services',
      caption: 'impact.table.services',
      section: 'community',
      header: ['impact.col.partner', 'impact.col.sessions'],
      rows: com.servicesProduced.map((s) => [s.partnerName, s.sessions]),
      keyColumns: [],
      peopleCells: [],
    },
    {
      id: 'community',
      caption: 'impact.table.community',
      section: 'community',
      header: measure,
      rows: [
        ['impact.measure.associationHours', oneDecimal(com.associationHours)],
        ['impact.measure.guidanceTotal', com.guidance.total],
        ['impact.measure.guidanceHappened', com.guidance.happened],
        ['impact.measure.guidanceDidNotHappen', com.guidance.didNotHappen],
        ['impact.measure.guidancePending', com.guidance.pending],
      ],
      keyColumns: [0],
      peopleCells: [],
    },
    {
      id: 'economy',
      caption: 'impact.table.economy',
      section: 'economy',
      header: measure,
      rows: [
        ['impact.measure.costEuros', euros(eco.costCents)],
        ['impact.measure.participants', eco.participants],
        ['impact.measure.visits', eco.visits],
        ['impact.measure.moves', eco.movesToWorkOrEducation],
        ['impact.measure.perParticipantEuros', euros(eco.perParticipantCents)],
        ['impact.measure.perVisitEuros', euros(eco.perVisitCents)],
        ['impact.measure.perMoveEuros', euros(eco.perMoveCents)],
      ],
      keyColumns: [0],
      // Participants and moves count people; the cost per each would give the count away.
      peopleCells: [
        [1, 1],
        [3, 1],
      ],
      derived: [
        { cell: [4, 1], from: [1, 1] },
        { cell: [6, 1], from: [3, 1] },
      ],
    },
    {
      id: 'costParts',
      caption: 'impact.table.costParts',
      section: 'economy',
      header: ['impact.col.part', 'impact.col.actualEuros', 'impact.col.modelEuros'],
      rows: [
        ...eco.parts.map((p) => [`cost.part.${p.part}`, euros(p.cents), euros(p.modelCents)]),
        ['impact.measure.unsplitEuros', euros(eco.unsplitCents), ''],
        ['impact.measure.totalEuros', euros(eco.costCents), euros(eco.modelCents)],
      ],
      keyColumns: [0],
      peopleCells: [],
    },
    {
      id: 'savings',
      caption: 'impact.table.savings',
      section: 'economy',
      header: measure,
      rows: [
        ['impact.measure.personMonthsInWork', oneDecimal(eco.savings.personMonthsInWork)],
        ['impact.measure.subsidyMonthEuros', euros(eco.savings.inputs.subsidyMonthCents)],
        ['impact.measure.subsidyEuros', euros(eco.savings.subsidyCents)],
        ['impact.measure.otherLabel', eco.savings.inputs.otherLabel ?? ''],
        ['impact.measure.otherMonthEuros', euros(eco.savings.inputs.otherMonthCents)],
        ['impact.measure.otherEuros', euros(eco.savings.otherCents)],
        ['impact.measure.savingsEuros', euros(eco.savings.totalCents)],
      ],
      keyColumns: [0],
      peopleCells: [],
    },
  ];
}

/**
 * A table's rows as a report that leaves the organisation shows them: a count of people below
 * the threshold is suppressed (suppression.ts `shown`), and in a row that is a small group of
 * people (`groupColumn`) every figure is, since a mean of one or two people is their own answer;
 * so is a figure reckoned from a hidden count (`derived`). A hidden cell is a suppressed `Shown`;
 * the rest (numbers, names, keys, blanks) stay as they are.
 */
export function suppressedRows(table: ImpactTable, threshold: number): (string | number | Extract<Shown, { kind: 'suppressed' }>)[][] {
  const at = ([r, c]: [number, number]) => `${r}:${c}`;
  const isSmall = (cell: string | number | undefined) => typeof cell === 'number' && shown(cell, threshold).kind === 'suppressed';
  const people = new Set(table.peopleCells.map(at));
  const hidden = new Set((table.derived ?? []).filter((d) => isSmall(table.rows[d.from[0]]?.[d.from[1]])).map((d) => at(d.cell)));
  const suppressed = { kind: 'suppressed', below: threshold } as const;
  return table.rows.map((row, r) => {
    const smallGroup = table.groupColumn !== undefined && isSmall(row[table.groupColumn]);
    return row.map((cell, c) => {
      if (typeof cell !== 'number') return cell;
      if (smallGroup || hidden.has(at([r, c]))) return suppressed;
      return people.has(at([r, c])) && isSmall(cell) ? suppressed : cell;
    });
  });
}
