import { describe, expect, it } from 'vitest';
import type { Coaching, Errand, Guidance, Participant, Placement, Session, Wish, WishSupport } from './index.ts';
import { workingFigures, type WorkingData } from './working-figures.ts';

const A = 'polku-g-groupa';
const B = 'polku-g-groupb';
const head = <T extends string>(type: T, id: string, scope: string, createdAt = '2026-10-01T08:00:00.000Z') => ({
  id,
  type,
  schemaVersion: 1 as const,
  scope,
  createdAt,
  updatedAt: createdAt,
  createdBy: 'koordinaattori',
  updatedBy: 'koordinaattori',
  clock: {},
});
const session = (scope: string, id: string, date: string, status: Session['status'], costCents: number, more: Partial<Session> = {}): Session => ({
  ...head('session', `session:${id}`, scope),
  groupKey: scope.slice(-6),
  date,
  startTime: '10:00',
  endTime: '13:00',
  village: 'Kylmälä',
  instructors: [],
  capacity: 8,
  costCents,
  status,
  ...(status === 'cancelled' ? { cancelReason: 'Myrsky' } : {}),
  ...more,
});
const wish = (id: string, createdAt: string, status: Wish['status'] = 'open'): Wish => ({ ...head('wish', `wish:${id}`, A, createdAt), participantId: 'participant:pa1', text: 'Kalastus', status });
const support = (wishKey: string, person: string, supported: boolean): WishSupport => ({ ...head('wishsupport', `wishsupport:${wishKey}:${person}`, A), wishId: `wish:${wishKey}`, participantId: `participant:${person}`, supported });
const errand = (scope: string, sessionKey: string, person: string, kinds: Errand['kinds']): Errand => ({
  ...head('errand', `errand:${sessionKey}:${person}`, scope),
  sessionId: `session:${sessionKey}`,
  participantId: `participant:${person}`,
  kinds,
});
const guidance = (scope: string, id: string, date: string, service: Guidance['service'], outcome: Guidance['outcome']): Guidance => ({
  ...head('guidance', `guidance:${id}`, scope),
  participantId: 'participant:pa1',
  date,
  service,
  ...(service === 'other' ? { description: 'Kirjasto' } : {}),
  outcome,
});
const person = (scope: string, key: string, startDate: string, more: Partial<Participant> = {}): Participant => ({
  ...head('participant', `participant:${key}`, scope),
  groupKey: scope.slice(-6),
  displayName: key,
  homeVillage: 'Kylmälä',
  language: 'fi',
  status: 'active',
  startDate,
  ...more,
});
const placement = (scope: string, id: string, person: string, partner: string, stage: Placement['stage'], startDate: string, endDate: string | undefined, hoursPerWeek: number, outcome?: Placement['outcome']): Placement => ({
  ...head('placement', `placement:${id}`, scope),
  participantId: `participant:${person}`,
  partnerId: `partner:${partner}`,
  stage,
  startDate,
  ...(endDate ? { endDate } : {}),
  hoursPerWeek,
  ...(outcome ? { outcome } : {}),
});
const meeting = (scope: string, id: string, person: string, date: string, status: Coaching['status']): Coaching => ({
  ...head('coaching', `coaching:${id}`, scope),
  participantId: `participant:${person}`,
  date,
  startTime: '12:00',
  endTime: '13:00',
  mode: 'phone',
  coach: 'valmentaja',
  status,
});

const split = (instructors: number, travel: number, premises: number, activities: number) => ({ costParts: { instructors, travel, premises, activities } });

