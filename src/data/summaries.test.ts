import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkinId, metricsFor, metricsFromSummaries, rideId, ROLE, sessionId, type GroupData } from '../domain/index.ts';
import { GROUP_KEY, openTestData, SCOPE, seedGroup, type TestData } from '../test-support.tsx';
import { BUILT, Summaries } from './summaries.ts';

let api: TestData;
let people: string[];
beforeEach(async () => {
  // Summaries are kept for coordinators, who have the dashboard.
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY)]);
  people = await seedGroup(api, 4);
});
afterEach(() => api.close());

const newSession = (date: string, status: 'held' | 'planned' | 'cancelled' = 'held') => ({
  id: sessionId(), scope: SCOPE, groupKey: GROUP_KEY, date, startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, status,
  ...(status === 'cancelled' ? { cancelReason: 'Myrsky' } : {}),
});

describe('per-session summaries on the device', () => {
  it('follow every write, and give the same numbers as counting the records themselves', async () => {
    const a = newSession('2026-10-06');
    const b = newSession('2026-10-13');
    const c = newSession('2026-10-20', 'cancelled');
    for (const s of [a, b, c]) await api.store.create('session', s);
    for (const [s, p, status] of [[a, 0, 'present'], [a, 1, 'absent'], [b, 0, 'present'], [b, 2, 'present']] as const) {
      await api.store.markAttendance(SCOPE, s.id, people[p]!, status);
    }
    await api.store.create('ride', { id: rideId(a.id, people[0]!), scope: SCOPE, sessionId: a.id, participantId: people[0]!, village: 'Kylmälä', pickupPoint: 'Kauppa', seats: 2, status: 'confirmed' });
    await api.store.create('checkin', { id: checkinId(b.id, people[2]!), scope: SCOPE, sessionId: b.id, participantId: people[2]!, mood: 5 });
    // A change of mind: the summary of that session follows.
    await api.store.markAttendance(SCOPE, a.id, people[1]!, 'present');
    await new Promise((r) => setTimeout(r, 150));
    await api.summaries.flush();

    const summaries = await firstValueFrom(api.summaries.watch([SCOPE]));
    expect(summaries).toHaveLength(3);
    expect(summaries.find((s) => s.sessionId === a.id)).toMatchObject({ marked: 2, present: [people[0], people[1]].sort(), rides: { confirmed: 1, seatsByVillage: { Kylmälä: 2 } } });

    const data = (await firstValueFrom(api.store.groupData(SCOPE))) as GroupData;
    const period = { from: '2026-10-01', to: '2026-10-31' };
    const fromRecords = metricsFor([data], period);
    expect(fromRecords.visits).toBe(4);
    expect(metricsFromSummaries(summaries, [data], period)).toEqual(fromRecords);
  });

  it('are built once for documents that were there before (an older version, a first start)', async () => {
    const s = newSession('2026-10-06');
    await api.store.create('session', s);
    await api.store.markAttendance(SCOPE, s.id, people[0]!, 'present');
    await new Promise((r) => setTimeout(r, 150));
    await api.summaries.flush();
    for (const d of await api.db.summaries.find().exec()) await d.remove();
    expect(await api.db.summaries.count().exec()).toBe(0);
    await api.summaries.rebuild();
    expect((await firstValueFrom(api.summaries.watch([SCOPE])))[0]).toMatchObject({ sessionId: s.id, present: [people[0]] });

    // A build that never finished (no marker) is done again at the next start.
    for (const d of await api.db.summaries.find().exec()) await d.remove();
    await api.db.local.findOne(BUILT).remove();
    const next = new Summaries(api.db);
    await next.start();
    await next.built;
    next.stop();
    expect((await firstValueFrom(api.summaries.watch([SCOPE])))[0]).toMatchObject({ sessionId: s.id, present: [people[0]] });
  });
});
