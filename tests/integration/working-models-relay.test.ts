import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { coachingId, groupScope, noteId, observationId, partnerId, placementId, guidanceId, wishId, wishSupportId } from '../../src/domain/index.ts';
import { participantScope } from '../../src/wire/scopes.ts';
import { openDevice, syncUntil, type Device } from '../../tooling/device.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';

/**
 * The working models' documents between a group and its participants' phones: a wish and
 * its support reach the whole group, a coaching meeting reaches its person, and the notes,
 * ratings, guidance and placements about them reach no phone — on the server's own relay.
 */
const scope = groupScope(DEMO_GROUP_KEY);
const AINO = `participant:${DEMO_USERS.participants.aino}`;
const EERO = `participant:${DEMO_USERS.participants.eero}`;
const ainoDb = participantScope(DEMO_USERS.participants.aino);
const eeroDb = participantScope(DEMO_USERS.participants.eero);
let server: TestServer;
const devices: Device[] = [];

async function device(user: string) {
  const d = await openDevice(server.url, user, DEMO_PASSWORD);
  devices.push(d);
  return d;
}

type Row = { id: string; value: { rev: string }; doc?: Record<string, unknown> };
async function docsIn(db: string): Promise<Row[]> {
  return (await server.admin.ok<{ rows: Row[] }>('GET', `/${db}/_all_docs?include_docs=true&conflicts=true`)).rows.filter((r) => !r.id.startsWith('_'));
}
const docIn = async (db: string, id: string) => (await docsIn(db)).find((r) => r.id === id);

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});
afterAll(async () => {
  await server?.stop();
});

describe("the participants' wishes", () => {
  it('reach the whole group with their support; staff hide one everywhere; nothing echoes', async () => {
    const aino = await device('aino');
    await aino.engine.syncScope(ainoDb);
    const wish = { id: wishId(), scope: ainoDb, participantId: AINO, text: 'Pilkkiretki järvelle', status: 'open' as const };
    expect((await aino.store.create('wish', wish)).ok).toBe(true);
    await aino.engine.syncScope(ainoDb);
    await server.server.relay.settle();

    // Eero's phone has Aino's wish (by its text; his phone holds nobody's name) and supports it.
    const eero = await device('eero');
    await syncUntil(eero, eeroDb, async () => !!(await eero.store.get('wish', eeroDb, wish.id)));
    expect(await eero.store.get('wish', eeroDb, wish.id)).toMatchObject({ text: 'Pilkkiretki järvelle', status: 'open' });
    const support = { id: wishSupportId(wish.id, EERO), scope: eeroDb, wishId: wish.id, participantId: EERO, supported: true };
    expect((await eero.store.create('wishsupport', support)).ok).toBe(true);
    await eero.engine.syncScope(eeroDb);
    await server.server.relay.settle();

    // The instructor sees both; Aino sees Eero's support. (On a cluster a read may come from a
    // copy the write has not reached yet: the next round or read has it.)
    const instructor = await device(DEMO_USERS.instructors[0]);
    await syncUntil(instructor, scope, async () => !!(await instructor.store.get('wishsupport', scope, support.id)));
    expect(await instructor.store.get('wish', scope, wish.id)).toMatchObject({ text: 'Pilkkiretki järvelle' });
    expect(await instructor.store.get('wishsupport', scope, support.id)).toMatchObject({ supported: true });
    await expect.poll(async () => (await docIn(ainoDb, support.id))?.doc).toMatchObject({ supported: true, scope: ainoDb });

    // Staff hide it: hidden on every phone, Aino's own copy included.
    expect((await instructor.store.edit('wish', scope, wish.id, { status: 'hidden' })).ok).toBe(true);
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();
    for (const db of [ainoDb, eeroDb, scope]) await expect.poll(async () => (await docIn(db, wish.id))?.doc, { message: db }).toMatchObject({ status: 'hidden' });
    // The author's copy and the group's: one line of revisions each, no conflict, no copy bouncing back.
    for (const db of [ainoDb, scope]) expect((await docIn(db, wish.id))?.doc?._conflicts, db).toBeUndefined();
    expect((await docIn(scope, wish.id))?.value.rev).toMatch(/^2-/);
  });

  it("refuses a participant writing a wish as someone else, hiding one, or supporting for someone else", async () => {
    const auth = { Authorization: basicAuth('eero', DEMO_PASSWORD), 'Content-Type': 'application/json' };
    const at = '2026-12-02T10:00:00.000Z';
    const base = { schemaVersion: 1, scope: eeroDb, createdAt: at, updatedAt: at, createdBy: 'eero', updatedBy: 'eero', clock: {} };
    const attempts = [
      { _id: 'wish:eeroasaino', type: 'wish', ...base, participantId: AINO, text: 'Aino haluaa…', status: 'open' },
      { _id: 'wish:eerohides', type: 'wish', ...base, participantId: EERO, text: 'Piilossa', status: 'hidden' },
      { _id: wishSupportId('wish:w0000001', AINO), type: 'wishsupport', ...base, wishId: 'wish:w0000001', participantId: AINO, supported: true },
      { _id: wishSupportId('wish:w0000002', EERO), type: 'wishsupport', ...base, wishId: 'wish:w0000001', participantId: EERO, supported: true },
    ];
    // Through the one write path the gateway lets a device use.
    const r = await fetch(`${server.url}/couch/${eeroDb}/_bulk_docs`, { method: 'POST', headers: auth, body: JSON.stringify({ docs: attempts }) });
    const results = (await r.json()) as { id: string; error?: string; reason?: string }[];
    const reasonOf = (id: string) => results.find((x) => x.id === id);
    const expected = ['srv.notYours', 'srv.roleMayNotWrite', 'srv.notYours', 'srv.badDocument'];
    attempts.forEach((doc, i) => expect(reasonOf(doc._id), doc._id).toMatchObject({ error: 'forbidden', reason: expected[i] }));
    for (const doc of attempts) expect(await docIn(eeroDb, doc._id), doc._id).toBeUndefined();
  });
});

