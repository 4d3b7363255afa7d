import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupScope, noteId, participantScope, SCHEMA_VERSION } from '../../src/domain/index.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { SERVER_DB } from '../../server/server-state.ts';
import { openDevice, syncUntil, type Device } from '../../tooling/device.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { addGroupWithCoordinator } from '../support/attacks.ts';

/**
 * The controller erases a participant (SECURITY.md, "Retention and erasure"): their documents
 * leave the server and, at their next sync, every device that held them; their own database
 * and account go; a device's unsent work about them does not bring them back.
 */
const scope = groupScope(DEMO_GROUP_KEY);
const AINO = `participant:${DEMO_USERS.participants.aino}`;
const HELMI = 'participant:helmi003';
let server: TestServer;
const devices: Device[] = [];

async function device(user: string) {
  const d = await openDevice(server.url, user, DEMO_PASSWORD);
  devices.push(d);
  return d;
}

async function erase(as: string, participantKey: string, groupKey?: string) {
  const r = await fetch(`${server.url}/api/admin/erase`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: basicAuth(as, DEMO_PASSWORD) },
    body: JSON.stringify({ participantKey, ...(groupKey ? { groupKey } : {}) }),
  });
  return { status: r.status, body: (await r.json()) as { ok?: boolean; removed?: number; reason?: string } };
}

/** Every live document in the group's database about `participantId` (their record too). */
async function aboutOnServer(participantId: string) {
  const rows = await server.admin.ok<{ rows: { id: string; doc: Record<string, unknown> }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
  return rows.rows.filter((r) => r.id === participantId || r.doc.participantId === participantId).map((r) => r.id);
}

const aboutOnDevice = async (d: Device, participantId: string) =>
  [...(await d.db.docs.find({ selector: { scope, person: participantId } }).exec()), ...((await d.db.docs.findOne(`${scope}|${participantId}`).exec()) ? [participantId] : [])];

beforeAll(async () => {
  server = await startTestServer();
  await addGroupWithCoordinator(server, 'toinen01', 'kaisa');
  await server.server.relay.settle();
});
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});
afterAll(async () => {
  await server?.stop();
});

