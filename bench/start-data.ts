/**
 * From sign-in to work, and starting with data on the device (issue 17): the built app
 * (`dist/`) behind the real gateway with a real PouchDB Server, in headless Chromium with the
 * CPU slowed 4× (DevTools protocol), every step through the app's own screens.
 *
 * 1. An instructor with a year of one group signs in on field 2G: a fresh profile, the sign-in
 *    form filled and sent, the PIN chosen, to the first usable start screen and the first sync.
 * 2. Reopening with data on the device, a profile kept on disk and the browser launched again
 *    each run (service worker, IndexedDB, localStorage and the session cookie kept): the lock
 *    screen ready for the PIN, then the PIN's Enter to the first usable start screen, the PIN
 *    typed at a person's pace (the budget) and at once; (a) that
 *    instructor's tablet, (b) a coordinator's laptop holding 20 groups × 3 years (~100,000
 *    documents, brought by a first sync from the server before any timing).
 *
 * "Usable" is one selector, USABLE: the live start screen (no longer `aria-busy`: the last
 * known screen drawn from localStorage before the database answers is marked busy) with the
 * next session's card and its "open" link, i.e. the group's data read from the local database.
 * Every time is read inside the page (performance.now(), from navigation start) when the
 * element first exists in the DOM, as `startup()` in run.ts does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, subWeeks } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toCouch, type StoredDoc } from '../src/data/stored.ts';
import { DEFAULT_GROUP_SETTINGS, groupSchema, groupScope, organisationSchema, SCHEMA_VERSION, staffRoles } from '../src/domain/index.ts';
import type { CouchAdmin } from '../server/couch-admin.ts';
import { provisionGroup } from '../server/design-docs.ts';
import { launchChromium, launchProfile } from '../tooling/chromium.ts';
import { fail, median, spread, type Figure } from './figures.ts';
import { groupDocuments } from './harness/seed.ts';
import { LINKS } from './sync.ts';
import { startBenchServer } from './sync.ts';

/** BENCH_PROFILE=<folder>: the first reopening of each device is profiled (CPU) from the PIN to usable, for finding where the time goes. */
const PROFILE_DIR = process.env.BENCH_PROFILE ? (mkdirSync(process.env.BENCH_PROFILE, { recursive: true }), process.env.BENCH_PROFILE) : undefined;
/** BENCH_STARTDATA_PARTS=signin,tablet,laptop (the default: all three). */
const PARTS = (process.env.BENCH_STARTDATA_PARTS ?? 'signin,tablet,laptop').split(',');

/** The live start screen with the group's next session ready to open (see the top of the file). */
export const USABLE = 'main section.group:not([aria-busy]) [data-testid="next-session"] a.button';
/** The start screen's frame or its last known form (busy): something drawn where the data will be. */
const FRAME = 'main section.group';
const SYNCED = '[data-testid="sync-badge"][data-status="idle"][data-pending="0"]:not([data-last-sync=""])';
const TABLET = { width: 800, height: 1280 };
const LAPTOP = { width: 1280, height: 800 };
const PASSWORD = 'bench-password-1';
const PIN = '482915';
const INSTRUCTOR = 'startinst';
const COORDINATOR = 'startcoord';
const INSTRUCTOR_GROUP = 'startyear';
const COORD_GROUPS = Array.from({ length: 20 }, (_, g) => `startc${String(g).padStart(3, '0')}`);

/** What the init script records in the page. */
interface Marks {
  seen: Record<string, number>;
  submits: number[];
  /** When each Enter was pressed, as the browser stamped the key (not when the page got round to it). */
  enters: number[];
}
type Marked = Window & { __marks: Marks };

/**
 * A group's record as the server holds it: `weeks` of weekly sessions ending two weeks ahead
 * (so the start screen has a next session; the ones after today planned), the group's own
 * document (its name) and the organisation's, which keeps notes 3 years on the devices so that
 * the coordinator's laptop holds the whole multi-year set (the default is 24 months).
 */
