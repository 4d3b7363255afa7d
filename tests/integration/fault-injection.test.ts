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

describe('sync through a network that drops, cuts and stalls requests', () => {
  // The short version of `npm run bench`'s 200 rounds (there with two browsers on IndexedDB,
  // here with the same engine in Node). The seed makes a failure replayable:
  // FAULT_SEED=<n> FAULT_DEBUG=1 npx vitest run tests/integration/fault-injection.test.ts
  it('loses no document and no edit, duplicates nothing, and both devices end equal to the server', async () => {
    // Seed 1: both devices edit the same fields often (25 edits, 10 superseded when measured).
    // The earlier seed made 13 edits, and whether one of them was superseded depended on
    // timing (the rounds' requests changed with a group's first sync): a test that must see
    // the merge rule at work needs a seed that surely exercises it.
    const report = await runFaultScenario({ serverUrl: server.url, admin: server.admin, seed: Number(process.env.FAULT_SEED ?? 1), rounds: 30 });
    if (process.env.FAULT_DEBUG) console.log(report);
    expect(report.faults.dropped).toBeGreaterThan(0);
    expect(report.faults.cut).toBeGreaterThan(0);
    expect(report.faults.stalled).toBeGreaterThan(0);
    expect(report.writes).toBeGreaterThan(40);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.divergent).toBe(0);
    expect(report.present).toBeGreaterThan(0);
    expect(report.edits).toBeGreaterThan(10);
    expect(report.editsSuperseded).toBeGreaterThan(0);
    expect(report.editsLost).toBe(0);
  });
});