const groupA: WorkingData = {
  scope: A,
  group: { ...head('group', 'group:groupa', A), name: 'Kylmälän PopUp', settings: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 }, villages: [], instructors: [], coordinators: [], startDate: '2026-09-01', endDate: '2027-05-31', targetSize: 8 },
  sessions: [
    session(A, 's1', '2026-10-06', 'held', 33000, { ...split(24000, 4000, 3000, 2000), fromWishId: 'wish:w1' }),
    session(A, 's2', '2026-10-13', 'held', 30000, { producerId: 'partner:p1' }),
    // Cancelled: its cost, its wish and its errands are left out.
    session(A, 's3', '2026-10-20', 'cancelled', 33000, { ...split(24000, 4000, 3000, 2000), fromWishId: 'wish:w2' }),
    // Before the period.
    session(A, 's4', '2026-09-29', 'held', 33000, { fromWishId: 'wish:w1' }),
    // Planned from a wish: a session from a wish though not held yet (no cost, no producer counted).
    session(A, 's6', '2026-10-27', 'planned', 33000, { fromWishId: 'wish:w4', producerId: 'partner:p1' }),
  ],
  wishes: [
    // 21:30 UTC on 30 September is 00:30 on 1 October in Finland (summer time): in the period.
    wish('w1', '2026-09-30T21:30:00.000Z'),
    // 22:30 UTC on 31 October is already 1 November in Finland (winter time): not in it.
    wish('w2', '2026-10-31T22:30:00.000Z'),
    wish('w3', '2026-10-10T10:00:00.000Z', 'hidden'),
    wish('w4', '2026-10-15T09:00:00.000Z'),
  ],
  supports: [support('w1', 'pa2', true), support('w1', 'pa3', false), support('w2', 'pa1', true), support('w4', 'pa1', true)],
  errands: [
    errand(A, 's1', 'pa1', ['kela', 'employmentServices']),
    errand(A, 's1', 'pa2', ['kela']),
    errand(A, 's2', 'pa1', ['bankOrId']),
    errand(A, 's3', 'pa2', ['kela']),
    errand(A, 's4', 'pa3', ['kela']),
  ],
  guidance: [
    guidance(A, 'g1', '2026-10-05', 'employmentServices', 'happened'),
    guidance(A, 'g2', '2026-10-12', 'employmentServices', 'didNotHappen'),
    guidance(A, 'g3', '2026-10-19', 'socialWork', 'pending'),
    guidance(A, 'g5', '2026-09-20', 'education', 'happened'),
  ],
  coaching: [meeting(A, 'c1', 'pa1', '2026-10-03', 'held'), meeting(A, 'c2', 'pa1', '2026-10-17', 'held'), meeting(A, 'c3', 'pa2', '2026-10-24', 'held'), meeting(A, 'c4', 'pa2', '2026-10-10', 'cancelled'), meeting(A, 'c6', 'pa3', '2026-09-30', 'held')],
  partners: [
    { ...head('partner', 'partner:p1', A), name: 'Kylätalo ry', kind: 'villageAssociation' },
    { ...head('partner', 'partner:p2', A), name: 'Saha Oy', kind: 'company' },
  ],
  placements: [
    // Partly in the period: 1–14 October.
    placement(A, 'pl1', 'pa1', 'p1', 'workTrial', '2026-09-17', '2026-10-14', 20, 'movedOn'),
    // Open-ended: 25–31 October.
    placement(A, 'pl2', 'pa2', 'p2', 'partTimeWork', '2026-10-25', undefined, 14),
    // Ended before the period, moving on then.
    placement(A, 'pl3', 'pa3', 'p1', 'associationActivity', '2026-08-01', '2026-09-30', 10, 'movedOn'),
  ],
  participants: [
    person(A, 'pa1', '2026-09-01', { referral: 'self' }),
    person(A, 'pa2', '2026-10-15', { referral: 'kela' }),
    person(A, 'pa3', '2026-08-01', { status: 'ended', endDate: '2026-10-02' }),
    person(A, 'pa4', '2026-10-06', { walkIn: true }),
    person(A, 'pa5', '2026-08-01', { status: 'ended', endDate: '2026-09-15', referral: 'self' }),
  ],
};
const groupB: WorkingData = {
  scope: B,
  group: undefined,
  sessions: [session(B, 's5', '2026-10-27', 'held', 36000, { ...split(26000, 6000, 2000, 2000), producerId: 'partner:p1' })],
  wishes: [],
  supports: [],
  errands: [errand(B, 's5', 'pb1', [])],
  guidance: [guidance(B, 'g4', '2026-10-28', 'other', 'happened')],
  coaching: [meeting(B, 'c5', 'pb2', '2026-10-30', 'planned')],
  partners: [],
  placements: [placement(B, 'pl4', 'pb2', 'p1', 'workTrial', '2026-10-01', '2026-10-31', 10.5, 'completed')],
  participants: [person(B, 'pb1', '2026-11-05', { referral: 'villageAssociation' }), person(B, 'pb2', '2026-10-01', { referral: 'self' })],
};

const october = { from: '2026-10-01', to: '2026-10-31' };