describe('one-to-one coaching and what is recorded about a person', () => {
  it('brings the meeting to its person only; its note, the ratings, guidance and placements stay with the staff', async () => {
    const instructor = await device(DEMO_USERS.instructors[0]);
    await instructor.engine.syncScope(scope);
    const meeting = { id: coachingId(), scope, participantId: AINO, date: '2026-12-10', startTime: '13:00', endTime: '14:00', mode: 'phone' as const, coach: DEMO_USERS.instructors[0], status: 'planned' as const };
    const partner = { id: partnerId(), scope, name: 'Kylmälän kyläyhdistys', kind: 'villageAssociation' as const };
    const staffOnly = [
      await instructor.store.create('coaching', meeting),
      await instructor.store.create('note', { id: noteId(), scope, participantId: AINO, category: 'nextSteps', text: 'Luottamuksellinen.', coachingId: meeting.id }),
      await instructor.store.create('observation', { id: observationId(), scope, participantId: AINO, date: '2026-12-10', psychological: 2 }),
      await instructor.store.create('guidance', { id: guidanceId(), scope, participantId: AINO, date: '2026-12-10', service: 'mentalHealthServices', outcome: 'pending' }),
      await instructor.store.create('partner', partner),
      await instructor.store.create('placement', { id: placementId(), scope, participantId: AINO, partnerId: partner.id, stage: 'workTrial', startDate: '2026-12-14', hoursPerWeek: 12 }),
    ];
    for (const r of staffOnly) expect(r.ok).toBe(true);
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();

    await expect.poll(async () => (await docIn(ainoDb, meeting.id))?.doc).toMatchObject({ date: '2026-12-10', mode: 'phone', scope: ainoDb });
    expect(await docIn(eeroDb, meeting.id)).toBeUndefined();
    for (const db of [ainoDb, eeroDb]) {
      const types = new Set((await docsIn(db)).map((r) => r.doc?.type));
      for (const type of ['note', 'observation', 'guidance', 'partner', 'placement']) expect(types.has(type), `${type} in ${db}`).toBe(false);
    }
  });
});
