/**
 * Sync on throttled links, against a real PouchDB Server and then a 3-node Apache CouchDB
 * cluster, each behind the real gateway: the app's sync engine and PouchDB's own replication
 * (IndexedDB adapter), in the same headless Chromium page, with the same data, server and
 * link, beside the physical lower bound.
 *
 * The link is Chromium's network emulation (DevTools protocol): every request waits one
 * round trip before its answer starts, and bytes flow at the link's rate. Bytes on the wire
 * are counted by a TCP proxy between the browser and the gateway (headers included),
 * requests by the browser's own network events.
 */
import { existsSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { subWeeks } from 'date-fns';
import type { CDPSession } from 'playwright-core';
import { toCouch, type StoredDoc } from '../src/data/stored.ts';
import { staffRoles } from '../src/domain/roles.ts';
import type { CouchAdmin } from '../server/couch-admin.ts';
import { provisionGroup } from '../server/design-docs.ts';
import { launchChromium } from '../tooling/chromium.ts';
import { checkCouchFolder, checkCouchUrl, COUCH_URL_ENV, COUCHDB_ENV, CouchSetupError, startCouchCluster, type TestCouchDb } from '../tooling/couchdb-cluster.ts';
import { basicAuth, startTestServer, type TestServer } from '../tooling/test-server.ts';
import { SYNC_CHECK_PATH, type SyncCheckAnswer } from '../src/wire/sync-check.ts';
import { gainedDocuments, groupDocuments } from './harness/seed.ts';
import { fail, kb, median, spread, type Figure } from './figures.ts';
import { callHarness } from './harness-call.ts';
import { idleLoad } from './idle-load.ts';

export interface Link {
  name: string;
  /** bytes per second */
  down: number;
  up: number;
  rttMs: number;
}

export const LINKS = {
  '3G': { name: '3G (1.6 Mbps / 750 kbps, 150 ms)', down: 1_600_000 / 8, up: 750_000 / 8, rttMs: 150 },
  '2G': { name: 'field 2G (256 kbps, 400 ms)', down: 256_000 / 8, up: 256_000 / 8, rttMs: 400 },
  /** No throttling: what is left is the devices' own work (and the server's). */
  loopback: { name: 'loopback, no throttling', down: Infinity, up: Infinity, rttMs: 0 },
} satisfies Record<string, Link>;

const PASSWORD = 'bench-password-1';
const YEAR_GROUPS = 20;
const yearKey = (g: number) => `year${String(g).padStart(4, '0')}`;
/** Groups of their own for the back-in-range scenarios, which add to them: the first-sync figures stay comparable. */
const backKey = (g: number) => `back${String(g).padStart(4, '0')}`;
const scope = (key: string) => `polku-g-${key}`;
const WEEK_APP = 'weekapp0';
export const HARNESS = 'bench/dist-harness';
export const POUCHDB_SERVER = 'PouchDB Server';
/** The release beside the checkout, where CI finds it too. */
const DEFAULT_COUCHDB = fileURLToPath(new URL('../../shared/couchdb/', import.meta.url));

/** Counts the bytes each way between the browser and the gateway. */
function countingProxy(targetPort: number): Promise<{ server: Server; port: number; bytes: { up: number; down: number }; reset(): void }> {
  const bytes = { up: 0, down: 0 };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    client.on('data', (d) => (bytes.up += d.length));
    upstream.on('data', (d) => (bytes.down += d.length));
    client.pipe(upstream).on('error', () => client.destroy());
    upstream.pipe(client).on('error', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({
        server,
        port: (server.address() as AddressInfo).port,
        bytes,
        reset() {
          bytes.up = 0;
          bytes.down = 0;
        },
      }),
    ),
  );
}

const toCouchForm = (d: Record<string, unknown>) => toCouch(d as StoredDoc);

