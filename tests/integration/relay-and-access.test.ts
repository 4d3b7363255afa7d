import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { Relay } from '../../server/relay.ts';
import { checkpointOf } from '../../server/server-state.ts';
import { checkDoc, groupScope, noteId, rideId, sessionId, type Session } from '../../src/domain/index.ts';
import { openDevice, type Device } from '../../tooling/device.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const ainoDb = 'polku-p-aino0001';
const eeroDb = 'polku-p-eero0002';
let server: TestServer;
const devices: Device[] = [];

async function device(user: string, password = DEMO_PASSWORD) {
  const d = await openDevice(server.url, user, password);
  devices.push(d);
  return d;
}

const session = (overrides: Partial<Session> = {}) => ({
  id: sessionId(), scope, groupKey: DEMO_GROUP_KEY, date: '2026-12-15', startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
  instructors: ['ohjaaja1'], capacity: 8, costCents: 33000, status: 'planned' as const, ...overrides,
});

type StoredDoc = { _id: string; _rev: string; clock: Record<string, string>; updatedBy: string };
const domainOf = ({ _id, _rev, ...fields }: StoredDoc) => ({ ...fields, id: _id });

type Row = { id: string; value: { rev: string }; doc?: Record<string, unknown> };
async function docsIn(db: string): Promise<Row[]> {
  return (await server.admin.ok<{ rows: Row[] }>('GET', `/${db}/_all_docs?include_docs=true&conflicts=true`)).rows.filter((r) => !r.id.startsWith('_'));
}

async function api(path: string, body: unknown, auth?: string) {
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { reason?: string } };
}

let otherGroup: string;
let otherParticipantDb: string;

beforeAll(async () => {
  server = await startTestServer();
  await server.server.relay.settle();
  // A second group with a participant of its own, to prove nothing leaks across.
  const created = await server.server.accounts.createGroup({ name: 'Toinen ryhmä', key: 'toinen01' }, 'koordinaattori');
  otherGroup = created.key;
  const enrolled = await server.server.accounts.enrol(otherGroup, { username: 'ville', displayName: 'Ville', homeVillage: 'Rantala' }, 'koordinaattori');
  otherParticipantDb = `polku-p-${enrolled.participantKey}`;
});
// Each device is an RxDB database with its collections; RxDB's open core allows 13 open
// collections per process, so a test's devices are closed when it ends.
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});
afterAll(async () => {
  await server?.stop();
});