describe('the working models’ figures', () => {
  const f = workingFigures([groupA, groupB], october);

  it('counts the wishes made in the period by the Finnish date, and the sessions planned or held from one', () => {
    // w1 and w4 (w2 is November in Finland, w3 hidden); supports standing for them: pa2 on w1, pa1 on w4.
    // Not cancelled in October: s1, s2, s5 held and s6 planned (s3 cancelled, s4 September); from a wish: s1, s6 → 2/4.
    expect(f.wishes).toEqual({ made: 2, supports: 2, sessions: 4, fromWish: 2, shareFromWish: 2 / 4 });
  });

  it('counts guided errands by kind at the period’s sessions, and the people helped', () => {
    // s1: pa1 kela + employmentServices, pa2 kela; s2: pa1 bankOrId → 3 helps, 2 people.
    // s3 was cancelled, s4 was in September, s5's errand names no kind.
    expect(f.errands).toEqual({ byKind: { kela: 2, employmentServices: 1, municipality: 0, healthServices: 0, bankOrId: 1, other: 0 }, helps: 3, people: 2 });
  });

  it('counts onward guidance by service and the share followed through, pending ones apart', () => {
    // g1, g2, g3, g4 in October (g5 September). Followed through: happened g1, g4 / (g1, g4 + g2) = 2/3; g3 pending.
    expect(f.guidance).toEqual({
      byService: { employmentServices: 2, socialWork: 1, healthServices: 0, mentalHealthServices: 0, education: 0, villageAssociation: 0, workPlacement: 0, other: 1 },
      total: 4,
      happened: 2,
      didNotHappen: 1,
      pending: 1,
      followedThrough: 2 / 3,
    });
  });

  it('counts how the period’s participants came, unknown as such', () => {
    // pa1 self, pa2 kela, pa3 unknown (ended 2 October, overlaps), pb2 self; pa4 a walk-in, pa5 ended in September, pb1 starts in November.
    expect(f.referral).toEqual({ bySource: { self: 2, employmentOffice: 0, kela: 1, municipalEmployment: 0, socialHealth: 0, villageAssociation: 0, other: 0, unknown: 1 }, total: 4 });
  });

  it('counts placements overlapping the period and the hours worked inside it', () => {
    // pl1: 20 h/wk × 14 days (1–14 Oct) / 7 = 40 h; pl2: 14 h/wk × 7 days (25–31 Oct) / 7 = 14 h;
    // pl4: 10.5 h/wk × 31 days / 7 = 46.5 h. pl3 ended in September. In all 40 + 14 + 46.5 = 100.5 h.
    // Kylätalo: pl1 + pl4 = 86.5 h; Saha: pl2 = 14 h. Moved on in October: pa1 (pl1); pl3's move was in September.
    expect(f.placements).toEqual({
      total: 3,
      byPartner: [
        { partnerId: 'partner:p1', name: 'Kylätalo ry', placements: 2, hours: 86.5 },
        { partnerId: 'partner:p2', name: 'Saha Oy', placements: 1, hours: 14 },
      ],
      byStage: { associationActivity: 0, partTimeWork: 1, rehabilitativeWorkActivity: 0, workTrial: 2, paySubsidisedWork: 0 },
      hours: 100.5,
      movedOn: 1,
    });
  });

  it('counts one-to-one meetings held and the people coached', () => {
    // c1, c2 (pa1), c3 (pa2); c4 cancelled, c5 only planned, c6 in September.
    expect(f.coaching).toEqual({ held: 3, people: 2 });
  });

  it('adds up the cost parts of held sessions, the unsplit apart, beside the model’s 330 €', () => {
    // s1 33000 (24000 + 4000 + 3000 + 2000), s2 30000 unsplit, s5 36000 (26000 + 6000 + 2000 + 2000).
    // Total 99000 / 3 held = 33000 each on average. The cancelled s3 and September's s4 are left out.
    expect(f.cost).toEqual({
      held: 3,
      totalCents: 99000,
      parts: { instructors: 50000, travel: 10000, premises: 5000, activities: 4000 },
      splitSessions: 2,
      unsplitSessions: 1,
      unsplitCents: 30000,
      averageCents: 33000,
      modelCents: 33000,
    });
  });

  it('counts held sessions and their cost by producer, the organisation’s own first', () => {
    // Own: s1 33000. Kylätalo: s2 30000 + s5 36000 = 66000.
    expect(f.producers).toEqual([
      { producerId: null, name: null, held: 1, costCents: 33000 },
      { producerId: 'partner:p1', name: 'Kylätalo ry', held: 2, costCents: 66000 },
    ]);
  });

  it('shows each group’s life, target size and members active now', () => {
    // A: pa1, pa2 active (pa4 a walk-in); B: pb1, pb2 (pb1 active though starting later).
    expect(f.groups).toEqual([
      { scope: A, name: 'Kylmälän PopUp', startDate: '2026-09-01', endDate: '2027-05-31', targetSize: 8, active: 2 },
      { scope: B, name: null, startDate: null, endDate: null, targetSize: null, active: 2 },
    ]);
  });

  it('has nothing to divide by in an empty period', () => {
    const empty = workingFigures([groupA, groupB], { from: '2030-01-01', to: '2030-01-31' });
    expect(empty.wishes.shareFromWish).toBeNull();
    expect(empty.guidance.followedThrough).toBeNull();
    expect(empty.cost.averageCents).toBeNull();
    // The open-ended placement pl2 still runs: 14 h/wk × 31 days / 7 = 62 h.
    expect(empty.placements.hours).toBe(62);
  });
});