function groupRecord(key: string, weeks: number, now: Date, staff: { instructors: string[]; coordinators: string[] }): StoredDoc[] {
  const scope = groupScope(key);
  const today = format(now, 'yyyy-MM-dd');
  const at = subWeeks(now, weeks).toISOString();
  const head = { schemaVersion: SCHEMA_VERSION, scope, createdAt: at, updatedAt: at, createdBy: 'benchseed', updatedBy: 'benchseed', clock: {} };
  const group = { ...head, id: `group:${key}`, type: 'group', name: `Ryhmä ${key}`, municipality: 'Pudasjärvi', settings: DEFAULT_GROUP_SETTINGS, villages: [{ name: 'Kivijärvi', pickupPoints: ['Kauppa'] }], ...staff };
  const organisation = { ...head, id: 'organisation', type: 'organisation', name: 'Benchin Polku ry', defaults: DEFAULT_GROUP_SETTINGS, privacy: { retentionMonths: 36 } };
  for (const [doc, schema] of [[group, groupSchema], [organisation, organisationSchema]] as const) {
    const checked = schema.safeParse(doc);
    if (!checked.success) fail(`the bench's ${doc.type} document is not valid: ${checked.error.message}`);
  }
  const local = (d: Record<string, unknown>) => ({ ...d, pk: `${scope}|${String(d.id)}`, ref: '', person: '', syncState: 'synced' }) as StoredDoc;
  const docs = groupDocuments(key, { weeks, participants: 12, user: 'benchseed', start: subWeeks(now, weeks - 2) }).map((d) =>
    d.type === 'session' && String(d.date) > today ? { ...d, status: 'planned' } : d,
  ) as StoredDoc[];
  return [local(organisation), local(group), ...docs];
}

