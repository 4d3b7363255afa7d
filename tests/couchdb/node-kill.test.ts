import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFaultScenario } from '../../tooling/fault-scenario.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { testCluster } from './cluster.ts';

let server: TestServer;
const cluster = testCluster();
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
  // Whatever happened, the next test file gets a whole cluster.
  for (const i of [1, 2, 3]) {
    for (let attempt = 0; attempt < 3 && !(await fetch(`${cluster.node(i)}/_up`).then((r) => r.ok, () => false)); attempt++) {
      await cluster.startNode(i).catch(() => new Promise((r) => setTimeout(r, 2000)));
    }
  }
});

describe('sync while cluster nodes are killed with SIGKILL mid-round and started again', () => {
  // The short version of `npm run bench`'s kill rounds on the cluster: node 3 (the gateway's
  // node 1 stays: writes go on by quorum), then node 1 (the gateway's: syncs fail until it is
  // back), then node 2, each back on its port and data while the devices write on through a
  // faulty network. Replay: FAULT_SEED=<n> FAULT_DEBUG=1 POLKU_TEST_COUCHDB=… npx vitest run --project couchdb tests/couchdb/node-kill.test.ts
  it('loses nothing the cluster acknowledged, duplicates nothing, and both devices end equal to it', async () => {
    const nodes = [3, 1, 2];
    const report = await runFaultScenario({
      serverUrl: server.url,
      admin: server.admin,
      seed: Number(process.env.FAULT_SEED ?? 20270212),
      rounds: 30,
      kills: { rounds: [4, 12, 20], downRounds: 3, crash: (n) => server.couch.crash(nodes[n % nodes.length]) },
    });
    if (process.env.FAULT_DEBUG) console.log(report);
    expect(report.kills.map((k) => /node(\d)/.exec(k)?.[1])).toEqual(['3', '1', '2']);
    expect(report.syncsFailed).toBeGreaterThan(0);
    expect(report.writes).toBeGreaterThan(40);
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.divergent).toBe(0);
    expect(report.present).toBe(report.created);
    expect(report.edits).toBeGreaterThan(10);
    expect(report.editsLost).toBe(0);
  });
});
