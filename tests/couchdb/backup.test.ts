import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupSecurity } from '../../server/design-docs.ts';
import { provision } from '../../server/provision.ts';
import { groupScope, sessionId } from '../../src/domain/index.ts';
import { startCouchCluster, type TestCouchDb } from '../../tooling/couchdb-cluster.ts';
import { openDevice, type Device } from '../../tooling/device.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { idsOn, testCluster } from './cluster.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const cluster = testCluster();
let server: TestServer;
let backup: TestCouchDb;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // The backup server: a CouchDB of its own, one node, elsewhere.
  backup = await startCouchCluster(process.env.POLKU_TEST_COUCHDB!, 1);
});
afterAll(async () => {
  for (const d of devices) await d.close();
  await server?.stop();
  await backup?.stop();
});

/** Replication as docs/production.md describes it, run by the production cluster. */
async function replicate(from: string, to: string) {
  const endpoint = (adminUrl: string) => {
    const u = new URL(adminUrl);
    const auth = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    return { url: `${u.origin}/${scope}`, headers: { Authorization: auth } };
  };
  const result = await server.admin.ok<{ ok: boolean; history?: { docs_written: number; doc_write_failures: number }[] }>('POST', '/_replicate', {
    source: endpoint(from),
    target: endpoint(to),
    create_target: true,
    create_target_params: { q: 1 },
  });
  expect(result.ok).toBe(true);
  expect(result.history?.[0]?.doc_write_failures ?? 0).toBe(0);
}

const newSession = (theme: string) => ({
  id: sessionId(), scope, groupKey: DEMO_GROUP_KEY, date: '2027-04-06', startTime: '10:00', endTime: '13:00',
  village: 'Kylmälä', theme, instructors: ['ohjaaja1'], capacity: 8, costCents: 33000, status: 'planned' as const,
});

describe('backup by replication to a second CouchDB, and restore', () => {
  it('restores a lost group database with the same documents, write rules and members, and devices sync on', async () => {
    const device = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD);
    devices.push(device);
    await device.engine.syncScope(scope);
    const first = newSession('Ennen varmuuskopiota');
    await device.store.create('session', first);
    await device.engine.syncScope(scope);
    // The node read may be a copy the push reaches a moment later: read until it holds the session.
    await expect.poll(async () => (await idsOn(cluster.node(1), cluster.auth, scope)).has(first.id), { timeout: 15_000 }).toBe(true);
    const before = await idsOn(cluster.node(1), cluster.auth, scope);

    await replicate(cluster.adminUrl, backup.url);
    expect(await idsOn(new URL(backup.url).origin, cluster.auth, scope)).toEqual(before);

    // The group's database is lost, then replicated back and Polku started again.
    await server.admin.ok('DELETE', `/${scope}`);
    await replicate(backup.url, cluster.adminUrl);
    await provision(server.admin, { demo: false });

    // A write the cluster acknowledged reaches the third node by its internal replication, a moment later.
    await expect.poll(() => idsOn(cluster.node(1), cluster.auth, scope), { timeout: 15_000 }).toEqual(before);
    // The rules came with the replication; the members (not replicated) from provisioning.
    await expect.poll(() => server.admin.ok('GET', `/${scope}/_security`), { timeout: 15_000 }).toEqual(groupSecurity(DEMO_GROUP_KEY));
    const forged = await fetch(`${server.url}/couch/${scope}/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`ohjaaja1:${DEMO_PASSWORD}`).toString('base64')}` },
      body: JSON.stringify({ docs: [{ _id: 'note:forged00', type: 'note', createdBy: 'koordinaattori' }] }),
    });
    expect(((await forged.json()) as { error?: string }[])[0]?.error).toBe('forbidden');

    // The instructor's device goes on: its next write arrives, and it holds what the server holds.
    const after = newSession('Palautuksen jälkeen');
    await device.store.create('session', after);
    const report = await device.engine.syncScope(scope);
    expect(report.refused).toBe(0);
    await expect.poll(async () => (await idsOn(cluster.node(1), cluster.auth, scope)).has(after.id), { timeout: 15_000 }).toBe(true);
    const held = await device.db.docs.find({ selector: { scope } }).exec();
    expect(held.filter((d) => d.get('syncState') !== 'synced')).toEqual([]);
  });
});