async function seed(admin: CouchAdmin, now: Date) {
  const started = Date.now();
  let count = 0;
  const put = async (key: string, weeks: number, staff: { instructors: string[]; coordinators: string[] }) => {
    const db = await provisionGroup(admin, key);
    const docs = groupRecord(key, weeks, now, staff).map(toCouch);
    for (let i = 0; i < docs.length; i += 2000) {
      const written = await admin.ok<{ rev?: string }[]>('POST', `/${db}/_bulk_docs`, { docs: docs.slice(i, i + 2000) });
      if (written.some((w) => !w.rev)) fail(`the server refused part of the seed of ${key}`);
    }
    count += docs.length;
    return docs.length;
  };
  const year = await put(INSTRUCTOR_GROUP, 52, { instructors: [INSTRUCTOR], coordinators: [] });
  let coord = 0;
  for (const key of COORD_GROUPS) coord += await put(key, 156, { instructors: [], coordinators: [COORDINATOR] });
  await admin.putUser(INSTRUCTOR, PASSWORD, staffRoles('instructor', INSTRUCTOR_GROUP));
  await admin.putUser(COORDINATOR, PASSWORD, staffRoles('coordinator', ...COORD_GROUPS));
  console.log(`  seeded ${count} documents on the server in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { year, coord };
}

/** Records when each named selector first exists and when each form is sent, from navigation start. */
async function mark(context: BrowserContext, selectors: Record<string, string>) {
  await context.addInitScript((watched: Record<string, string>) => {
    const marks: Marks = { seen: {}, submits: [], enters: [] };
    (window as unknown as Marked).__marks = marks;
    document.addEventListener('submit', () => marks.submits.push(performance.now()), true);
    document.addEventListener('keydown', (e) => e.key === 'Enter' && marks.enters.push(e.timeStamp), true);
    const observer = new MutationObserver(() => {
      let left = 0;
      for (const [name, selector] of Object.entries(watched)) {
        if (name in marks.seen) continue;
        if (document.querySelector(selector)) marks.seen[name] = performance.now();
        else left++;
      }
      if (left === 0) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }, selectors);
}

const marksOf = (page: Page) => page.evaluate(() => (window as unknown as Marked).__marks);

async function slowCpu(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** When the last resource whose path matches finished arriving (from navigation start), `before` a moment if given. */
async function arrived(page: Page, path: string, before = Infinity): Promise<number> {
  const ends = await page.evaluate(
    ([source, until]) =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => new RegExp(source).test(new URL(e.name).pathname) && e.responseEnd <= until)
        .map((e) => e.responseEnd),
    [path, before] as const,
  );
  if (ends.length === 0) fail(`the page fetched nothing matching ${path}`);
  return Math.max(...ends);
}
const CHUNK = '^/assets/SignedInApp-[\\w-]+\\.js$';
const SYNC_READS = '^/(api/sync|couch)/';

const waitSynced = (page: Page, timeout: number) => page.locator(SYNCED).waitFor({ timeout });

/** Through the app's own forms: sign in, choose the PIN. */
async function signInAndChoosePin(page: Page, name: string) {
  await page.locator('#sign-in-name').fill(name);
  await page.locator('#sign-in-password').fill(PASSWORD);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.locator('#pin-new, .sign-in [role="alert"]').first().waitFor({ timeout: 120_000 });
  if ((await page.locator('#pin-new').count()) === 0) fail(`signing in as ${name} was refused: ${await page.locator('.sign-in [role="alert"]').innerText()}`);
  await page.locator('#pin-new').fill(PIN);
  await page.locator('#pin-repeat').fill(PIN);
  await page.locator('#pin-repeat').press('Enter');
}

/** Rows in one of the person's local collections, read from IndexedDB past the app. */
function localCount(page: Page, user: string, collection: 'docs' | 'summaries'): Promise<number> {
  return page.evaluate(
    async ({ user, collection }) => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith(`rxdb-dexie-polku_${user}_`) && n.endsWith(`--${collection}`));
      if (!name) return 0;
      return new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('docs', 'readonly').objectStore('docs').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      });
    },
    { user, collection },
  );
}

/** (1) From nothing to work on field 2G: a fresh profile each run. */
async function firstSignIn(browser: Browser, url: string, runs: number, docs: number): Promise<Figure[]> {
  const parts = { chunk: [] as number[], data: [] as number[], answer: [] as number[], frame: [] as number[], usable: [] as number[], machine: [] as number[], synced: [] as number[], wall: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: TABLET, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
    try {
      await mark(context, { pin: '#pin-new', frame: FRAME, usable: USABLE, synced: SYNCED });
      const page = await context.newPage();
      const cdp = await slowCpu(context, page);
      const link = LINKS['2G'];
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: link.rttMs, downloadThroughput: link.down, uploadThroughput: link.up });
      await page.goto(url);
      await signInAndChoosePin(page, INSTRUCTOR);
      await page.locator(USABLE).first().waitFor({ timeout: 120_000 });
      await waitSynced(page, 120_000);
      const m = await marksOf(page);
      const [signInSent, pinSent] = m.submits;
      const { pin, frame, usable, synced } = m.seen;
      if (signInSent === undefined || pinSent === undefined || pin === undefined || frame === undefined || usable === undefined || synced === undefined) fail(`a step of the sign-in went unseen: ${JSON.stringify(m)}`);
      parts.answer.push(pin - signInSent);
      parts.chunk.push((await arrived(page, CHUNK)) - pinSent);
      // The sync's reads before the screen was usable: the last of them brought what it shows.
      parts.data.push((await arrived(page, SYNC_READS, usable)) - pinSent);
      parts.frame.push(frame - pinSent);
      parts.usable.push(usable - pinSent);
      // The person's typing of the PIN (here Playwright's) is not the app's time.
      parts.machine.push(pin - signInSent + (usable - pinSent));
      parts.wall.push(usable - signInSent);
      parts.synced.push(synced - signInSent);
      console.log(`  first sign-in on 2G, run ${i + 1}: ${Math.round(parts.machine.at(-1)!)} ms to usable (answer ${Math.round(pin - signInSent)}, PIN → usable ${Math.round(usable - pinSent)}), synced after ${Math.round(synced - signInSent)} ms`);
    } finally {
      await context.close();
    }
  }
  const what = `sign-in to the first usable start screen, an instructor with a year of one group (${docs} documents), ${LINKS['2G'].name}, fresh profile, CPU 4× slower, tablet 800×1280: the sign-in answer + PIN chosen → usable (the PIN's typing left out)`;
  return [
    spread(what, parts.machine, 'ms', { text: '≤ 6000 ms', ok: (ms) => ms <= 6000 }),
    spread('… sign-in sent → the PIN form (the server\'s answer; the data key made and wrapped under the password, PBKDF2 600,000 rounds)', parts.answer, 'ms'),
    spread('… PIN sent → the start screen\'s frame drawn (the data key wrapped under the PIN, PBKDF2 600,000 rounds)', parts.frame, 'ms'),
    spread('… PIN sent → the signed-in chunk arrived (SignedInApp.js; its download starts after the PIN)', parts.chunk, 'ms'),
    spread('… PIN sent → the last sync read before usable arrived (the group and its sessions)', parts.data, 'ms'),
    spread('… PIN sent → usable (the database open, the group and its sessions arrived by the first sync and read)', parts.usable, 'ms'),
    spread('… sign-in sent → usable, the automated PIN typing included', parts.wall, 'ms'),
    spread('… sign-in sent → the first sync completed (sync badge idle, nothing pending)', parts.synced, 'ms'),
  ];
}

/**
 * A device that has been used: its profile on disk, signed in once with the PIN chosen and the
 * first sync done (CPU at full speed: setup, not timed). Returns the documents it holds.
 */
async function prepareDevice(dir: string, url: string, viewport: { width: number; height: number }, user: string, expected: { docs: number; summaries?: number }): Promise<number> {
  const started = Date.now();
  const context = await launchProfile(dir, { baseURL: url, viewport });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await signInAndChoosePin(page, user);
    await page.locator(USABLE).first().waitFor({ timeout: 600_000 });
    await waitSynced(page, 600_000);
    // Every document stored, and for a coordinator every session summarised (the summaries follow the sync).
    for (let tries = 0; ; tries++) {
      const docs = await localCount(page, user, 'docs');
      const summaries = expected.summaries === undefined ? 0 : await localCount(page, user, 'summaries');
      if (docs >= expected.docs && summaries >= (expected.summaries ?? 0)) break;
      if (tries === 600) fail(`the ${user} device holds ${docs} of ${expected.docs} documents and ${summaries} of ${expected.summaries ?? 0} summaries after its first sync`);
      await page.waitForTimeout(1000);
    }
    await page.evaluate(async () => navigator.serviceWorker.ready);
    // The last known start screen is written a moment after the database changes.
    await page.waitForTimeout(2000);
    const held = await localCount(page, user, 'docs');
    console.log(`  ${user}'s device: signed in, first sync of ${held} documents done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return held;
  } finally {
    await context.close();
  }
}

/**
 * A person's typing of the PIN: a key every 250 ms (6 digits, 1.5 s). The app may use that time
 * (it loads its signed-in part meanwhile); the typing itself is left out of the figures.
 */
const PERSON_KEY_DELAY_MS = 250;

/**
 * Each run: the browser launched again on the kept profile, the app opened, the PIN entered
 * (at once, or at a person's pace), and the time from its Enter to usable.
 */
async function reopen(dir: string, url: string, viewport: { width: number; height: number }, user: string, runs: number, { derive = false, paced = false } = {}) {
  const lock: number[] = [];
  const open: number[] = [];
  const frame: number[] = [];
  const chunk: number[] = [];
  const pbkdf2 = { slowed: [] as number[], full: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const context = await launchProfile(dir, { baseURL: url, viewport });
    try {
      await mark(context, { lock: '#lock-secret', frame: FRAME, usable: USABLE });
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await slowCpu(context, page);
      await page.goto(url);
      if (paced) await page.locator('#lock-secret').pressSequentially(PIN, { delay: PERSON_KEY_DELAY_MS });
      else await page.locator('#lock-secret').fill(PIN);
      const profiling = PROFILE_DIR && i === 0;
      if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      await page.locator('#lock-secret').press('Enter');
      await page.locator(USABLE).first().waitFor({ timeout: 60_000 });
      if (profiling) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
        const file = join(PROFILE_DIR, `${user}-${paced ? 'paced' : 'at-once'}-pin-to-usable.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        console.log(`  ${user}: the main thread from PIN to usable, profiled: ${file} (open in Chromium's DevTools)`);
      }
      const m = await marksOf(page);
      const [pinSent] = m.enters;
      if (pinSent === undefined || m.seen.lock === undefined || m.seen.usable === undefined || m.seen.frame === undefined) fail(`a step of reopening went unseen: ${JSON.stringify(m)}`);
      lock.push(m.seen.lock);
      open.push(m.seen.usable - pinSent);
      frame.push(m.seen.frame - pinSent);
      chunk.push((await arrived(page, CHUNK)) - pinSent);
      console.log(`  ${user} reopens${paced ? ', the PIN typed at a person\'s pace' : ''}, run ${i + 1}: lock screen ${Math.round(m.seen.lock)} ms, PIN → usable ${Math.round(m.seen.usable - pinSent)} ms`);
      // The round that follows an opening, finished before the app closes: every run starts alike.
      await waitSynced(page, 60_000);
      if (derive) {
        // The PIN's key derivation alone, in this page: CPU slowed 4×, then at full speed.
        const time = () =>
          page.evaluate(async () => {
            const material = await crypto.subtle.importKey('raw', new TextEncoder().encode('482915'), 'PBKDF2', false, ['deriveKey']);
            const t0 = performance.now();
            await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations: 600_000 }, material, { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
            return performance.now() - t0;
          });
        pbkdf2.slowed.push(await time());
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        pbkdf2.full.push(await time());
      }
    } finally {
      await context.close();
    }
  }
  return { lock, open, frame, chunk, total: lock.map((l, i) => l + open[i]!), pbkdf2 };
}

