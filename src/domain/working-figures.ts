import type { Coaching } from './doc-types/coaching.ts';
import type { Errand, ErrandKind } from './doc-types/errand.ts';
import { ERRAND_KINDS } from './doc-types/errand.ts';
import { COST_PARTS, MODEL_SESSION_COST_CENTS, type CostPart, type Group } from './doc-types/group.ts';
import { GUIDANCE_SERVICES, type Guidance } from './doc-types/guidance.ts';
import { REFERRAL_SOURCES, type Participant } from './doc-types/participant.ts';
import type { Partner } from './doc-types/partner.ts';
import { PLACEMENT_STAGES, type Placement } from './doc-types/placement.ts';
import type { Session } from './doc-types/session.ts';
import type { Wish } from './doc-types/wish.ts';
import type { WishSupport } from './doc-types/wishsupport.ts';
import { inPeriod, type Period } from './metrics.ts';
import { periodDays } from './report.ts';
import { localDate } from './time.ts';

/** One group's documents the working models' figures are computed from. */
export interface WorkingData {
  scope: string;
  group: Group | undefined;
  wishes: Wish[];
  supports: WishSupport[];
  sessions: Session[];
  errands: Errand[];
  guidance: Guidance[];
  coaching: Coaching[];
  partners: Partner[];
  placements: Placement[];
  participants: Participant[];
}

type Counts<K extends string> = Record<K, number>;
export type ReferralKey = (typeof REFERRAL_SOURCES)[number] | 'unknown';

export interface PartnerPlacements {
  partnerId: string;
  /** The partner's name; null when its record is not on this device. */
  name: string | null;
  placements: number;
  hours: number;
}

export interface ProducerRow {
  /** null: the organisation produced the sessions itself. */
  producerId: string | null;
  name: string | null;
  held: number;
  costCents: number;
}

export interface GroupLife {
  scope: string;
  name: string | null;
  startDate: string | null;
  endDate: string | null;
  targetSize: number | null;
  /** Participants active now (not the period): what the target size is compared with. */
  active: number;
}

