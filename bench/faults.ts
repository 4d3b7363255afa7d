/**
 * Fault injection with browsers: two headless Chromium contexts, each an instructor's
 * device running the app's Store and sync engine on IndexedDB (bench/harness/
 * fault-device.ts), load their page through a seeded proxy that drops, cuts and stalls the
 * database requests, and edit one group through 200 rounds; then the network heals and
 * every write is checked on the server (tooling/fault-scenario.ts; a 30-round
 * version with the same engine in Node runs in `npm test`). Then the same browsers through
 * the same faults while the server process is killed with SIGKILL every 20 rounds: the
 * embedded PouchDB Server, then each node of an Apache CouchDB cluster in turn when there is
 * one (tests/integration/server-kill.test.ts and tests/couchdb/node-kill.test.ts are the
 * short versions).
 */
import type { Browser } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../server/demo-data.ts';
import { groupScope } from '../src/domain/index.ts';
import { launchChromium } from '../tooling/chromium.ts';
import { COUCH_URL_ENV } from '../tooling/couchdb-cluster.ts';
import { runFaultScenario, type FaultReport, type ScenarioDevice } from '../tooling/fault-scenario.ts';
import { startTestServer, type Crash, type TestServer } from '../tooling/test-server.ts';
import { once, type Figure } from './figures.ts';
import { callHarness } from './harness-call.ts';
import { couchLabel, HARNESS, POUCHDB_SERVER, startBenchServer, type BenchCouch } from './sync.ts';

async function browserDevice(browser: Browser, url: string, user: string): Promise<ScenarioDevice & { close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => process.env.BENCH_DEBUG && console.log(`  ${user}:`, m.text()));
  await page.goto(url);
  await page.getByText('ready').waitFor();
  const call = callHarness(page);
  // Signing in goes through the misbehaving proxy too: try until it answers.
  for (let attempt = 1; ; attempt++) {
    const ok = await call('signInAs', user, DEMO_PASSWORD).then(() => true, () => false);
    if (ok) break;
    if (attempt === 50) throw new Error(`${user} could not sign in through the proxy`);
  }
  await call('faultDeviceOpen', user, groupScope(DEMO_GROUP_KEY));
  const device = (method: keyof ScenarioDevice) => (...args: unknown[]) => call('faultDevice', method, ...args);
  return {
    ids: device('ids'),
    createSession: device('createSession'),
    markAttendance: device('markAttendance'),
    editSession: device('editSession'),
    sync: device('sync'),
    count: device('count'),
    syncedIds: device('syncedIds'),
    docs: device('docs'),
    field: device('field'),
    close: () => context.close(),
  };
}

const KILL_ROUNDS = Number(process.env.FAULT_KILL_ROUNDS ?? 100);
/** A kill every 20 rounds, from round 10; each process back 5 rounds after it died. */
const killRounds = (rounds: number) => Array.from({ length: Math.floor(rounds / 20) }, (_, i) => 10 + 20 * i).filter((r) => r < rounds);
/** The cluster loses node 3 (the gateway's node 1 stays: quorum writes go on), then node 1 (the gateway's), then node 2, in turn. */
const CLUSTER_NODES = [3, 1, 2];

const browsers = (browser: Browser) => async (url: string) => [await browserDevice(browser, url, 'ohjaaja1'), await browserDevice(browser, url, 'ohjaaja2')];

/** The counted rows of one scenario, under the first row's words. */
function countedFigures(report: FaultReport, first: string): Figure[] {
  return [
    once(`${first}: writes made`, report.writes, ''),
    once('… documents they created', report.created, ''),
    once('… of those, acknowledged by the server before the network healed', report.acknowledged, ''),
    once('… of those, present on the server after it healed', report.present, ''),
    once('… lost', report.lost, '', { max: 0, text: '0' }),
    once('… duplicated', report.duplicated, '', { max: 0, text: '0' }),
    once('… documents on a device differing from the server after healing', report.divergent, '', { max: 0, text: '0' }),
    once('… field edits made (a session\'s address, an attendance\'s status)', report.edits, ''),
    once('… of those, on the server after it healed', report.editsPresent, ''),
    once('… superseded by a later edit of the same field that the merge rule lets win', report.editsSuperseded, ''),
    once('… edits lost', report.editsLost, '', { max: 0, text: '0' }),
    once('… time to converge after the network healed', report.convergeMs, 'ms'),
  ];
}

