/**
 * Fault injection with browsers: two headless Chromium contexts, each an instructor's
 * device running the app's Store and sync engine on IndexedDB (bench/harness/
 * fault-device.ts), load their page through a seeded proxy that drops, cuts and stalls the
 * database requests, and edit one group through 200 rounds; then the network heals and
 * every write is checked on the server (tooling/fault-scenario.ts; a 30-round
 * version with the same engine in Node runs in `npm test`).
 */
import type { Browser } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../server/demo-data.ts';
import { groupScope } from '../src/domain/index.ts';
import { launchChromium } from '../tooling/chromium.ts';
import { runFaultScenario, type ScenarioDevice } from '../tooling/fault-scenario.ts';
import { once, type Figure } from './figures.ts';
import { callHarness } from './harness-call.ts';
import { POUCHDB_SERVER, startBenchServer } from './sync.ts';

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

export async function faultBench(): Promise<Figure[]> {
  const server = await startBenchServer({ demo: true, staticDir: 'bench/dist-harness' });
  const browser = await launchChromium();
  try {
    const report = await runFaultScenario({
      serverUrl: server.url,
      admin: server.admin,
      seed: Number(process.env.FAULT_SEED ?? 7),
      rounds: Number(process.env.FAULT_ROUNDS ?? 200),
      devices: async (url) => [await browserDevice(browser, url, 'ohjaaja1'), await browserDevice(browser, url, 'ohjaaja2')],
    });
    const f = report.faults;
    console.log(`  faults (seed ${report.seed}): ${f.dropped} dropped, ${f.cut} cut after the server acted, ${f.stalled} stalled, ${f.passed} passed`);
    const figures = [
      once(`fault injection, 2 browsers (Chromium, IndexedDB), ${report.rounds} rounds (seed ${report.seed}; ${f.dropped} requests dropped, ${f.cut} cut after the server acted, ${f.stalled} stalled): writes made`, report.writes, ''),
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
    return figures.map((f) => ({ ...f, server: POUCHDB_SERVER }));
  } finally {
    await browser.close();
    await server.stop();
  }
}
