import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { openScopeDb, participantSecurity } from '../../server/design-docs.ts';
import { Relay } from '../../server/relay.ts';
import { groupScope, sessionId } from '../../src/domain/index.ts';
import { openDevice, type Device } from '../../tooling/device.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { idsOn, testCluster } from './cluster.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const participantDbs = ['polku-p-aino0001', 'polku-p-eero0002'];
const cluster = testCluster();
let server: TestServer;
const devices: Device[] = [];
const relays: ChildProcess[] = [];

beforeAll(async () => {
  // Gateways relay nothing by themselves here (POLKU_RELAY=0): relay processes do.
  server = await startTestServer({ relay: false });
});
afterAll(async () => {
  for (const r of relays) r.kill('SIGKILL');
  for (const d of devices) await d.close();
  await server?.stop();
});

/** `npm run relay` against the cluster, resolved once it says it caught up. */
function startRelayProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/relay-main.ts'], { env: { ...process.env, POLKU_COUCH_URL: cluster.adminUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
  relays.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('Polku relay following') && resolve(child));
    child.once('exit', (code) => reject(new Error(`relay exited ${code}: ${err}`)));
  });
}

const newSession = (n: number) => ({
  id: sessionId(), scope, groupKey: DEMO_GROUP_KEY, date: `2027-03-${String(1 + (n % 28)).padStart(2, '0')}`, startTime: '10:00', endTime: '13:00',
  village: 'Kylmälä', theme: `Kerta ${n}`, instructors: ['ohjaaja1'], capacity: 8, costCents: 33000, status: 'planned' as const,
});

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('relay processes of their own on the cluster', () => {
  it('two at once, one killed and started again mid-way: every participant gets every session once, nothing lost, no conflicts', async () => {
    await Promise.all([startRelayProcess(), startRelayProcess()]);
    const instructor = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD);
    devices.push(instructor);
    await instructor.engine.syncScope(scope);
    const written: string[] = [];
    for (let n = 0; n < 24; n++) {
      const session = newSession(n);
      expect((await instructor.store.create('session', session)).ok).toBe(true);
      written.push(session.id);
      if (n % 4 === 3) await instructor.engine.syncScope(scope);
      if (n === 11) {
        relays[0]!.kill('SIGKILL');
        await startRelayProcess();
      }
    }
    await instructor.engine.syncScope(scope);
    for (const db of participantDbs) {
      await until(async () => {
        const copied = await idsOn(cluster.node(1), cluster.auth, db);
        return written.every((id) => copied.has(id));
      });
      // Read until the copy that answers has them all too: another node's copy may be a moment behind node 1's.
      let sessions: { id: string; doc: { _conflicts?: string[]; _rev: string } }[] = [];
      await until(async () => {
        const rows = await server.admin.ok<{ rows: { id: string; doc: { _conflicts?: string[]; _rev: string } }[] }>('GET', `/${db}/_all_docs?include_docs=true&conflicts=true`);
        sessions = rows.rows.filter((r) => r.id.startsWith('session:'));
        return written.every((id) => sessions.some((r) => r.id === id));
      });
      // Each copy written once (revision 1) and never in conflict, though two relays raced for it.
      expect(sessions.filter((r) => written.includes(r.id)).map((r) => r.doc._rev.split('-')[0])).toEqual(written.map(() => '1'));
      expect(sessions.filter((r) => r.doc._conflicts?.length)).toEqual([]);
    }
  });

  it('a relay started again reads only the databases changed since it stopped, not every database', async () => {
    for (const r of relays) r.kill('SIGKILL');
    // Forty quiet participant databases beside the demo group's.
    for (let i = 0; i < 40; i++) await openScopeDb(server.admin, `polku-p-quiet${String(i).padStart(3, '0')}`, participantSecurity(`quiet${String(i).padStart(3, '0')}`, DEMO_GROUP_KEY));
    // _db_updates records database changes a moment after them (CouchDB batches them into
    // _global_changes): wait until it has them all, so "since" below really is after them.
    await until(async () => (await server.admin.ok<{ results: { db_name: string }[] }>('GET', '/_db_updates')).results.some((u) => u.db_name === 'polku-p-quiet039'));
    const first = new Relay(server.admin);
    await first.start();
    await first.idle();
    await first.stop();

    const instructor = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD);
    devices.push(instructor);
    await instructor.engine.syncScope(scope);
    const session = newSession(99);
    await instructor.store.create('session', session);
    await instructor.engine.syncScope(scope);

    const read = new Set<string>();
    const counting = new (class extends CouchAdmin {
      override request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal) {
        const changes = /^\/([^/]+)\/_changes/.exec(path);
        if (changes) read.add(decodeURIComponent(changes[1]!));
        return super.request<T>(method, path, body, signal);
      }
    })(server.admin.url, server.couch.adminName, server.couch.adminPassword);
    const again = new Relay(counting);
    await again.start();
    await until(async () => (await idsOn(cluster.node(1), cluster.auth, 'polku-p-aino0001')).has(session.id));
    await again.stop();
    // The group it changed and the participant databases the relay wrote to — not the quiet
    // ones, but for the last few: a cluster's changes feed is "at least once", and resuming
    // from a position may hand back a few entries just before it.
    const quietRead = [...read].filter((db) => db.startsWith('polku-p-quiet'));
    expect(quietRead.length).toBeLessThan(10);
    expect(read.has(scope)).toBe(true);
    console.log(`relay restarted: read the changes of ${read.size} of ${(await server.admin.allDbs()).length} databases (${quietRead.length} of 40 quiet ones)`);
  });
});