describe('erasing a participant', () => {
  it("follows a record's moves (staff write them) only into groups the caller coordinates: a walk-in's record pointed at another group erases nothing", async () => {
    const id = 'participant:walkin09';
    // `w=3`: on every copy of a cluster before the erasure and the reads below look.
    await server.admin.ok('PUT', `/${scope}/${id}?w=3`, { type: 'participant', scope, groupKey: DEMO_GROUP_KEY, displayName: 'Vieras' });
    const theirs = groupScope('toinen01');
    await server.admin.ok('PUT', `/${theirs}/${id}?w=3`, { type: 'participant', scope: theirs, groupKey: 'toinen01', displayName: 'Vieras', movedTo: DEMO_GROUP_KEY });
    const r = await erase('kaisa', 'walkin09', 'toinen01');
    expect(r.status).toBe(403);
    expect(r.body.reason).toBe('srv.notCoordinator');
    expect(await aboutOnServer(id)).toEqual([id]);
    const state = await server.admin.request('GET', `/${SERVER_DB}/${encodeURIComponent('erased:walkin09')}`);
    expect(state.status).toBe(404);
  });

  it('is refused to an instructor and to a coordinator of another group, and nothing changes', async () => {
    const before = await aboutOnServer(AINO);
    for (const who of [DEMO_USERS.instructors[0], 'kaisa']) {
      const r = await erase(who, DEMO_USERS.participants.aino);
      expect(r.status, who).toBe(404);
      expect(r.body.reason).toBe('srv.noSuchParticipant');
    }
    expect(await aboutOnServer(AINO)).toEqual(before);
    expect(before).toContain(AINO);
    expect(await server.admin.allDbs()).toContain(participantScope(DEMO_USERS.participants.aino));
  });

  it('removes their documents from the server and from two devices, deletes their database and account, and unsent work does not bring them back', async () => {
    const a = await device(DEMO_USERS.instructors[0]);
    const b = await device(DEMO_USERS.instructors[1]);
    await a.engine.syncScope(scope);
    const written = { id: noteId(), scope, participantId: AINO, category: 'wellbeing' as const, text: 'Kertoi voivansa hyvin.' };
    expect((await a.store.create('note', written)).ok).toBe(true);
    await a.engine.syncScope(scope);
    await syncUntil(b, scope, async () => !!(await b.db.docs.findOne(`${scope}|${written.id}`).exec()));
    expect((await aboutOnDevice(b, AINO)).length).toBeGreaterThan(1);
    // Device a writes more about Aino, and about Helmi, offline: not sent before the erasure.
    const unsent = { id: noteId(), scope, participantId: AINO, category: 'social' as const, text: 'Kirjoitettu ilman verkkoa.' };
    const other = { id: noteId(), scope, participantId: HELMI, category: 'social' as const, text: 'Helmin muistiinpano.' };
    expect((await a.store.create('note', unsent)).ok).toBe(true);
    expect((await a.store.create('note', other)).ok).toBe(true);

    const r = await erase(DEMO_USERS.coordinator, DEMO_USERS.participants.aino);
    expect(r.status).toBe(200);
    expect(r.body.removed).toBeGreaterThan(1);
    await server.server.relay.settle();

    // The server: nothing about her in the group's database, under any field; deletions that carry no fields.
    const live = await server.admin.ok<{ rows: { id: string; doc: Record<string, unknown> }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
    expect(live.rows.filter((row) => JSON.stringify(row.doc).includes(DEMO_USERS.participants.aino)).map((row) => row.id)).toEqual([]);
    expect(await aboutOnServer(AINO)).toEqual([]);
    const changes = await server.admin.ok<{ results: { id: string; deleted?: boolean; doc?: Record<string, unknown> }[] }>('GET', `/${scope}/_changes?include_docs=true`);
    const tombstone = changes.results.find((c) => c.id === AINO);
    expect(tombstone?.deleted).toBe(true);
    expect(Object.keys(tombstone?.doc ?? {}).sort()).toEqual(['_deleted', '_id', '_rev']);
    expect(await server.admin.allDbs()).not.toContain(participantScope(DEMO_USERS.participants.aino));
    expect((await server.admin.request('GET', `/_users/org.couchdb.user:aino`)).status).toBe(404);
    const state = await server.admin.ok<{ rows: { id: string; doc: Record<string, unknown> }[] }>('GET', `/${SERVER_DB}/_all_docs?include_docs=true`);
    const hers = state.rows.filter((row) => row.id.includes(DEMO_USERS.participants.aino));
    expect(hers.map((row) => row.id)).toEqual([`erased:${DEMO_USERS.participants.aino}`]);
    expect(Object.keys(hers[0]!.doc).sort()).toEqual(['_id', '_rev', 'at', 'by']);
    // She cannot sign in any more.
    const signIn = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'aino', password: DEMO_PASSWORD }) });
    expect(signIn.status).toBe(401);

    // Device b, at its next sync: nothing about her left; Helmi's record stays.
    await syncUntil(b, scope, async () => (await aboutOnDevice(b, AINO)).length === 0);
    expect(await aboutOnDevice(b, AINO)).toEqual([]);
    expect(await b.db.docs.findOne(`${scope}|${HELMI}`).exec()).not.toBeNull();

    // Device a: its unsent note about her is refused and leaves the device; the one about Helmi goes up.
    const report = await a.engine.syncScope(scope);
    expect(report.pushed).toBe(1);
    expect(await aboutOnDevice(a, AINO)).toEqual([]);
    expect((await server.admin.request('GET', `/${scope}/${unsent.id}`)).status).toBe(404);
    expect((await server.admin.request('GET', `/${scope}/${other.id}`)).status).toBe(200);
    await server.server.relay.settle();
    expect(await aboutOnServer(AINO)).toEqual([]);
    expect(await server.admin.allDbs()).not.toContain(participantScope(DEMO_USERS.participants.aino));
    // Nor does anything of hers stay in another participant's database (what the whole group sees).
    const eero = await server.admin.ok<{ rows: { id: string; doc: Record<string, unknown> }[] }>('GET', `/${participantScope(DEMO_USERS.participants.eero)}/_all_docs?include_docs=true`);
    expect(eero.rows.filter((row) => row.doc.participantId === AINO || JSON.stringify(row.doc).includes(DEMO_USERS.participants.aino))).toEqual([]);
  });

  it('refuses any later write about an erased participant through the gateway', async () => {
    const base = { scope, schemaVersion: SCHEMA_VERSION, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), createdBy: 'ohjaaja1', updatedBy: 'ohjaaja1' };
    const r = await fetch(`${server.url}/couch/${scope}/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basicAuth(DEMO_USERS.instructors[0], DEMO_PASSWORD) },
      body: JSON.stringify({ docs: [{ _id: noteId(), type: 'note', ...base, participantId: AINO, category: 'wellbeing', text: 'Takaisin?' }] }),
    });
    const rows = (await r.json()) as { error?: string; reason?: string }[];
    expect(rows).toEqual([expect.objectContaining({ error: 'forbidden', reason: 'srv.erased' })]);
    expect(await aboutOnServer(AINO)).toEqual([]);
  });
});