describe('relay between group and participant databases', () => {
  it("fills a participant's database with the group's sessions and their own attendance, never others' or notes", async () => {
    const rows = await docsIn(ainoDb);
    const sessions = rows.filter((r) => r.doc?.type === 'session');
    expect(sessions).toHaveLength(8);
    const attendance = rows.filter((r) => r.doc?.type === 'attendance');
    expect(attendance.length).toBe(3);
    expect(attendance.every((r) => r.doc?.participantId === 'participant:aino0001')).toBe(true);
    expect(rows.every((r) => r.doc?.scope === ainoDb)).toBe(true);
    expect(rows.some((r) => ['participant', 'organisation', 'note'].includes(String(r.doc?.type)))).toBe(false);
    // The group's name and villages (for pickup points) are there, as the participant's screens need them.
    expect(rows.find((r) => r.doc?.type === 'group')?.doc).toMatchObject({ name: 'PopUp Pitstoppi', villages: expect.arrayContaining([expect.objectContaining({ name: 'Kylmälä' })]) });
  });

  it('carries a new session to every participant of that group and to no other; a note goes nowhere', async () => {
    const instructor = await device('ohjaaja1');
    await instructor.engine.syncScope(scope);
    const s = session({ theme: 'relayed' });
    expect((await instructor.store.create('session', s)).ok).toBe(true);
    const note = await instructor.store.create('note', { id: noteId(), scope, participantId: 'participant:aino0001', category: 'wellbeing', text: 'Ei näy osallistujalle.' });
    expect(note.ok).toBe(true);
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();

    for (const db of [ainoDb, eeroDb]) {
      const copy = (await docsIn(db)).find((r) => r.id === s.id);
      expect(copy?.doc).toMatchObject({ theme: 'relayed', scope: db });
    }
    expect((await docsIn(otherParticipantDb)).find((r) => r.id === s.id)).toBeUndefined();
    for (const db of [ainoDb, eeroDb, otherParticipantDb]) expect((await docsIn(db)).some((r) => r.doc?.type === 'note')).toBe(false);
  });

  it("brings a participant's ride request into the group, and the confirmation back to the participant", async () => {
    const aino = await device('aino');
    await aino.engine.syncScope(ainoDb);
    const sessions = await aino.db.docs.find({ selector: { type: 'session', scope: ainoDb } }).exec();
    expect(sessions.length).toBeGreaterThanOrEqual(8);
    const target = sessions.find((d) => d.get('status') === 'planned')!;
    const id = rideId(target.get('id'), 'participant:aino0001');
    const asked = await aino.store.create('ride', {
      id, scope: ainoDb, sessionId: target.get('id'), participantId: 'participant:aino0001', village: 'Kylmälä', pickupPoint: 'Kylmälän kauppa', seats: 1, needs: 'pyörätuoli', status: 'requested',
    });
    expect(asked.ok).toBe(true);
    expect((await aino.engine.syncScope(ainoDb)).pushed).toBe(1);
    await server.server.relay.settle();

    const instructor = await device('ohjaaja2');
    await instructor.engine.syncScope(scope);
    expect(await instructor.store.get('ride', scope, id)).toMatchObject({ needs: 'pyörätuoli', status: 'requested', scope });
    expect((await instructor.store.edit('ride', scope, id, { status: 'confirmed' })).ok).toBe(true);
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();

    await aino.engine.syncScope(ainoDb);
    expect(await aino.store.get('ride', ainoDb, id)).toMatchObject({ status: 'confirmed', syncState: 'synced' });
    // Nothing echoes: one revision history, no conflicts, on both sides.
    for (const db of [scope, ainoDb]) {
      const row = (await docsIn(db)).find((r) => r.id === id);
      expect(row?.value.rev).toMatch(/^2-/);
      expect(row?.doc?._conflicts).toBeUndefined();
    }
  });

  it('shows a goal only while it is marked visible', async () => {
    const instructor = await device('ohjaaja1');
    await instructor.engine.syncScope(scope);
    const goal = { id: 'goal:relaygoal1', scope, participantId: 'participant:eero0002', title: 'Ajokortti', steps: [], status: 'open' as const, visibleToParticipant: false };
    expect((await instructor.store.create('goal', goal)).ok).toBe(true);
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();
    expect((await docsIn(eeroDb)).find((r) => r.id === goal.id)).toBeUndefined();

    await instructor.store.edit('goal', scope, goal.id, { visibleToParticipant: true });
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();
    expect((await docsIn(eeroDb)).find((r) => r.id === goal.id)?.doc).toMatchObject({ title: 'Ajokortti' });
    expect((await docsIn(ainoDb)).find((r) => r.id === goal.id)).toBeUndefined();

    await instructor.store.edit('goal', scope, goal.id, { visibleToParticipant: false });
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();
    expect((await docsIn(eeroDb)).find((r) => r.id === goal.id)).toBeUndefined();
  });

  it('resumes after being stopped mid-stream, and nothing is lost or duplicated', async () => {
    // The server's relay is stopped (on Apache CouchDB, `_db_updates` would tell it about
    // these writes); a relay that crashes part-way takes its place, then it resumes.
    await server.server.relay.stop();
    const docs = Array.from({ length: 120 }, (_, i) => {
      const s = session({ theme: `burst ${i}` });
      const { id, ...rest } = s;
      const at = new Date().toISOString();
      return { _id: id, ...rest, type: 'session', schemaVersion: 1, clock: {}, createdAt: at, updatedAt: at, createdBy: 'ohjaaja1', updatedBy: 'ohjaaja1' };
    });
    await server.admin.ok('POST', `/${scope}/_bulk_docs`, { docs });

    // A relay whose connection dies after a few writes, part-way through, as in a crash.
    class Crashing extends CouchAdmin {
      writes = 0;
      dead = false;
      override request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal) {
        if (path.includes('/_bulk_docs') && ++this.writes > 3) this.dead = true;
        if (this.dead) return Promise.reject(new Error('connection lost'));
        return super.request<T>(method, path, body, signal);
      }
    }
    const first = new Relay(new Crashing(server.couch.url, server.couch.adminName, server.couch.adminPassword), { batch: 25, retryMs: 60_000 });
    // A cluster's `_changes` may be read from a copy the burst has not reached yet: wait until it has.
    const { since } = await checkpointOf(server.admin, scope);
    for (let i = 0; i < 100; i++) {
      const changes = await server.admin.ok<{ results: unknown[] }>('GET', `/${scope}/_changes?since=${encodeURIComponent(since)}&limit=200`);
      if (changes.results.length >= 120) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    first.notify(scope);
    await first.idle();
    await first.stop();
    const partly = (await docsIn(ainoDb)).filter((r) => String(r.doc?.theme).startsWith('burst')).length;
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(120);

    await server.server.relay.start();
    await server.server.relay.settle();
    for (const db of [ainoDb, eeroDb]) {
      const burst = (await docsIn(db)).filter((r) => String(r.doc?.theme).startsWith('burst'));
      expect(burst).toHaveLength(120);
      expect(new Set(burst.map((r) => r.id)).size).toBe(120);
      expect(burst.every((r) => r.value.rev.startsWith('1-') && !r.doc?._conflicts)).toBe(true);
    }
  });
});

