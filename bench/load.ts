/**
 * Gateway throughput and limits (issue 17): syncing devices — the app's own RxDB, Store,
 * sync engine and scheduler in Node, one session cookie each — write a session's record
 * (the session, eight attendance marks, a note) and run a round, back to back, first 50
 * of them and then 200, against the server as `npm start` runs it (its own process) over
 * PouchDB Server and then over the 3-node Apache CouchDB cluster. Requests a second, each
 * request's time to the end of its answer (p50, p99), failures, and the peak memory and CPU
 * time of the gateway and of each database process (/proc).
 *
 * The load generator runs on the same machine (its worker threads share the cores with the
 * gateway and the database): the figures are what the whole machine did, a lower bound on
 * what the server alone would do.
 */
import { pathToFileURL } from 'node:url';
import type { Figure } from './figures.ts';
import { seedGroups, LOAD_PASSWORD, type LoadGroup } from './load/fleet.ts';
import { startGatewayProcess } from './load/gateway-process.ts';
import type { DevicePlan } from './load/load-device.ts';
import { openPool, type DevicePool } from './load/pool.ts';
import { runWindow, windowFigures } from './load/window.ts';
import { findCouch, POUCHDB_SERVER, type BenchCouch } from './sync.ts';

const GROUPS = 50;
const PARTICIPANTS = 8;
const STEPS = (process.env.BENCH_LOAD_DEVICES ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 25);

/** Device d: group d mod 50, its first or second instructor by turns (200 devices: 4 a group, 2 an instructor). */
export function devicePlans(groups: LoadGroup[], devices: number): DevicePlan[] {
  return Array.from({ length: devices }, (_, d) => {
    const g = groups[d % groups.length]!;
    return { user: g.instructors[Math.floor(d / groups.length) % g.instructors.length]!, password: LOAD_PASSWORD, scope: g.scope, groupKey: g.key, participants: g.participants };
  });
}

/** Seeds, opens every device, then each step's window; stops its gateway. */
async function loadAgainst(server: string, couch?: { url: string; cluster?: { dir: string } }): Promise<Figure[]> {
  const gateway = await startGatewayProcess(couch);
  let pool: DevicePool | undefined;
  try {
    let t = performance.now();
    const groups = await seedGroups(gateway.admin, { prefix: 'load', groups: GROUPS, participants: PARTICIPANTS });
    console.log(`  ${server}: ${GROUPS} groups, ${GROUPS * PARTICIPANTS} participant databases made in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    pool = await openPool(gateway.url, devicePlans(groups, Math.max(...STEPS)));
    console.log(`  ${server}: ${Math.max(...STEPS)} devices signed in and synced once in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const figures: Figure[] = [];
    const dbLabels = gateway.watched.map((w) => w.label).filter((l) => l !== 'gateway');
    for (const devices of STEPS) {
      const window = await runWindow(pool, gateway.watched, devices, SECONDS);
      const rows = windowFigures(window, server, dbLabels, PARTICIPANTS + 2);
      const log = gateway.stderr();
      if (log.length) rows[0] = { ...rows[0]!, note: `${rows[0]!.note}; the gateway logged ${log.length} lines, the last: ${log.at(-1)!.slice(0, 160)}` };
      figures.push(...rows);
      console.log(`  ${server}, ${devices} devices: ${rows[0]!.median} req/s, p50 ${rows[1]!.median} ms, p99 ${rows[2]!.median} ms, failures ${rows[3]!.median}`);
      await new Promise((r) => setTimeout(r, 3000)); // what is still queued (the relay) drains before the next step
    }
    return figures;
  } finally {
    await pool?.close();
    await gateway.stop();
  }
}

export async function loadBench(couch: BenchCouch): Promise<Figure[]> {
  const figures = await loadAgainst(POUCHDB_SERVER);
  if ('missing' in couch) {
    console.log(`  load: ${couch.missing}`);
    return figures;
  }
  const db = await couch.start();
  try {
    return [...figures, ...(await loadAgainst('Apache CouchDB 3.5, 3-node cluster', db))];
  } finally {
    await db.stop();
  }
}

// Alone, without a build: `npx tsx bench/load.ts` (BENCH_LOAD_DEVICES, BENCH_LOAD_SECONDS).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await loadBench(await findCouch())) {
    console.log(`${f.what}${f.what.startsWith('…') ? '' : ` (${f.server})`}: ${f.median} ${f.unit}${f.min === f.max ? '' : ` (${f.min}–${f.max})`}${f.ok === false ? ' MISSED' : ''}${f.note ? ` — ${f.note}` : ''}`);
  }
}
