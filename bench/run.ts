/**
 * `npm run bench`: figures against the budgets in shared/DESIGN.md, each with its median
 * over several runs and the spread, printed and written to bench/results/latest.{md,json}.
 * Not part of `npm test`: timings belong here, not in pass/fail tests.
 *
 * Measured: the weight of what the first paint needs, of each lazy chunk and of the whole
 * precache; the time to the first rendered screen on a cold load and on an offline reload
 * with the CPU slowed 4×; Lighthouse (mobile) on the sign-in screen and on the start screen
 * signed in (lighthouse.ts); the local database against raw Dexie on the same data; the
 * coordinator dashboard over 20 groups × 3 years (~100,000 documents) in headless Chromium
 * on the app's own RxDB/Dexie storage; sync on throttled links against PouchDB's own
 * replication and the physical lower bound, against PouchDB Server and a 3-node Apache
 * CouchDB cluster side by side (sync.ts); and two devices (the app's RxDB and
 * sync engine, in two headless Chromium pages on IndexedDB) editing one group through 200
 * rounds of seeded network faults against a real PouchDB Server (faults.ts); two app
 * versions on one group, every edit of either counted after 100 rounds (versions.ts); and a
 * full device, its quota lowered again and again during a first sync and during local writes
 * (full-device.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createGateway } from '../server/gateway.ts';
import { ensureChromium, launchChromium } from '../tooling/chromium.ts';
import { fail, kb, median, once, type Figure } from './figures.ts';
import { accessLogBench } from './access-log.ts';
import { faultBench } from './faults.ts';
import { fullDeviceBench } from './full-device.ts';
import { lighthouseBench } from './lighthouse.ts';
import { startWithDataBench } from './start-data.ts';
import { loadBench } from './load.ts';
import { findCouch, LINKS, POUCHDB_SERVER, SYNC_PARTS, syncBench, syncPartsAsked, withEarlierParts, type SyncSection } from './sync.ts';
import { versionsBench } from './versions.ts';

const DIST = 'dist';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GROUPS = 20;
const SYNC_RUNS = Number(process.env.BENCH_SYNC_RUNS ?? Math.min(RUNS, 3));
/** The sign-in on 2G and the reopenings: about 20 s a run in all, after a few minutes of setup. */
const STARTDATA_RUNS = Number(process.env.BENCH_STARTDATA_RUNS ?? RUNS);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? Math.min(RUNS, 3));
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function weight(): Figure[] {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'sw.js'))) fail('No built app in dist/. Run `npm run build` first.');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const firstPaint = ['index.html', ...[...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)];
  const firstPaintBytes = firstPaint.reduce((n, f) => n + gz(join(DIST, f)), 0);
  const lazy = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js') && !firstPaint.includes(`assets/${f}`));
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const precached = [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!))];
  const precacheBytes = precached.reduce((n, f) => n + gz(join(DIST, f)), 0) + gz(join(DIST, 'sw.js'));
  return [
    once('first paint (HTML + JS + CSS), gzip', kb(firstPaintBytes), 'KB', { max: 50, text: '≤ 50 KB' }),
    ...lazy.map((f) => once(`lazy chunk ${f.replace(/-[\w-]{8}\.js$/, '.js')}, gzip`, kb(gz(join(DIST, 'assets', f))), 'KB')),
    once(`whole precache (${precached.length} files + sw.js), gzip`, kb(precacheBytes), 'KB', { max: 300, text: '≤ 300 KB' }),
  ];
}