/**
 * The server killed with SIGKILL mid-round and started again on its port and data 5 rounds
 * later, every 20 rounds, while the browsers write on through the same faulty network.
 */
async function killRun(browser: Browser, server: TestServer, label: string, crash: (n: number) => Promise<Crash>): Promise<Figure[]> {
  const report = await runFaultScenario({
    serverUrl: server.url,
    admin: server.admin,
    seed: Number(process.env.FAULT_SEED ?? 7),
    rounds: KILL_ROUNDS,
    devices: browsers(browser),
    kills: { rounds: killRounds(KILL_ROUNDS), downRounds: 5, crash },
  });
  const f = report.faults;
  console.log(`  kills against ${label}: ${report.kills.join('; ')}`);
  const what = `server processes killed with SIGKILL mid-round and restarted, 2 browsers, ${report.rounds} rounds (seed ${report.seed}; ${report.kills.length} kills; ${f.dropped} requests dropped, ${f.cut} cut, ${f.stalled} stalled; ${report.syncsFailed} syncs failed)`;
  const [first, ...rest] = countedFigures(report, what);
  return [first!, once('… server processes killed (SIGKILL)', report.kills.length, ''), ...rest].map((fig) => ({ ...fig, server: label }));
}

/** The server of one run behind the gateway, stopped after it. */
async function withServer<T>(start: () => Promise<TestServer>, run: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

/** Network faults against PouchDB Server; then kills against it, and against Apache CouchDB's nodes when a cluster is at hand. */
export async function faultBench(couch?: BenchCouch): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Each run on a server of its own, from the demo organisation.
  const embedded = () => startBenchServer({ demo: true, staticDir: HARNESS });
  const browser = await launchChromium();
  try {
    const report = await withServer(embedded, (server) =>
      runFaultScenario({
        serverUrl: server.url,
        admin: server.admin,
        seed: Number(process.env.FAULT_SEED ?? 7),
        rounds: Number(process.env.FAULT_ROUNDS ?? 200),
        devices: browsers(browser),
      }),
    );
    const f = report.faults;
    console.log(`  faults (seed ${report.seed}): ${f.dropped} dropped, ${f.cut} cut after the server acted, ${f.stalled} stalled, ${f.passed} passed`);
    const what = `fault injection, 2 browsers (Chromium, IndexedDB), ${report.rounds} rounds (seed ${report.seed}; ${f.dropped} requests dropped, ${f.cut} cut after the server acted, ${f.stalled} stalled)`;
    figures.push(...countedFigures(report, what).map((fig) => ({ ...fig, server: POUCHDB_SERVER })));

    figures.push(...(await withServer(embedded, (server) => killRun(browser, server, POUCHDB_SERVER, () => server.couch.crash()))));

    if (!couch || 'missing' in couch) {
      console.log('  no Apache CouchDB: no cluster node was killed');
      return figures;
    }
    const db = await couch.start();
    try {
      if (!db.cluster) {
        console.log(`  ${COUCH_URL_ENV} names a server this bench did not start: none of its processes is killed`);
        return figures;
      }
      const onCluster = () => startTestServer({ demo: true, staticDir: HARNESS, couch: db });
      figures.push(
        ...(await withServer(onCluster, async (server) =>
          killRun(browser, server, await couchLabel(server.admin), (n) => server.couch.crash(CLUSTER_NODES[n % CLUSTER_NODES.length])),
        )),
      );
    } finally {
      await db.stop();
    }
    return figures;
  } finally {
    await browser.close();
  }
}
