import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope, sessionId } from '../../src/domain/index.ts';
import { openDevice, type Device } from '../../tooling/device.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { idsOn, testCluster } from './cluster.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const participantDbs = ['polku-p-aino0001', 'polku-p-eero0002'];
let server: TestServer;
const devices: Device[] = [];
const cluster = testCluster();

beforeAll(async () => {
  server = await startTestServer();
});
let dying: Promise<unknown> | undefined;
afterAll(async () => {
  for (const d of devices) await d.close();
  await server?.stop();
  // Whatever happened, the next test file gets a whole cluster.
  await dying?.catch(() => undefined);
  for (const i of [1, 2, 3]) {
    for (let attempt = 0; attempt < 3 && !(await fetch(`${cluster.node(i)}/_up`).then((r) => r.ok, () => false)); attempt++) {
      await cluster.startNode(i).catch(() => new Promise((r) => setTimeout(r, 2000)));
    }
  }
});

/**
 * A sync round as the app's scheduler runs it: a round cut by a node dying under it (CouchDB
 * answers "progress not possible" for a request whose worker died) is tried again.
 */
async function sync(device: Device, failures: string[]) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await device.engine.syncScope(scope);
    } catch (error) {
      failures.push((error as Error).message);
      if (attempt === 4) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const newSession = (n: number) => ({
  id: sessionId(), scope, groupKey: DEMO_GROUP_KEY, date: `2027-02-${String(1 + (n % 28)).padStart(2, '0')}`, startTime: '10:00', endTime: '13:00',
  village: 'Kylmälä', theme: `Kerta ${n}`, instructors: ['ohjaaja1'], capacity: 8, costCents: 33000, status: 'planned' as const,
});

describe('a node of three lost while two devices sync and the relay copies', () => {
  it('keeps taking writes (quorum), loses and duplicates nothing, and the node catches up when it returns', async () => {
    const a = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD);
    const b = await openDevice(server.url, 'ohjaaja2', DEMO_PASSWORD);
    devices.push(a, b);
    await Promise.all([a.engine.syncScope(scope), b.engine.syncScope(scope)]);
    const sessionsBefore = [...(await idsOn(cluster.node(1), cluster.auth, scope)).keys()].filter((id) => id.startsWith('session:')).length;

    const written: string[] = [];
    const failures: string[] = [];
    let n = 0;
    const round = async () => {
      for (const device of [a, b]) {
        const session = newSession(n++);
        expect((await device.store.create('session', session)).ok).toBe(true);
        written.push(session.id);
      }
      const reports = await Promise.all([sync(a, failures), sync(b, failures)]);
      expect(reports.map((r) => r.refused)).toEqual([0, 0]);
    };
    for (let i = 0; i < 3; i++) await round();
    // Node 3 dies while rounds go on (the gateway talks to node 1, as a load balancer would
    // send it to a live node).
    dying = cluster.stopNode(3);
    for (let i = 0; i < 3; i++) await round();
    await dying;
    expect(await fetch(`${cluster.node(3)}/_up`).then((r) => r.ok, () => false)).toBe(false);
    // Rounds cut while the node died were tried again (a round cut five times fails the test);
    // how many depends on how soon the others notice. Once it is gone, none is cut.
    const whileDying = failures.length;
    for (let i = 0; i < 4; i++) await round();
    await server.server.relay.settle();

    // Nothing pending or refused on either device; both hold every session, once.
    expect(failures.slice(whileDying)).toEqual([]);
    for (const device of [a, b]) {
      await device.engine.syncScope(scope);
      expect(await device.db.docs.find({ selector: { syncState: { $ne: 'synced' } } }).exec()).toEqual([]);
      const held = (await device.db.docs.find({ selector: { type: 'session', scope } }).exec()).map((d) => d.get('id') as string);
      expect(written.every((id) => held.includes(id))).toBe(true);
    }
    // The server holds each written session exactly once, and the relay gave both participants every one.
    const onServer = [...(await idsOn(cluster.node(1), cluster.auth, scope)).keys()].filter((id) => id.startsWith('session:'));
    expect(onServer).toHaveLength(sessionsBefore + written.length);
    for (const db of participantDbs) {
      const copied = await idsOn(cluster.node(1), cluster.auth, db);
      expect(written.filter((id) => !copied.has(id))).toEqual([]);
    }

    // What the two live nodes hold now (both have every write: quorum 2 of the 2 alive).
    const expected = new Map<string, Map<string, string>>();
    for (const db of [scope, ...participantDbs]) expected.set(db, await idsOn(cluster.node(1), cluster.auth, db));

    // Node 3 comes back and catches up: then, with the other two stopped, it alone answers
    // with every document (its own copies: n = 3, one shard each). Read before it caught
    // up, a cluster may answer from its copy: so the comparison is with the snapshot above.
    await cluster.startNode(3);
    for (const db of expected.keys()) {
      await fetch(`${cluster.node(1)}/${db}/_sync_shards`, { method: 'POST', headers: { Authorization: cluster.auth, 'Content-Type': 'application/json' } });
    }
    await new Promise((r) => setTimeout(r, 3000));
    await cluster.stopNode(1);
    await cluster.stopNode(2);
    try {
      for (const [db, ids] of expected) expect(await idsOn(cluster.node(3), cluster.auth, db)).toEqual(ids);
    } finally {
      await cluster.startNode(1);
      await cluster.startNode(2);
    }
  });

  it('while a node is down, a new group is refused in the coordinator\'s words and nothing is left half made', async () => {
    dying = cluster.stopNode(3);
    await dying;
    const r = await fetch(`${server.url}/api/admin/createGroup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`koordinaattori:${DEMO_PASSWORD}`).toString('base64')}` },
      body: JSON.stringify({ name: 'Myrskyn aikana', key: 'myrsky01' }),
    });
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ reason: 'srv.notEverywhere' });
    expect((await server.admin.allDbs()).includes('polku-g-myrsky01')).toBe(false);
    await cluster.startNode(3);
  });
});