export interface WorkingFigures {
  wishes: {
    made: number;
    /** Supports ("I'd like that too") standing now for the wishes made in the period. */
    supports: number;
    /** Sessions in the period, planned or held (not cancelled), and those planned from a wish. */
    sessions: number;
    fromWish: number;
    /** fromWish / sessions; null when there was none. */
    shareFromWish: number | null;
  };
  errands: { byKind: Counts<ErrandKind>; /** A person helped at a session, with one or more kinds. */ helps: number; people: number };
  guidance: {
    byService: Counts<(typeof GUIDANCE_SERVICES)[number]>;
    total: number;
    happened: number;
    didNotHappen: number;
    pending: number;
    /** happened / (happened + didNotHappen); null when none is known yet. */
    followedThrough: number | null;
  };
  referral: { bySource: Counts<ReferralKey>; total: number };
  placements: {
    total: number;
    byPartner: PartnerPlacements[];
    byStage: Counts<(typeof PLACEMENT_STAGES)[number]>;
    /** Hours of work done within the period. */
    hours: number;
    /** People whose placement ended in the period with them moving on. */
    movedOn: number;
  };
  coaching: { held: number; people: number };
  cost: {
    held: number;
    totalCents: number;
    /** Sums per part over the held sessions whose cost was split. */
    parts: Counts<CostPart>;
    splitSessions: number;
    unsplitSessions: number;
    unsplitCents: number;
    averageCents: number | null;
    modelCents: number;
  };
  producers: ProducerRow[];
  groups: GroupLife[];
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

/** Days of [start, end] (end open: to the period's end) inside the period, both ends included. */
function daysInside(start: string, end: string | undefined, period: Period): number {
  const from = start > period.from ? start : period.from;
  const to = end !== undefined && end < period.to ? end : period.to;
  return to < from ? 0 : periodDays({ from, to });
}

/**
 * The coordinator's figures for the working models (wishes, guided errands, onward guidance,
 * referral, placements, one-to-one coaching, the cost of a session and who produced it) over
 * a period, for the groups given. Pure and linear in the number of documents; dates are
 * yyyy-mm-dd and the period includes both ends.
 */
export function workingFigures(data: WorkingData[], period: Period): WorkingFigures {
  const sessions = data.flatMap((d) => d.sessions);
  const inThePeriod = sessions.filter((s) => inPeriod(s.date, period));
  const held = inThePeriod.filter((s) => s.status === 'held');

  // A hidden wish (a joke, a name, something hurtful) stays on record but is no wish of the group.
  const made = data.flatMap((d) => d.wishes).filter((w) => w.status === 'open' && inPeriod(localDate(new Date(w.createdAt)), period));
  const madeIds = new Set(made.map((w) => w.id));
  const supports = data.flatMap((d) => d.supports).filter((s) => s.supported && madeIds.has(s.wishId)).length;
  // A session planned from a wish counts as soon as it is planned: the wish was heard.
  const going = inThePeriod.filter((s) => s.status !== 'cancelled');
  const fromWish = going.filter((s) => s.fromWishId !== undefined).length;

  // Errands are counted by their session's day; a cancelled session had no one to help.
  const counted = new Set(inThePeriod.filter((s) => s.status !== 'cancelled').map((s) => s.id));
  const byKind = zero(ERRAND_KINDS);
  const helped = new Set<string>();
  let helps = 0;
  for (const e of data.flatMap((d) => d.errands)) {
    if (!counted.has(e.sessionId) || e.kinds.length === 0) continue;
    helps++;
    helped.add(e.participantId);
    for (const kind of new Set(e.kinds)) byKind[kind]++;
  }

  const guided = data.flatMap((d) => d.guidance).filter((g) => inPeriod(g.date, period));
  const byService = zero(GUIDANCE_SERVICES);
  for (const g of guided) byService[g.service]++;
  const outcome = (o: Guidance['outcome']) => guided.filter((g) => g.outcome === o).length;
  const [happened, didNotHappen, pending] = [outcome('happened'), outcome('didNotHappen'), outcome('pending')];

  // The period's participants, a person who moved groups once; walk-ins enrol with no referral asked.
  const cohort = new Map<string, Participant['referral']>();
  for (const p of data.flatMap((d) => d.participants)) {
    if (p.walkIn || p.startDate > period.to || (p.endDate !== undefined && p.endDate < period.from)) continue;
    cohort.set(p.id, cohort.get(p.id) ?? p.referral);
  }
  const bySource = zero<ReferralKey>([...REFERRAL_SOURCES, 'unknown']);
  for (const referral of cohort.values()) bySource[referral ?? 'unknown']++;

  const partnerName = new Map(data.flatMap((d) => d.partners).map((p) => [p.id, p.name]));
  const placements = data.flatMap((d) => d.placements).filter((p) => p.startDate <= period.to && (p.endDate === undefined || p.endDate >= period.from));
  const byPartner = new Map<string, PartnerPlacements>();
  const byStage = zero(PLACEMENT_STAGES);
  let hours = 0;
  for (const p of placements) {
    const worked = (p.hoursPerWeek * daysInside(p.startDate, p.endDate, period)) / 7;
    hours += worked;
    byStage[p.stage]++;
    const row = byPartner.get(p.partnerId) ?? byPartner.set(p.partnerId, { partnerId: p.partnerId, name: partnerName.get(p.partnerId) ?? null, placements: 0, hours: 0 }).get(p.partnerId)!;
    row.placements++;
    row.hours += worked;
  }
  const movedOn = new Set(placements.filter((p) => p.outcome === 'movedOn' && inPeriod(p.endDate, period)).map((p) => p.participantId)).size;

  const meetings = data.flatMap((d) => d.coaching).filter((c) => c.status === 'held' && inPeriod(c.date, period));

  const parts = zero(COST_PARTS);
  let [splitSessions, unsplitSessions, unsplitCents, totalCents] = [0, 0, 0, 0];
  const producers = new Map<string | null, ProducerRow>();
  for (const s of held) {
    totalCents += s.costCents;
    if (s.costParts) {
      splitSessions++;
      for (const part of COST_PARTS) parts[part] += s.costParts[part];
    } else {
      unsplitSessions++;
      unsplitCents += s.costCents;
    }
    const by = s.producerId ?? null;
    const row = producers.get(by) ?? producers.set(by, { producerId: by, name: by === null ? null : (partnerName.get(by) ?? null), held: 0, costCents: 0 }).get(by)!;
    row.held++;
    row.costCents += s.costCents;
  }

  return {
    wishes: { made: made.length, supports, sessions: going.length, fromWish, shareFromWish: going.length ? fromWish / going.length : null },
    errands: { byKind, helps, people: helped.size },
    guidance: {
      byService,
      total: guided.length,
      happened,
      didNotHappen,
      pending,
      // Pending guidance is left out: whether it led anywhere is not known yet, and counting it as
      // "not happened" would make the most recent guidance look the least successful.
      followedThrough: happened + didNotHappen ? happened / (happened + didNotHappen) : null,
    },
    referral: { bySource, total: cohort.size },
    placements: {
      total: placements.length,
      byPartner: [...byPartner.values()].sort((a, b) => b.placements - a.placements || (a.name ?? '').localeCompare(b.name ?? '', 'fi')),
      byStage,
      hours,
      movedOn,
    },
    coaching: { held: meetings.length, people: new Set(meetings.map((c) => c.participantId)).size },
    cost: { held: held.length, totalCents, parts, splitSessions, unsplitSessions, unsplitCents, averageCents: held.length ? totalCents / held.length : null, modelCents: MODEL_SESSION_COST_CENTS },
    // The organisation's own sessions first, then partners by sessions held.
    producers: [...producers.values()].sort((a, b) => (a.producerId === null ? -1 : b.producerId === null ? 1 : b.held - a.held || (a.name ?? '').localeCompare(b.name ?? '', 'fi'))),
    groups: data.map((d) => ({
      scope: d.scope,
      name: d.group?.name ?? null,
      startDate: d.group?.startDate ?? null,
      endDate: d.group?.endDate ?? null,
      targetSize: d.group?.targetSize ?? null,
      // A walk-in comes now and then; the target size is about the group's members.
      active: d.participants.filter((p) => p.status === 'active' && !p.walkIn).length,
    })),
  };
}