async function seedServer(admin: CouchAdmin) {
  const started = Date.now();
  const put = async (key: string, weeks: number, participants: number) => {
    const db = await provisionGroup(admin, key);
    // On a cluster, written to every copy (w = copies) so that every run reads the same data
    // whichever copy answers; PouchDB Server has one copy and no `cluster`.
    const copies = (await admin.ok<{ cluster?: { n?: number } }>('GET', `/${db}`)).cluster?.n;
    // The year just past: older notes would be past the organisation's retention period, which a device does not store.
    const docs = groupDocuments(key, { weeks, participants, user: 'benchseed', start: subWeeks(new Date(), weeks) }).map(toCouchForm);
    for (let i = 0; i < docs.length; i += 2000) await admin.ok('POST', `/${db}/_bulk_docs${copies ? `?w=${copies}` : ''}`, { docs: docs.slice(i, i + 2000) });
  };
  for (let g = 0; g < YEAR_GROUPS; g++) await put(yearKey(g), 52, 12);
  for (let g = 0; g < YEAR_GROUPS; g++) await put(backKey(g), 52, 12);
  await put(WEEK_APP, 4, 8);
  const user = (name: string, roles: string[]) => admin.putUser(name, PASSWORD, roles);
  await user('benchweeka', staffRoles('instructor', WEEK_APP));
  await user('benchyear', staffRoles('instructor', yearKey(0)));
  await user('benchcoord', staffRoles('coordinator', ...Array.from({ length: YEAR_GROUPS }, (_, g) => yearKey(g))));
  await user('benchbackc', staffRoles('coordinator', ...Array.from({ length: YEAR_GROUPS }, (_, g) => backKey(g))));
  await user('benchbacki', staffRoles('instructor', backKey(0)));
  console.log(`  seeded ${YEAR_GROUPS} groups × a year on the server in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** What must cross the link at the least: every document (as the server holds it) gzipped, one way. */
async function contentOf(admin: CouchAdmin, dbs: string[]): Promise<{ docs: number; gzipBytes: number }> {
  const all: unknown[] = [];
  for (const db of dbs) {
    const r = await admin.ok<{ rows: { id: string; doc: unknown }[] }>('GET', `/${db}/_all_docs?include_docs=true`);
    all.push(...r.rows.filter((row) => !row.id.startsWith('_design/')).map((row) => row.doc));
  }
  return { docs: all.length, gzipBytes: gzipSync(JSON.stringify(all), { level: 9 }).length };
}

/** Physical lower bound: the bytes at the link's rate plus the round trips nobody can avoid. */
const lowerBoundMs = (link: Link, bytes: { down: number; up: number }, roundTrips: number) => roundTrips * link.rttMs + (bytes.down / link.down + bytes.up / link.up) * 1000;

interface Measured {
  ms: number;
  docs: number;
  requests: number;
  up: number;
  down: number;
  quarantined?: number;
  /** Time with at least one request on the wire (link and server). */
  wireMs: number;
  /** The answers' waits for their first byte beyond the link's round trip, summed: about the server's time. */
  serverMs: number;
}

/**
 * Where a timing went: the union of the requests' spans on the wire (so requests side by side
 * count once), and the server's share, read from Chromium's timing of each answer.
 */
function whereTimeWent(requests: { sent: number; done?: number; waitMs?: number }[], link: Link): { wireMs: number; serverMs: number } {
  const spans = requests.filter((r) => r.done !== undefined).map((r) => [r.sent * 1000, r.done! * 1000] as const).sort((a, b) => a[0] - b[0]);
  let wireMs = 0;
  let reached = -Infinity;
  for (const [from, to] of spans) {
    wireMs += Math.max(0, to - Math.max(from, reached));
    reached = Math.max(reached, to);
  }
  const serverMs = requests.reduce((sum, r) => sum + Math.max(0, (r.waitMs ?? 0) - link.rttMs), 0);
  return { wireMs: Math.round(wireMs), serverMs: Math.round(serverMs) };
}

/** A real PouchDB Server behind the real gateway, or a clear word on what to do first. */
export async function startBenchServer(opts: { demo: boolean; staticDir?: string; now?: Date }): Promise<TestServer> {
  try {
    return await startTestServer(opts);
  } catch (error) {
    fail(`Could not start the embedded PouchDB Server (${String((error as Error).message ?? error)}). Run \`npm ci\` first; the bench starts its own server on free ports.`);
  }
}

