import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFaultScenario } from '../../tooling/fault-scenario.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('sync while the database server is killed with SIGKILL mid-round and started again', () => {
  // The short version of `npm run bench`'s kill rounds. The process killed is the embedded
  // PouchDB Server, or in the `couchdb` project the cluster node the gateway talks to; it
  // comes back on its port and data while the devices go on writing through a faulty network.
  // Replay: FAULT_SEED=<n> FAULT_DEBUG=1 npx vitest run tests/integration/server-kill.test.ts
  it('loses nothing the server acknowledged, duplicates nothing, and both devices end equal to the server', async () => {
    const report = await runFaultScenario({
      serverUrl: server.url,
      admin: server.admin,
      seed: Number(process.env.FAULT_SEED ?? 20270105),
      rounds: 30,
      kills: { rounds: [6, 18], downRounds: 3, crash: () => server.couch.crash() },
    });
    if (process.env.FAULT_DEBUG) console.log(report);
    expect(report.kills).toHaveLength(2);
    // The dead server failed syncs: the kills landed while the devices were working.
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