describe('two relays on one server (two gateways)', () => {
  it("each goes on from where the other left a database when its own memory of it is behind: every session arrives once", async () => {
    await server.server.relay.stop();
    const lines: string[] = [];
    const admin = () => new CouchAdmin(server.couch.url, server.couch.adminName, server.couch.adminPassword);
    const one = new Relay(admin(), { retryMs: 50, log: (line) => lines.push(line) });
    const two = new Relay(admin(), { retryMs: 50 });
    const at = new Date().toISOString();
    const write = async (theme: string) => {
      const { id, ...rest } = session({ theme });
      // `w=3`: on every copy of a cluster, so whichever copy a relay's `_changes` reads has it
      // (a copy a moment behind would let `one` see nothing new and never meet `two`'s save).
      await server.admin.ok('PUT', `/${scope}/${encodeURIComponent(id)}?w=3`, { ...rest, type: 'session', schemaVersion: 1, clock: {}, createdAt: at, updatedAt: at, createdBy: 'ohjaaja1', updatedBy: 'ohjaaja1' });
      return id;
    };
    const carry = async (relay: Relay) => {
      relay.notify(scope);
      await relay.idle();
    };
    try {
      const ids = [await write('kaksi 1')];
      await carry(one);
      ids.push(await write('kaksi 2'));
      await carry(two);
      // `one` still remembers the checkpoint it saved before `two` moved it.
      ids.push(await write('kaksi 3'));
      await carry(one);
      await one.settle();
      await two.settle();
      for (const db of [ainoDb, eeroDb]) {
        const rows = (await docsIn(db)).filter((r) => ids.includes(r.id));
        expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
        expect(rows.every((r) => r.value.rev.startsWith('1-'))).toBe(true);
      }
      // Its save over the revision it remembered was refused, and it read the checkpoint again.
      expect(lines.some((line) => line.includes(scope) && line.includes('retrying'))).toBe(true);
    } finally {
      await one.stop();
      await two.stop();
      await server.server.relay.start();
    }
  });
});