/** The Apache CouchDB half of the sync section: how to get the server, or the sentence saying there is none. */
export type BenchCouch = { start(): Promise<TestCouchDb> } | { missing: string };

/**
 * POLKU_TEST_COUCH_URL (a running server, emptied first as the tests do), else a 3-node
 * cluster from POLKU_TEST_COUCHDB or the release beside the checkout. Called before the long
 * sections: a variable set wrongly stops the bench at once, in one sentence.
 */
export async function findCouch(env = process.env): Promise<BenchCouch> {
  try {
    const url = env[COUCH_URL_ENV];
    if (url) {
      const couch = await checkCouchUrl(url);
      return { start: async () => couch };
    }
    const folder = env[COUCHDB_ENV] ?? (existsSync(join(DEFAULT_COUCHDB, 'couchdb.sh')) ? DEFAULT_COUCHDB : undefined);
    if (folder) {
      checkCouchFolder(folder);
      return { start: () => startCouchCluster(folder) };
    }
  } catch (error) {
    if (error instanceof CouchSetupError) fail(error.message);
    throw error;
  }
  return {
    missing: `No Apache CouchDB release was found at ${DEFAULT_COUCHDB} (set ${COUCHDB_ENV} to its folder or ${COUCH_URL_ENV} to a server), so the sync and faults sections run against PouchDB Server only.`,
  };
}

/** A column header: the release and how many nodes answer for it. */
export async function couchLabel(admin: CouchAdmin): Promise<string> {
  const { version } = await admin.ok<{ version: string }>('GET', '/');
  const nodes = (await admin.ok<{ cluster_nodes: string[] }>('GET', '/_membership')).cluster_nodes.length;
  return `Apache CouchDB ${version}, ${nodes === 1 ? '1 node' : `${nodes}-node cluster`}`;
}

/** The scenarios, in the order they run; BENCH_SYNC_PARTS=a,b runs some of them. */
export const SYNC_PARTS = ['a', 'd', 'f', 'b', 'c'] as const;
export const syncPartsAsked = (): string[] => (process.env.BENCH_SYNC_PARTS ?? SYNC_PARTS.join(',')).split(',');

/** Each row's scenario: its head row's letter ((e), the round after (d), is d's); a "…" row is its head's. */
function partsOf(figures: Figure[]): string[] {
  let part = '';
  return figures.map((f) => {
    const letter = /^(?:sync )?\(([a-f])\)/.exec(f.what)?.[1];
    if (letter) part = letter === 'e' ? 'd' : letter;
    return part;
  });
}

/** A run of some scenarios beside the earlier run's rows of the others (same servers), in the order they run. */
export function withEarlierParts(measured: SyncSection, earlier: Figure[], ran: string[]): SyncSection {
  const figures = measured.servers.flatMap((server) => {
    const now = measured.figures.filter((f) => f.server === server);
    const before = earlier.filter((f) => f.server === server);
    const [nowParts, beforeParts] = [partsOf(now), partsOf(before)];
    return SYNC_PARTS.flatMap((p) => (ran.includes(p) ? now.filter((_, i) => nowParts[i] === p) : before.filter((_, i) => beforeParts[i] === p)));
  });
  return { ...measured, figures };
}

export interface SyncSection {
  /** The servers measured, in the order of the figures. */
  servers: string[];
  /** Why there is no Apache CouchDB half, when there is none. */
  missing?: string;
  /** Every figure carries its server. */
  figures: Figure[];
}