/** Time to the first rendered screen (the sign-in heading), as a low-end phone: CPU slowed 4×. */
async function startup(): Promise<Figure[]> {
  const server = createGateway({ couchUrl: 'http://127.0.0.1:9', staticDir: DIST });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  const cold: number[] = [];
  const offline: number[] = [];
  const weak: number[] = [];
  /**
   * A fresh phone-sized page, CPU slowed 4×, and when `selector` first exists in it: measured
   * inside the page from navigation start.
   */
  const timedPage = async (selector: string) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript((wanted) => {
      new MutationObserver((_, observer) => {
        if (document.querySelector(wanted)) {
          (window as unknown as { __seen: number }).__seen = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, selector);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const seen = async () => {
      await page.locator(selector).first().waitFor();
      return Math.round(await page.evaluate(() => (window as unknown as { __seen: number }).__seen));
    };
    return { context, page, cdp, seen };
  };
  try {
    // From nothing (no service worker, empty cache) to a sign-in form that takes input, on field 2G.
    for (let i = 0; i < RUNS; i++) {
      const { context, page, cdp, seen } = await timedPage('form.sign-in button[type="submit"]');
      await cdp.send('Network.enable');
      const link = LINKS['2G'];
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: link.rttMs, downloadThroughput: link.down, uploadThroughput: link.up });
      await page.goto(url);
      weak.push(await seen());
      await context.close();
    }
    // The first heading, over loopback and then offline from the service worker.
    for (let i = 0; i < RUNS; i++) {
      const { context, page, seen } = await timedPage('h1');
      await page.goto(url);
      cold.push(await seen());
      await page.evaluate(async () => navigator.serviceWorker.ready);
      await context.setOffline(true);
      await page.reload();
      offline.push(await seen());
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const fig = (what: string, times: number[]): Figure => ({ what, median: median(times), min: Math.min(...times), max: Math.max(...times), unit: 'ms' });
  return [
    fig('first render, cold load over loopback, CPU 4× slower', cold),
    fig('first render, offline reload from the service worker, CPU 4× slower', offline),
    { ...fig(`from nothing (no service worker) to a sign-in form that takes input, ${LINKS['2G'].name}, CPU 4× slower`, weak), budget: '≤ 3000 ms', ok: median(weak) <= 3000 },
  ];
}

/** The harness page (the app's data layer, PouchDB for comparison), built apart from the app. */
function buildHarness() {
  ensureChromium();
  const built = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { stdio: 'inherit' });
  if (built.status !== 0) fail('Building the bench harness failed.');
}

async function dashboard(): Promise<Figure[]> {
  const server = createGateway({ couchUrl: 'http://127.0.0.1:9', staticDir: 'bench/dist-harness' });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    page.on('console', (m) => process.env.BENCH_DEBUG && console.log('  page:', m.text()));
    await page.goto(url);
    await page.getByText('ready').waitFor();
    type Result = { ms: number; visits: number; docs: number };
    type Bench = { seed(n: number): Promise<number>; buildSummaries(): Promise<number>; dashboard(n: number): Promise<Result>; dashboardFromRecords(n: number): Promise<Result> };
    const call = <K extends keyof Bench>(name: K, arg?: number) =>
      page.evaluate(([n, a]) => (window as unknown as { polkuBench: Record<string, (x?: number) => Promise<unknown>> }).polkuBench[n]!(a), [name, arg] as const) as ReturnType<Bench[K]>;
    const seedStart = Date.now();
    const seeded = await call('seed', GROUPS);
    console.log(`  seeded ${seeded} documents in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const build = Math.round(await call('buildSummaries'));
    const timed = async (name: 'dashboard' | 'dashboardFromRecords') => {
      const times: number[] = [];
      let read = 0;
      let visits = 0;
      for (let i = 0; i < RUNS; i++) {
        await page.reload();
        await page.getByText('ready').waitFor();
        const r = await call(name, GROUPS);
        times.push(Math.round(r.ms));
        read = r.docs;
        visits = r.visits;
      }
      return { times, read, visits };
    };
    // The local database against raw Dexie: same data, same page, same queries.
    type Q = { timelineRx: number; timelineRaw: number; monthRx: number; monthRaw: number; found: number[] };
    const local: Figure[] = [];
    for (const [tag, groups] of [['10k', 2], ['100k', GROUPS]] as const) {
      const n = await page.evaluate(([g, t]) => (window as unknown as { polkuBench: { seedBoth(g: number, t: string): Promise<number> } }).polkuBench.seedBoth(g, t), [groups, tag] as const);
      const runs: Q[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.reload();
        await page.getByText('ready').waitFor();
        runs.push(await page.evaluate((t) => (window as unknown as { polkuBench: { queries(t: string): Promise<Q> } }).polkuBench.queries(t), tag));
      }
      const f = runs[0]!.found;
      if (f[0] !== f[1] || f[2] !== f[3]) fail(`RxDB and raw Dexie found different documents: ${f.join(', ')}`);
      const pair = (what: string, rx: number[], raw: number[]) => {
        const r = median(rx) / Math.max(median(raw), 0.1);
        local.push({ what: `${what}, ${n} documents: app (RxDB) ${median(rx).toFixed(1)} ms vs raw Dexie ${median(raw).toFixed(1)} ms`, median: Math.round(r * 10) / 10, min: Math.round((Math.min(...rx) / Math.max(...raw)) * 10) / 10, max: Math.round((Math.max(...rx) / Math.min(...raw)) * 10) / 10, unit: '×' });
      };
      pair(`a participant's timeline (${f[0]} records)`, runs.map((x) => x.timelineRx), runs.map((x) => x.timelineRaw));
      pair(`a month of a group's sessions (${f[2]})`, runs.map((x) => x.monthRx), runs.map((x) => x.monthRaw));
    }
    const writeRuns: { rx: number; raw: number }[] = [];
    for (let i = 0; i < RUNS; i++) writeRuns.push(await page.evaluate((t) => (window as unknown as { polkuBench: { writes(t: string): Promise<{ rx: number; raw: number }> } }).polkuBench.writes(t), String(i)));
    local.push({
      what: `1,000 attendance marks one at a time: app (validated Store on RxDB) ${Math.round(median(writeRuns.map((w) => w.rx)))} ms vs raw Dexie ${Math.round(median(writeRuns.map((w) => w.raw)))} ms`,
      median: Math.round((median(writeRuns.map((w) => w.rx)) / median(writeRuns.map((w) => w.raw))) * 10) / 10,
      min: Math.round(Math.min(...writeRuns.map((w) => w.rx / w.raw)) * 10) / 10,
      max: Math.round(Math.max(...writeRuns.map((w) => w.rx / w.raw)) * 10) / 10,
      unit: '×',
    });

    const fast = await timed('dashboard');
    const slow = await timed('dashboardFromRecords');
    if (fast.visits !== slow.visits) fail(`the dashboard from summaries (${fast.visits} visits) disagrees with the records (${slow.visits})`);
    const fig = (what: string, times: number[], budget?: boolean): Figure => ({
      what,
      median: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
      unit: 'ms',
      ...(budget ? { budget: '< 1000 ms', ok: median(times) < 1000 } : {}),
    });
    return [
      ...local,
      fig(`coordinator dashboard, ${GROUPS} groups × 3 years (${seeded} documents stored; ${fast.read} summaries and people read), open DB → figures`, fast.times, true),
      fig(`the same figures counted from every record (${slow.read} read), for comparison`, slow.times),
      once('building the summaries once (first start after the update)', build, 'ms'),
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

/** Encryption at rest (issue 16): the same stores, reads and writes with personal fields sealed and without. */
async function atRestBench(): Promise<Figure[]> {
  const server = createGateway({ couchUrl: 'http://127.0.0.1:9', staticDir: 'bench/dist-harness' });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.getByText('ready').waitFor();
    type Run = { store: number; timeline: number; writes: number; docs: number; records: number };
    const runs: { plain: Run; sealed: Run }[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await page.evaluate((t) => (window as unknown as { polkuBench: { atRest(t: string): Promise<{ plain: Run; sealed: Run }> } }).polkuBench.atRest(t), String(i)));
    }
    const pair = (what: string, of: (r: Run) => number): Figure[] => {
      const plain = runs.map((r) => of(r.plain));
      const sealed = runs.map((r) => of(r.sealed));
      const ratios = runs.map((r) => of(r.sealed) / Math.max(of(r.plain), 0.1));
      return [
        { what: `${what}: personal fields sealed ${Math.round(median(sealed))} ms vs not ${Math.round(median(plain))} ms`, median: Math.round(median(ratios) * 100) / 100, min: Math.round(Math.min(...ratios) * 100) / 100, max: Math.round(Math.max(...ratios) * 100) / 100, unit: '×' },
      ];
    };
    const r0 = runs[0]!.plain;
    return [
      ...pair(`one group's three years stored as a first sync stores them (${r0.docs} documents)`, (r) => r.store),
      ...pair(`a participant's timeline read through the Store (${r0.records} records)`, (r) => r.timeline),
      ...pair('200 notes written one at a time through the validated Store', (r) => r.writes),
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

// BENCH_ONLY=sync (or weight,start,startdata,lighthouse,dashboard,faults…) runs a part; the default is everything.
// The weight is always measured (it takes no time).
const SECTIONS = ['weight', 'start', 'startdata', 'lighthouse', 'dashboard', 'atrest', 'sync', 'load', 'faults', 'versions', 'accesslog', 'fulldevice'];
const only = (process.env.BENCH_ONLY ?? SECTIONS.join(',')).split(',');
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length) fail(`BENCH_ONLY names no section ${unknown.join(', ')}: the sections are ${SECTIONS.join(', ')}.`);
// Before the long sections: where the sync, faults and versions sections' Apache CouchDB comes from, or that there is none.
const couch = only.some((s) => s === 'sync' || s === 'faults' || s === 'versions') ? await findCouch() : undefined;
if (couch && 'missing' in couch) console.log(couch.missing);
const loadCouch = only.includes('load') ? (couch ?? (await findCouch())) : undefined;
const section = (name: string, figures: Figure[]) => figures.map((f) => ({ ...f, section: name }));
const figures = section('weight', weight());
if (only.includes('start')) figures.push(...section('start', await startup()));
if (only.includes('startdata')) figures.push(...section('startdata', await startWithDataBench(STARTDATA_RUNS)));
if (only.includes('lighthouse')) figures.push(...section('lighthouse', await lighthouseBench(LIGHTHOUSE_RUNS)));
if (only.some((s) => ['dashboard', 'atrest', 'sync', 'faults'].includes(s))) buildHarness();
if (only.includes('dashboard')) figures.push(...section('dashboard', await dashboard()));
if (only.includes('atrest')) figures.push(...section('atrest', await atRestBench()));
const measuredSync = couch && only.includes('sync') && (await syncBench(SYNC_RUNS, couch));
if (loadCouch) figures.push(...section('load', await loadBench(loadCouch)));
if (only.includes('faults')) figures.push(...section('faults', await faultBench(couch)));
if (couch && only.includes('versions')) figures.push(...section('versions', await versionsBench(couch)));
if (only.includes('accesslog')) figures.push(...section('accesslog', await accessLogBench(RUNS)));
if (only.includes('fulldevice')) figures.push(...section('fulldevice', await fullDeviceBench()));
const today = new Date().toISOString().slice(0, 10);
const ran = ['weight', ...only.filter((s) => s !== 'weight')];

// A part run alone replaces its own rows in bench/results and keeps the others from the runs before, each
// section with the date it was measured on.
interface Results {
  date: string;
  sectionDates?: Record<string, string>;
  syncServers?: string[];
  couchdbMissing?: string;
  figures: Figure[];
}
const RESULTS = 'bench/results/latest.json';
const before: Results | undefined = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : undefined;
const kept = (before?.figures ?? []).filter((f) => f.section && !ran.includes(f.section));
const sectionDates: Record<string, string> = {
  ...Object.fromEntries(Object.entries(before?.sectionDates ?? {}).filter(([s]) => kept.some((f) => f.section === s))),
  ...Object.fromEntries(ran.map((s) => [s, today])),
};
const order = (f: Figure) => SECTIONS.indexOf(f.section ?? '');
const table = [...figures, ...kept.filter((f) => f.section !== 'sync')].sort((a, b) => order(a) - order(b));
// Some scenarios run (BENCH_SYNC_PARTS) beside the same servers' earlier rows of the others.
const earlierSync = (before?.figures ?? []).filter((f) => f.section === 'sync');
const partly = measuredSync && syncPartsAsked().length < SYNC_PARTS.length && before?.syncServers?.join() === measuredSync.servers.join();
const syncNow = measuredSync && (partly ? withEarlierParts(measuredSync, earlierSync, syncPartsAsked()) : measuredSync);
const sync: SyncSection | undefined = syncNow
  ? { ...syncNow, figures: section('sync', syncNow.figures) }
  : before?.syncServers && kept.some((f) => f.section === 'sync')
    ? { servers: before.syncServers, missing: before.couchdbMissing, figures: kept.filter((f) => f.section === 'sync') }
    : undefined;
const chromium = spawnSync(ensureChromium(), ['--version']).stdout?.toString().trim() ?? '';
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromium}`;
const row = (f: Figure) =>
  `| ${f.what}${f.server && !f.what.startsWith('…') ? ` (${f.server})` : ''} | ${`${f.median} ${f.unit}`.trim()} | ${f.min === f.max ? '–' : `${f.min}–${f.max} ${f.unit}`.trim()} | ${f.budget ?? '–'} | ${f.ok === undefined ? '' : f.ok ? 'met' : '**missed**'}${f.note ? ` (${f.note})` : ''} |`;
const cell = (f: Figure) =>
  `${f.median} ${f.unit}${f.min === f.max ? '' : ` (${f.min}–${f.max})`}${f.note ? `; ${f.note}` : ''}${f.ok === undefined ? '' : f.ok ? '; met' : '; **missed**'}`;

/** The sync figures with one column per server, row by row (both halves run the same scenarios in the same order). */
function syncTable(s: SyncSection): string[] {
  const columns = s.servers.map((server) => s.figures.filter((f) => f.server === server));
  const rows = columns[0]!;
  if (columns.some((c) => c.length !== rows.length || c.some((f, i) => f.what !== rows[i]!.what))) fail("the servers' sync figures do not line up row by row");
  return [
    `## Sync: ${s.servers.join(' beside ')}`,
    '',
    s.missing
      ? `**${POUCHDB_SERVER} only**: ${s.missing}`
      : `The same scenarios, data, gateway and emulated links against each server, one after the other; median (spread) of ${SYNC_RUNS} runs.`,
    '',
    `| what | ${s.servers.join(' | ')} | budget |`,
    `| --- | ${s.servers.map(() => '---').join(' | ')} | --- |`,
    ...rows.map((f, i) => `| ${f.what} | ${columns.map((c) => cell(c[i]!)).join(' | ')} | ${f.budget ?? '–'} |`),
    '',
  ];
}

const keptDates = [...new Set(kept.map((f) => f.section!))].map((s) => `${s} (${sectionDates[s] ?? 'an earlier run'})`);
const md = [
  `# Polku bench — ${today}`,
  '',
  `Machine: ${machine}. Runs per timing: ${RUNS} (sync: ${SYNC_RUNS}; Lighthouse: ${LIGHTHOUSE_RUNS}).`,
  ...(keptDates.length ? ['', `Measured in this run: ${ran.join(', ')}. Kept from earlier runs: ${keptDates.join(', ')}.`] : []),
  '',
  '| what | median | spread | budget | |',
  '| --- | --- | --- | --- | --- |',
  ...table.map(row),
  '',
  ...(sync ? syncTable(sync) : []),
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.md', md);
const json = { date: new Date().toISOString(), machine, runs: RUNS, syncRuns: SYNC_RUNS, lighthouseRuns: LIGHTHOUSE_RUNS, sectionDates, syncServers: sync?.servers, couchdbMissing: sync?.missing, figures: [...table, ...(sync?.figures ?? [])] };
writeFileSync(RESULTS, JSON.stringify(json, null, 2));
console.log(`\n${md}`);
console.log('Written to bench/results/latest.md and latest.json.');