describe('the relay under many databases', () => {
  it("carries another group's write while one database is slow, and never reads one database twice at once", async () => {
    // The server's relay steps aside; a relay whose reads of the demo group's changes wait at a gate takes its place.
    await server.server.relay.stop();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const reading = new Map<string, number>();
    let mostAtOnce = 0;
    class SlowGroup extends CouchAdmin {
      override async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal) {
        const db = path.split(/[/?]/)[1] ?? '';
        if (!path.includes('/_changes')) return super.request<T>(method, path, body, signal);
        reading.set(db, (reading.get(db) ?? 0) + 1);
        mostAtOnce = Math.max(mostAtOnce, reading.get(scope) ?? 0);
        try {
          if (db === scope) await gate;
          return await super.request<T>(method, path, body, signal);
        } finally {
          reading.set(db, reading.get(db)! - 1);
        }
      }
    }
    const relay = new Relay(new SlowGroup(server.couch.url, server.couch.adminName, server.couch.adminPassword));
    const at = new Date().toISOString();
    const asStored = (s: ReturnType<typeof session>) => {
      const { id, ...rest } = s;
      return { _id: id, ...rest, type: 'session', schemaVersion: 1, clock: {}, createdAt: at, updatedAt: at, createdBy: 'ohjaaja1', updatedBy: 'ohjaaja1' };
    };
    const here = asStored(session({ theme: 'Hidas kanta' }));
    const there = asStored(session({ scope: groupScope(otherGroup), groupKey: otherGroup, theme: 'Toisen ryhmän kerta' }));
    await server.admin.ok('POST', `/${scope}/_bulk_docs`, { docs: [here] });
    await server.admin.ok('POST', `/${groupScope(otherGroup)}/_bulk_docs`, { docs: [there] });
    try {
      relay.notify(scope);
      // The other group's write arrives while the demo group's read waits (asked again: a cluster copy may be behind).
      const arrived = async () => (await docsIn(otherParticipantDb)).some((r) => r.id === there._id);
      for (let i = 0; !(await arrived()); i++) {
        if (i === 150) throw new Error("the other group's session did not arrive while one database was slow");
        relay.notify(groupScope(otherGroup));
        relay.notify(scope);
        await new Promise((ok) => setTimeout(ok, 200));
      }
      expect((await docsIn(ainoDb)).some((r) => r.id === here._id)).toBe(false);
    } finally {
      open();
    }
    await relay.settle();
    for (const db of [ainoDb, eeroDb]) expect((await docsIn(db)).filter((r) => r.id === here._id)).toHaveLength(1);
    expect(mostAtOnce).toBe(1);
    await relay.stop();
    await server.server.relay.start();
  });
});

describe('access enforced by the server', () => {
  it("keeps a participant out of the group's and other participants' databases", async () => {
    const auth = { Authorization: basicAuth('aino', DEMO_PASSWORD) };
    for (const db of [scope, eeroDb, otherParticipantDb]) {
      const r = await fetch(`${server.url}/couch/${db}/_changes?since=0`, { headers: auth });
      expect([401, 403], db).toContain(r.status);
    }
    expect((await fetch(`${server.url}/couch/${ainoDb}/_changes?since=0`, { headers: auth })).status).toBe(200);
    // Not readable without signing in at all.
    for (const db of [scope, ainoDb]) expect((await fetch(`${server.url}/couch/${db}/_changes?since=0`)).status).toBe(401);
  });

  it("refuses a participant's writes about someone else, or of a kind that is the staff's", async () => {
    const auth = basicAuth('aino', DEMO_PASSWORD);
    const at = new Date().toISOString();
    const base = { schemaVersion: 1, scope: ainoDb, createdAt: at, updatedAt: at, createdBy: 'aino', updatedBy: 'aino', clock: {} };
    const s = 'session:demo0005';
    const docs = [
      { _id: rideId(s, 'participant:eero0002'), type: 'ride', ...base, sessionId: s, participantId: 'participant:eero0002', village: 'K', pickupPoint: 'P', seats: 1, status: 'requested' },
      { _id: rideId(s, 'participant:aino0001'), type: 'ride', ...base, sessionId: s, participantId: 'participant:aino0001', village: 'K', pickupPoint: 'P', seats: 1, status: 'confirmed' },
      { _id: 'attendance:demo0005:aino0001', type: 'attendance', ...base, sessionId: s, participantId: 'participant:aino0001', status: 'present' },
      { _id: noteId(), type: 'note', ...base, participantId: 'participant:aino0001', category: 'wellbeing', text: 'x' },
    ];
    const r = await fetch(`${server.url}/couch/${ainoDb}/_bulk_docs`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: auth }, body: JSON.stringify({ docs }) });
    const results = (await r.json()) as { id: string; error?: string; reason?: string }[];
    // By id: PouchDB Server does not keep the order of the request.
    const reasons = Object.fromEntries(results.map((x) => [x.id, x.reason]));
    expect(docs.map((d) => reasons[d._id])).toEqual(['srv.notYours', 'srv.roleMayNotWrite', 'srv.roleMayNotWrite', 'srv.roleMayNotWrite']);
  });
});