/** The same scenarios against PouchDB Server, then against Apache CouchDB (started once, stopped after). */
export async function syncBench(runs: number, couch: BenchCouch): Promise<SyncSection> {
  console.log(`  sync against ${POUCHDB_SERVER}`);
  const figures = await syncAgainst(await startBenchServer({ demo: false, staticDir: HARNESS }), POUCHDB_SERVER, runs);
  if ('missing' in couch) return { servers: [POUCHDB_SERVER], missing: couch.missing, figures };
  // Started only now, so that its nodes never share the two cores with the first half.
  const db = await couch.start().catch((error: unknown) => fail(error instanceof CouchSetupError ? error.message : `Apache CouchDB did not start: ${String(error)}`));
  try {
    const server = await startTestServer({ demo: false, staticDir: HARNESS, couch: db });
    const label = await couchLabel(server.admin);
    console.log(`  sync against ${label}`);
    figures.push(...(await syncAgainst(server, label, runs)));
    return { servers: [POUCHDB_SERVER, label], figures };
  } finally {
    await db.stop();
  }
}

/** Every scenario against one server behind the gateway; stops the gateway (and an embedded server) after. */
async function syncAgainst(server: TestServer, label: string, runs: number): Promise<Figure[]> {
  const proxy = await countingProxy(Number(new URL(server.url).port));
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    await seedServer(server.admin);
    const page = await (await browser.newContext()).newPage();
    page.on('console', (m) => process.env.BENCH_DEBUG && console.log('  page:', m.text()));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let requests = 0;
    // Each counted request's time on the wire and its wait for the answer's first byte: where a timing went.
    let onWire = new Map<string, { url: string; sent: number; done?: number; waitMs?: number }>();
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; timestamp: number; request: { url: string } }) => {
      if (!/^\/(couch|api)\//.test(new URL(e.request.url).pathname)) return;
      requests++;
      onWire.set(e.requestId, { url: e.request.url.slice(-70), sent: e.timestamp });
    });
    cdp.on('Network.responseReceived', (e: { requestId: string; response: { timing?: { sendEnd: number; receiveHeadersEnd: number } } }) => {
      const r = onWire.get(e.requestId);
      const t = e.response.timing;
      if (r && t) r.waitMs = t.receiveHeadersEnd - t.sendEnd;
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      const r = onWire.get(e.requestId);
      if (!r) return;
      r.done = e.timestamp;
      if (process.env.BENCH_DEBUG) console.log(`  ${r.sent.toFixed(3)} → ${e.timestamp.toFixed(3)} (${Math.round((e.timestamp - r.sent) * 1000)} ms, ${e.encodedDataLength} B) ${r.url}`);
    });
    await page.goto(`http://127.0.0.1:${proxy.port}/`);
    await page.getByText('ready').waitFor();
    const call = callHarness(page);
    /** One operation on the throttled link: time (from the page), requests and bytes. */
    const measure = async (link: Link, name: string, ...args: unknown[]): Promise<Measured> => {
      await throttle(cdp, link);
      proxy.reset();
      requests = 0;
      onWire = new Map();
      const r = await call<{ ms: number; docs: number; quarantined?: number }>(name, ...args);
      const m = { ...r, requests, up: proxy.bytes.up, down: proxy.bytes.down, ...whereTimeWent([...onWire.values()], link) };
      await throttle(cdp, null);
      return m;
    };

    /**
     * What the week is on the server, for the bound: the 19 documents just pushed. A cluster
     * acknowledges a write once 2 of its 3 copies hold it, and `_all_docs` may read the third.
     */
    const weekOnServer = async (week: number) => {
      for (let attempt = 1; ; attempt++) {
        const r = await server.admin.ok<{ rows: { id: string; doc: unknown }[] }>('GET', `/${scope(WEEK_APP)}/_all_docs?include_docs=true`);
        const pushed = r.rows.filter((row) => row.id.includes(`${WEEK_APP}w${String(week).padStart(3, '0')}`)).map((row) => row.doc);
        if (pushed.length === 19 || attempt === 50) return pushed;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    };

    /** Long enough for the sync check to call a changed database settled (server/scope-versions.ts). */
    const settle = () => new Promise((ok) => setTimeout(ok, 11_000));

    const weekScenario = async (link: Link, tag: string) => {
      const app: Measured[] = [];
      let weekBytes = 0;
      for (let i = 0; i < runs; i++) {
        const n = tag === '2G' ? 200 + i : 100 + i;
        // The group quiet before the device syncs, as it is a week after the last push: on a
        // cluster, a database changed in the last 10 s (the previous run's push) has a version
        // that moves at every check, and a device that synced then reads the group again.
        await settle();
        await call('signInAs', 'benchweeka', PASSWORD);
        await call('appFirstSync', `weekapp-${tag}-${i}`);
        await call('appWriteWeek', `weekapp-${tag}-${i}`, WEEK_APP, n);
        app.push(await measure(link, 'appSyncRound', `weekapp-${tag}-${i}`));
        if (app.at(-1)!.quarantined) fail('the app quarantined documents in the week bench');
        await call('clearAll');
        const pushed = await weekOnServer(n);
        if (pushed.length !== 19) fail(`expected the week's 19 documents on the server, found ${pushed.length}`);
        weekBytes = gzipSync(JSON.stringify(pushed), { level: 9 }).length;
      }
      const budget = tag === '2G' ? { text: '≤ 3000 ms', ok: (ms: number) => ms <= 3000 } : undefined;
      // No PouchDB beside it: its push writes with `new_edits: false`, which the gateway refuses (SECURITY.md).
      report(figures, `(a) a week's record pushed (19 documents), ${link.name}`, app, [], lowerBoundMs(link, { up: weekBytes, down: 0 }, 1), weekBytes, budget);
    };

    const firstSync = async (link: Link, tag: string, label: string, user: string, dbs: string[], budgeted = false) => {
      const content = await contentOf(server.admin, dbs);
      const app: Measured[] = [];
      const pouch: Measured[] = [];
      const tuned: Measured[] = [];
      const stored: number[] = [];
      const storedClosed: number[] = [];
      const rowBytes: number[] = [];
      const pouchStored: number[] = [];
      for (let i = 0; i < runs; i++) {
        await call('signInAs', user, PASSWORD);
        const empty = await call<number>('storageUsed');
        app.push(await measure(link, 'appFirstSync', `first-${tag}-${i}`));
        stored.push((await call<number>('storageUsed')) - empty);
        const a = app.at(-1)!;
        if (a.docs !== content.docs || a.quarantined) fail(`the app stored ${a.docs} of ${content.docs} documents (${a.quarantined} quarantined)`);
        // Where the device's bytes go: the rows as JSON, and the count once the app has closed its database.
        rowBytes.push(await call<number>('storedRowBytes', `first-${tag}-${i}`));
        await call('closeApp', `first-${tag}-${i}`);
        await new Promise((r) => setTimeout(r, 2000));
        const afterApp = await call<number>('storageUsed');
        storedClosed.push(afterApp - empty);
        pouch.push(await measure(link, 'pouchFirstSync', `pf-${tag}-${i}`, dbs));
        pouchStored.push((await call<number>('storageUsed')) - afterApp);
        // PouchDB also copies the design document of each database.
        if (pouch.at(-1)!.docs !== content.docs + dbs.length) fail(`PouchDB stored ${pouch.at(-1)!.docs} of ${content.docs + dbs.length} documents`);
        tuned.push(await measure(link, 'pouchFirstSync', `pt-${tag}-${i}`, dbs, true));
        if (tuned.at(-1)!.docs !== content.docs + dbs.length) fail(`tuned PouchDB stored ${tuned.at(-1)!.docs} of ${content.docs + dbs.length} documents`);
        await call('clearAll');
      }
      const bound = lowerBoundMs(link, { down: content.gzipBytes, up: 0 }, 1);
      report(figures, `${label} (${content.docs} documents), ${link.name}`, app, pouch, bound, content.gzipBytes, undefined, budgeted, tuned);
      if (link === LINKS.loopback) {
        figures.push({
          ...spread(`${label}: what the device then holds (the browser's count for the origin) ÷ the same documents as gzipped JSON`, stored.map((b) => b / content.gzipBytes), '×', { text: '≤ 3×', ok: (x) => x <= 3 }),
          note: `${kb(median(stored))} KB for ${kb(content.gzipBytes)} KB gzipped`,
        });
        const ratio = (label: string, bytes: number[]) => ({ ...spread(label, bytes.map((b) => b / content.gzipBytes), '×'), note: `${kb(median(bytes))} KB` });
        figures.push(ratio('… the same once the app has closed its database', storedClosed));
        figures.push(ratio("… the stored rows as JSON (the documents with the device's own fields), uncompressed", rowBytes));
        figures.push(ratio('… PouchDB 9 (IndexedDB adapter) holding the same documents, by the same count', pouchStored));
      }
    };

    let gainedRun = 0;
    /** Others write what a group gains into each of these groups (on every copy), as the server then holds it. */
    const gain = async (keys: string[], kind: 'week' | 'day') => {
      const held: unknown[] = [];
      const n = ++gainedRun;
      for (const key of keys) {
        const db = scope(key);
        const copies = (await server.admin.ok<{ cluster?: { n?: number } }>('GET', `/${db}`)).cluster?.n;
        const docs = gainedDocuments(key, n, kind, 'benchseed').map(toCouchForm);
        const written = await server.admin.ok<{ id: string; rev?: string }[]>('POST', `/${db}/_bulk_docs${copies ? `?w=${copies}` : ''}`, { docs });
        if (written.some((w) => !w.rev)) fail(`the server refused part of what ${key} gained`);
        held.push(...docs.map((d, i) => ({ ...d, _rev: written[i]!.rev })));
      }
      return held;
    };
    /** The versions the sync check gives `user` now. */
    const versionsFor = async (user: string) => {
      const r = await fetch(`${server.url}${SYNC_CHECK_PATH}`, { headers: { Authorization: basicAuth(user, PASSWORD) } });
      if (!r.ok) fail(`the sync check answered ${r.status}`);
      return ((await r.json()) as SyncCheckAnswer).versions;
    };
    /**
     * Until the server's change feed has told the gateway about every one of these databases
     * (CouchDB batches `_db_updates` for up to half a second): a device back in range hours
     * later never checks in that moment.
     */
    const announced = async (user: string, dbs: string[], before: Record<string, string | null>) => {
      for (let tries = 0; tries < 100; tries++) {
        const now = await versionsFor(user);
        if (dbs.every((db) => now[db] !== before[db])) return;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      fail('the sync check never saw what the groups gained');
    };

    /**
     * (d) Back in range: a device synced before, and since then each of its groups gained a week
     * (or a day) written by others; one round brings it. Then (e) a round with nothing new.
     */
    const backInRange = async (link: Link, tag: string, label: string, user: string, keys: string[], kind: 'week' | 'day') => {
      const dbs = keys.map(scope);
      const app: Measured[] = [];
      const pouch: Measured[] = [];
      const tuned: Measured[] = [];
      const idleApp: Measured[] = [];
      const idlePouch: Measured[] = [];
      let gzipBytes = 0;
      let gainedDocs = 0;
      for (let i = 0; i < runs; i++) {
        await call('signInAs', user, PASSWORD);
        const before = await call<{ docs: number }>('appFirstSync', `back-${tag}-${i}`);
        await call('pouchFirstSync', `bp-${tag}-${i}`, dbs);
        await call('pouchFirstSync', `bt-${tag}-${i}`, dbs, true);
        // Settled, as a device's last sync usually is: then what the others write is the news.
        await settle();
        await call('appSyncRound', `back-${tag}-${i}`);
        const versions = await versionsFor(user);
        const held = await gain(keys, kind);
        await announced(user, dbs, versions);
        gainedDocs = held.length;
        gzipBytes = gzipSync(JSON.stringify(held), { level: 9 }).length;
        app.push(await measure(link, 'appSyncRound', `back-${tag}-${i}`));
        if (app.at(-1)!.docs !== before.docs + held.length) fail(`back in range: the app holds ${app.at(-1)!.docs}, expected ${before.docs + held.length}`);
        pouch.push(await measure(link, 'pouchFirstSync', `bp-${tag}-${i}`, dbs));
        tuned.push(await measure(link, 'pouchFirstSync', `bt-${tag}-${i}`, dbs, true));
        // A changed database is read again until its copies agree; then a round finds nothing new.
        await settle();
        await call('appSyncRound', `back-${tag}-${i}`);
        idleApp.push(await measure(link, 'appSyncRound', `back-${tag}-${i}`));
        idlePouch.push(await measure(link, 'pouchFirstSync', `bp-${tag}-${i}`, dbs));
        await call('clearAll');
      }
      const bound = lowerBoundMs(link, { down: gzipBytes, up: 0 }, 1);
      report(figures, `${label} (${gainedDocs} new documents in ${keys.length} ${keys.length === 1 ? 'group' : 'groups'}), ${link.name}`, app, pouch, bound, gzipBytes, tag === 'bc3' ? { text: '≤ 2000 ms', ok: (ms) => ms <= 2000 } : undefined, false, tuned);
      const traffic = (m: Measured[]) => {
        const mid = m.find((x) => x.ms === median(m.map((y) => y.ms)))!;
        return { requests: mid.requests, note: `${mid.requests} requests, ${kb(mid.down)} KB down / ${kb(mid.up)} KB up on the wire` };
      };
      const idle = traffic(idleApp);
      figures.push({
        ...spread(`sync (e) then a round with nothing new, ${keys.length} ${keys.length === 1 ? 'scope' : 'scopes'}, ${link.name}: Polku`, idleApp.map((m) => m.ms), 'ms', { text: '1 request', ok: () => idle.requests === 1 }),
        note: idle.note,
      });
      figures.push({ ...spread('… PouchDB 9, the same', idlePouch.map((m) => m.ms), 'ms'), note: traffic(idlePouch).note });
    };

    const parts = syncPartsAsked();
    // The everyday cases first (the week's push, back in range, idle), then the first syncs.
    if (parts.includes('a')) {
      await weekScenario(LINKS['2G'], '2G');
      await weekScenario(LINKS['3G'], '3G');
    }
    if (parts.includes('d')) {
      const all = Array.from({ length: YEAR_GROUPS }, (_, g) => backKey(g));
      await backInRange(LINKS['3G'], 'bc3', `(d) back in range: a coordinator's ${YEAR_GROUPS} groups, each a week on`, 'benchbackc', all, 'week');
      await backInRange(LINKS['2G'], 'bc2', `(d) back in range: a coordinator's ${YEAR_GROUPS} groups, each a week on`, 'benchbackc', all, 'week');
      await backInRange(LINKS['3G'], 'bi3', "(d) back in range: an instructor's group, a day on", 'benchbacki', [backKey(0)], 'day');
      await backInRange(LINKS['2G'], 'bi2', "(d) back in range: an instructor's group, a day on", 'benchbacki', [backKey(0)], 'day');
    }
    if (parts.includes('f')) {
      // After (d), whose last changes have settled.
      figures.push(...(await idleLoad(server, { user: 'benchbackc', password: PASSWORD, scopes: Array.from({ length: YEAR_GROUPS }, (_, g) => scope(backKey(g))) })));
    }
    if (parts.includes('b')) {
      await firstSync(LINKS['3G'], 'y3', '(b) first sync of a year of one group', 'benchyear', [scope(yearKey(0))], true);
      await firstSync(LINKS['2G'], 'y2', '(b) first sync of a year of one group', 'benchyear', [scope(yearKey(0))]);
      await firstSync(LINKS.loopback, 'y0', '(b) first sync of a year of one group', 'benchyear', [scope(yearKey(0))]);
    }
    if (parts.includes('c')) {
      await firstSync(LINKS['3G'], 'c3', `(c) a coordinator's first sync of ${YEAR_GROUPS} groups × a year`, 'benchcoord', Array.from({ length: YEAR_GROUPS }, (_, g) => scope(yearKey(g))));
    }
    return figures.map((f) => ({ ...f, server: label }));
  } finally {
    await browser.close();
    proxy.server.close();
    await server.stop();
  }
}