type Reopened = Awaited<ReturnType<typeof reopen>>;

/**
 * A device's reopening, budgeted as a person lives it: the PIN typed at their pace, the time
 * from their Enter to usable added to the lock screen's. Beside it the PIN entered as fast
 * as the bench can, which leaves the app the least time to load meanwhile.
 */
function reopenRows(device: string, { paced, atOnce }: { paced: Reopened; atOnce: Reopened }, budgetMs: number): Figure[] {
  return [
    spread(`${device}, the PIN typed at a person's pace (a key every ${PERSON_KEY_DELAY_MS} ms, the typing left out): the lock screen ready + Enter → usable`, paced.total, 'ms', { text: `≤ ${budgetMs} ms`, ok: (ms) => ms <= budgetMs }),
    spread('… app opened → the lock screen ready for the PIN (service worker, first chunk)', paced.lock, 'ms'),
    spread('… Enter → the last known start screen drawn (busy)', paced.frame, 'ms'),
    spread('… Enter → usable (the PIN unwrap, the database open and read; the signed-in part loaded while the PIN was typed)', paced.open, 'ms'),
    spread('… the PIN entered at once instead (as fast as the bench can; the app starts loading from the lock screen\'s paint): the lock screen ready + Enter → usable', atOnce.total, 'ms'),
    spread('… … Enter → the signed-in chunk arrived from the service worker (negative: before the Enter)', atOnce.chunk, 'ms'),
    spread('… … Enter → usable (the PIN unwrap, the signed-in part loaded, the database open and read)', atOnce.open, 'ms'),
  ];
}