describe('a new database is guarded from its first moment', () => {
  it('refuses a forged write made the moment a group is created, and stores nothing of it', async () => {
    const coordinator = basicAuth('koordinaattori', DEMO_PASSWORD);
    // Measured on a 3-node cluster with the design document written at the default quorum:
    // 5 of 60 such writes were stored. A dozen tries catch most regressions.
    for (let i = 0; i < 12; i++) {
      const created = await api('/api/admin/createGroup', { name: `Uusi ${i}` }, coordinator);
      expect(created.status).toBe(200);
      const db = String(created.body.scope);
      const at = new Date().toISOString();
      const forged = { _id: sessionId(), ...session({ scope: db }), id: undefined, type: 'session', schemaVersion: 1, createdAt: at, updatedAt: at, createdBy: 'ohjaaja2', updatedBy: 'koordinaattori', clock: {} };
      // The coordinator's new membership may take a moment to reach the server's sign-in cache.
      let result: { error?: string; reason?: string } | undefined;
      for (let tries = 0; tries < 50 && !result; tries++) {
        const r = await fetch(`${server.url}/couch/${db}/_bulk_docs`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: coordinator }, body: JSON.stringify({ docs: [forged] }) });
        if (r.status < 300) result = ((await r.json()) as { error?: string; reason?: string }[])[0];
        else await new Promise((ok) => setTimeout(ok, 50));
      }
      expect(result).toMatchObject({ error: 'forbidden', reason: 'srv.notAuthor' });
      expect((await server.admin.request('GET', `/${db}/${forged._id}?r=3`)).status).toBe(404);
    }
  });
});

describe('notes are append-only on the server', () => {
  it('refuses to change or delete a note, also for its author, and accepts a correction as a new note', async () => {
    const instructor = await device('ohjaaja1');
    const original = { id: noteId(), scope, participantId: 'participant:aino0001', category: 'wellbeing' as const, text: 'Alkuperäinen' };
    expect((await instructor.store.create('note', original)).ok).toBe(true);
    await instructor.engine.syncScope(scope);
    const stored = await server.admin.ok<Record<string, unknown> & { _rev: string }>('GET', `/${scope}/${original.id}`);
    const auth = { 'Content-Type': 'application/json', Authorization: basicAuth('ohjaaja1', DEMO_PASSWORD) };
    const write = async (doc: Record<string, unknown>) => {
      const r = await fetch(`${server.url}/couch/${scope}/_bulk_docs`, { method: 'POST', headers: auth, body: JSON.stringify({ docs: [doc] }) });
      return ((await r.json()) as { reason?: string; ok?: boolean }[])[0];
    };
    expect(await write({ ...stored, text: 'Muutettu' })).toMatchObject({ reason: 'srv.appendOnly' });
    expect(await write({ _id: stored._id, _rev: stored._rev, _deleted: true })).toMatchObject({ reason: 'srv.appendOnly' });
    const correction = { id: noteId(), scope, participantId: 'participant:aino0001', category: 'wellbeing' as const, text: 'Korjattu', supersedes: original.id };
    expect((await instructor.store.create('note', correction)).ok).toBe(true);
    expect((await instructor.engine.syncScope(scope)).pushed).toBe(1);
    expect(await server.admin.ok('GET', `/${scope}/${original.id}`)).toMatchObject({ text: 'Alkuperäinen' });
  });
});