async function throttle(cdp: CDPSession, link: Link | null) {
  const on = link && link.rttMs > 0;
  await cdp.send('Network.emulateNetworkConditions', on ? { offline: false, latency: link.rttMs, downloadThroughput: link.down, uploadThroughput: link.up } : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** Rows for one scenario on one link: app, PouchDB, their ratio, the bound and the app against it. */
function report(figures: Figure[], label: string, app: Measured[], pouch: Measured[], boundMs: number, gzipBytes: number, timeBudget?: { text: string; ok: (ms: number) => boolean }, budgeted = false, tuned: Measured[] = []) {
  // Requests and bytes of the median run; they may differ between servers, the row may not.
  const traffic = (m: Measured[]) => {
    const mid = m.find((x) => x.ms === median(m.map((y) => y.ms)))!;
    return `${mid.requests} requests, ${kb(mid.down)} KB down / ${kb(mid.up)} KB up on the wire`;
  };
  const appMs = app.map((m) => m.ms);
  const mid = app.find((x) => x.ms === median(appMs))!;
  const went = `; of its ${Math.round(mid.ms)} ms, ${mid.wireMs} ms with a request on the wire (the server's share about ${mid.serverMs} ms), ${Math.max(0, Math.round(mid.ms) - mid.wireMs)} ms on the device alone`;
  figures.push({ ...spread(`sync ${label}: Polku`, appMs, 'ms', timeBudget), note: traffic(app) + went });
  for (const [name, runs] of [
    ['PouchDB 9 replication, same data, server and link', pouch],
    ['PouchDB 9 tuned as its documentation advises (batch_size 1,000, batches_limit 10)', tuned],
  ] as const) {
    if (runs.length === 0) continue;
    const ms = runs.map((m) => m.ms);
    const tunedOne = runs === tuned;
    figures.push({ ...spread(`… ${name}`, ms, 'ms'), note: traffic(runs) });
    figures.push(
      spread(`… ${tunedOne ? 'tuned ' : ''}PouchDB time ÷ Polku time`, ms.map((p, i) => p / appMs[i]!), '×', budgeted && !tunedOne ? { text: '≥ 2×', ok: () => median(ms) / median(appMs) >= 2 } : undefined),
    );
  }
  if (boundMs === 0) return;
  figures.push({ ...spread("… lower bound: the documents gzipped at the link's rate + 1 round trip", [Math.round(boundMs)], 'ms'), note: `${kb(gzipBytes)} KB gzipped` });
  figures.push(spread('… Polku time ÷ lower bound', appMs.map((a) => a / boundMs), '×', { text: '≤ 1.3×', ok: () => median(appMs) / boundMs <= 1.3 }));
  for (const m of appMs) if (m < boundMs * 0.95) fail(`measured ${Math.round(m)} ms, below the lower bound of ${Math.round(boundMs)} ms: the link emulation is not in effect`);
}