export async function startWithDataBench(runs: number): Promise<Figure[]> {
  const server = await startBenchServer({ demo: false, staticDir: 'dist' });
  const url = `${server.url}/`;
  const dirs = [mkdtempSync(join(tmpdir(), 'polku-bench-tablet-')), mkdtempSync(join(tmpdir(), 'polku-bench-laptop-'))] as const;
  const figures: Figure[] = [];
  try {
    const seeded = await seed(server.admin, new Date());
    if (PARTS.includes('signin')) {
      const browser = await launchChromium();
      try {
        figures.push(...(await firstSignIn(browser, url, runs, seeded.year)));
      } finally {
        await browser.close();
      }
    }

    // (a) The instructor's tablet.
    if (PARTS.includes('tablet')) {
      const yearHeld = await prepareDevice(dirs[0], url, TABLET, INSTRUCTOR, { docs: seeded.year });
      const paced = await reopen(dirs[0], url, TABLET, INSTRUCTOR, runs, { paced: true });
      const atOnce = await reopen(dirs[0], url, TABLET, INSTRUCTOR, runs, { derive: true });
      figures.push(
        ...reopenRows(`reopening an instructor's tablet holding a year of one group (${yearHeld} documents), CPU 4× slower, 800×1280`, { paced, atOnce }, 1000),
        spread('… of which the PIN\'s key derivation alone (PBKDF2-SHA-256, 600,000 rounds), in the same page, CPU slowed 4×', atOnce.pbkdf2.slowed, 'ms'),
        spread('… the same derivation at full CPU speed (CDP slows the page\'s main thread; WebCrypto runs off it)', atOnce.pbkdf2.full, 'ms'),
      );
    }

    // (b) The coordinator's laptop: 20 groups × 3 years, and a summary for every session.
    if (!PARTS.includes('laptop')) return figures;
    const sessions = COORD_GROUPS.length * 156;
    const coordHeld = await prepareDevice(dirs[1], url, LAPTOP, COORDINATOR, { docs: seeded.coord, summaries: sessions });
    const laptop = { paced: await reopen(dirs[1], url, LAPTOP, COORDINATOR, runs, { paced: true }), atOnce: await reopen(dirs[1], url, LAPTOP, COORDINATOR, runs) };
    figures.push(...reopenRows(`reopening a coordinator's laptop holding ${COORD_GROUPS.length} groups × 3 years (${coordHeld} documents), CPU 4× slower, 1280×800`, laptop, 2000));
    console.log(`  start with data: median ${Math.round(median(laptop.paced.total))} ms (laptop)`);
    return figures;
  } finally {
    await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