describe('admin API', () => {
  const coordinator = basicAuth('koordinaattori', DEMO_PASSWORD);

  it('refuses coordinator operations to participants, instructors and strangers', async () => {
    const attempts: [string, unknown][] = [
      ['/api/admin/enrol', { groupKey: DEMO_GROUP_KEY, username: 'hacker', displayName: 'H', homeVillage: 'K' }],
      ['/api/admin/addInstructor', { groupKey: DEMO_GROUP_KEY, name: 'hacker' }],
      ['/api/admin/resetPassword', { groupKey: DEMO_GROUP_KEY, name: 'ohjaaja2' }],
      ['/api/admin/createGroup', { name: 'Oma ryhmä' }],
      ['/api/admin/end', { participantKey: 'eero0002' }],
    ];
    for (const [path, body] of attempts) {
      for (const who of ['aino', 'ohjaaja1']) {
        const r = await api(path, body, basicAuth(who, DEMO_PASSWORD));
        // A participant outside the caller's groups is answered as one that does not exist (SECURITY.md).
        const refusal = path.endsWith('/end') ? { status: 404, body: { reason: 'srv.noSuchParticipant' } } : { status: 403, body: { reason: 'srv.notCoordinator' } };
        expect(r, `${who} ${path}`).toMatchObject(refusal);
      }
      expect((await api(path, body)).status, `anonymous ${path}`).toBe(401);
    }
    // A coordinator of another group only is refused too.
    const r = await api('/api/admin/enrol', { groupKey: 'toinen01', username: 'x123', displayName: 'X', homeVillage: 'K' }, coordinator);
    expect(r.status).toBe(200);
    expect(await server.server.accounts.user('hacker')).toBeUndefined();
  });

  it('explains invalid input field by field', async () => {
    const r = await api('/api/admin/enrol', { groupKey: DEMO_GROUP_KEY, username: 'A B', displayName: '', homeVillage: 'K' }, coordinator);
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual(expect.arrayContaining([{ path: 'username', key: 'v.userName' }, expect.objectContaining({ path: 'displayName', key: 'v.required' })]));
  });

  it('enrols a participant with a one-time code that sets their own password once', async () => {
    const r = await api('/api/admin/enrol', { groupKey: DEMO_GROUP_KEY, username: 'liisa', displayName: 'Liisa', homeVillage: 'Hietala' }, coordinator);
    expect(r.status).toBe(200);
    const { participantKey, code } = r.body as { participantKey: string; code: { code: string } };
    expect(code.code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    await server.server.relay.settle();
    expect((await docsIn(`polku-p-${participantKey}`)).filter((x) => x.doc?.type === 'session').length).toBeGreaterThanOrEqual(8);

    expect((await api('/api/account/claim', { name: 'liisa', code: '0000-0000-0000', password: 'salasana123' })).body.reason).toBe('srv.badCode');
    expect((await api('/api/account/claim', { name: 'liisa', code: code.code.replace(/-/g, ' '), password: 'salasana123' })).status).toBe(200);
    expect((await api('/api/account/claim', { name: 'liisa', code: code.code, password: 'toinen12345' })).body.reason).toBe('srv.badCode');
    const liisa = await device('liisa', 'salasana123');
    const report = await liisa.engine.syncScope(`polku-p-${participantKey}`);
    expect(report.pulled).toBeGreaterThanOrEqual(8);
  });

  it("moves a participant: the new group's staff see them, the old record stays, the schedule follows", async () => {
    const r = await api('/api/admin/move', { participantKey: 'eero0002', toGroup: 'toinen01' }, coordinator);
    expect(r.status).toBe(200);
    await server.server.relay.settle();
    const old = await server.admin.ok<StoredDoc>('GET', `/${scope}/participant:eero0002`);
    expect(old).toMatchObject({ status: 'ended', movedTo: 'toinen01' });
    const moved = await server.admin.ok<StoredDoc>('GET', `/polku-g-toinen01/participant:eero0002`);
    expect(moved).toMatchObject({ status: 'active', scope: 'polku-g-toinen01', movedFrom: DEMO_GROUP_KEY });
    // Both records follow the app's rules: valid documents, the old one's changed fields clocked.
    for (const doc of [old, moved]) expect(checkDoc(domainOf(doc)).ok).toBe(true);
    expect(old.clock).toMatchObject({ status: expect.stringMatching(/\|server$/), movedTo: expect.stringMatching(/\|server$/), endDate: expect.stringMatching(/\|server$/) });
    expect(old.updatedBy).toBe('koordinaattori');
    const security = await server.admin.ok<{ members: { roles: string[] } }>('GET', `/${eeroDb}/_security`);
    expect(security.members.roles).toEqual(['polku:self:eero0002', 'polku:group:toinen01']);
    // The old group's new sessions no longer reach them.
    const instructor = await device('ohjaaja1');
    const s = session({ theme: 'after the move' });
    await instructor.store.create('session', s);
    await instructor.engine.syncScope(scope);
    await server.server.relay.settle();
    expect((await docsIn(eeroDb)).find((x) => x.id === s.id)).toBeUndefined();
    expect((await docsIn(ainoDb)).find((x) => x.id === s.id)).toBeDefined();
  });
});
