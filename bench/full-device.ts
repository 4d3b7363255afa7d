/**
 * A full device (issue 17), the long version of tests/e2e/storage-full.test.ts: the built app
 * (`dist/`) behind the real gateway over the embedded PouchDB Server, in headless Chromium
 * whose quota for the app's origin is lowered through the DevTools protocol
 * (tooling/app-page.ts; IndexedDB takes up to ~30 s to notice, so each moment waits until a
 * probe write of its own is refused). Everything through the app's own screens.
 *
 * 1. Local writes while full: each round fills the device, taps three attendance marks (the
 *    screen opened afresh before each, so that each tap's own refusal is seen) and saves one
 *    typed note. Each must be refused whole (nothing stored, nothing pending), the note's text
 *    still in its form; then space is freed, the note saved again from the same form and the
 *    same marks tapped again: each stored once, on the device and on the server.
 * 2. A first sync of a large group (the demo's and 7,200 notes: pages of 1,000, 2,000 and
 *    4,000 changes, then the rest), a fresh device each run, the device filling once page 1,
 *    2, 3… is stored and its checkpoint saved: what is stored must be the whole pages up to
 *    the checkpoint and nothing past it; the badge must say the device is full; the rounds
 *    must back off. Then space is freed, "Synkronoi nyt" tapped, and every server document
 *    must be on the device exactly once.
 */
import { readFileSync } from 'node:fs';
import type { APIResponse, Browser, Page } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../server/demo-data.ts';
import { attendanceId, groupScope } from '../src/domain/index.ts';
import { SYNC_CHECK_PATH } from '../src/wire/sync-check.ts';
import { checkpointSince, localDocs, quotaOf, signIn } from '../tooling/app-page.ts';
import { launchChromium, tabletContext } from '../tooling/chromium.ts';
import { e2eNow } from '../tooling/clock.ts';
import { duringNextSession } from '../tooling/demo-session.ts';
import { longNotes } from '../tooling/doc-examples.ts';
import type { TestServer } from '../tooling/test-server.ts';
import { fail, once, spread, type Figure } from './figures.ts';
import { POUCHDB_SERVER, startBenchServer } from './sync.ts';

/** After which page of the first sync the device fills, one run each. */
const FILL_AFTER = (process.env.BENCH_FULLDEV_PAGES ?? '1,2,3').split(',').map(Number);
/** Rounds of local writes while full, each three attendance marks and a note. */
const WRITE_ROUNDS = Number(process.env.BENCH_FULLDEV_WRITE_ROUNDS ?? 2);
const MARKS_PER_ROUND = 3;
/** Enough for a page past the third (1,000 + 2,000 + 4,000 changes), on top of the demo's. */
const NOTES = 7_200;
/** How long the rounds are watched while the device stays full. */
const WATCH_MS = 16_000;

const USER = 'ohjaaja1';
const scope = groupScope(DEMO_GROUP_KEY);
const SESSION = 'session:demo0003';
const fi: Record<string, string> = JSON.parse(readFileSync('src/i18n/messages/fi.json', 'utf8'));
const word = (key: string) => fi[key] ?? fail(`no Finnish text for ${key}`);
const SYNCED = '[data-testid="sync-badge"][data-status="idle"][data-pending="0"]:not([data-last-sync=""])';
const FULL = 'error:sync.err.storageFull';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250) {
  const from = Date.now();
  while (!(await check())) {
    if (Date.now() - from > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
}
const seconds = (ms: number) => Math.round(ms / 100) / 10;
/** A count that should be every one of `of`. */
const every = (what: string, value: number, of: number): Figure => ({ ...once(what, value, ''), budget: `${of}`, ok: value === of });

const badgeSays = async (page: Page) => {
  const badge = page.getByTestId('sync-badge');
  return `${await badge.getAttribute('data-status')}:${await badge.getAttribute('data-problem')}`;
};
const pending = async (page: Page) => Number(await page.getByTestId('sync-badge').getAttribute('data-pending'));

type ServerDoc = { _id: string; type?: string; text?: string; sessionId?: string; participantId?: string; status?: string };
const serverDocs = async (server: TestServer) =>
  (await server.admin.ok<{ rows: { doc: ServerDoc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`)).rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_design/'));

interface WriteCounts {
  made: number;
  refusedWhole: number;
  partial: number;
  textKept: number;
  notes: number;
  storedOnce: number;
  lost: number;
  duplicated: number;
  detectMs: number[];
  freedToServerMs: number[];
}

/** (1) Local writes while full, round after round on one device. */
async function writesWhileFull(browser: Browser, server: TestServer): Promise<WriteCounts> {
  const counts: WriteCounts = { made: 0, refusedWhole: 0, partial: 0, textKept: 0, notes: 0, storedOnce: 0, lost: 0, duplicated: 0, detectMs: [], freedToServerMs: [] };
  const context = await tabletContext(browser, server.url, duringNextSession());
  try {
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, USER, DEMO_PASSWORD);
    await page.locator(SYNCED).waitFor({ timeout: 120_000 });
    const quota = await quotaOf(context, page, server.url);
    const sessionHash = `/#/session/${encodeURIComponent(scope)}/${encodeURIComponent(SESSION)}`;
    const openSession = async () => {
      // Away and back: the screen mounts afresh, with no refusal from an earlier tap showing.
      await page.goto('/#/');
      await page.goto(sessionHash);
      await page.getByTestId('attendance-row').first().waitFor();
    };
    const presentOf = (participant: string) => page.locator(`[data-testid="attendance-row"][data-participant="${participant}"]`).getByRole('button', { name: word('attendance.present'), exact: true });
    await openSession();
    const unmarked: string[] = [];
    for (const row of await page.getByTestId('attendance-row').all()) {
      const participant = (await row.getAttribute('data-participant')) ?? '';
      if ((await presentOf(participant).getAttribute('aria-pressed')) !== 'true') unmarked.push(participant);
    }
    if (unmarked.length < WRITE_ROUNDS * MARKS_PER_ROUND) fail(`the demo session has ${unmarked.length} participants not yet marked; ${WRITE_ROUNDS} rounds need ${WRITE_ROUNDS * MARKS_PER_ROUND}`);
    const refusal = page.getByRole('alert').filter({ hasText: word('storage.quotaFull') });

    for (let round = 0; round < WRITE_ROUNDS; round++) {
      const marks = unmarked.slice(round * MARKS_PER_ROUND, (round + 1) * MARKS_PER_ROUND);
      const noteFor = marks[0]!;
      const text = `Kirjoitettu täydellä laitteella, kierros ${round + 1}.`;
      const localBefore = await localDocs(page, USER);
      const notesBefore = localBefore.filter((d) => d.type === 'note').length;
      counts.detectMs.push(await quota.full());

      // Each tap: refused, said, not shown as marked, nothing stored, nothing waiting to be sent.
      for (const participant of marks) {
        await openSession();
        await presentOf(participant).click();
        const said = await refusal.waitFor({ timeout: 15_000 }).then(() => true, () => false);
        const shownMarked = (await presentOf(participant).getAttribute('aria-pressed')) === 'true';
        const stored = (await localDocs(page, USER)).some((d) => d.id === attendanceId(SESSION, participant));
        const waiting = await pending(page);
        counts.made++;
        if (said && !shownMarked && !stored && waiting === 0) counts.refusedWhole++;
        if (stored || waiting > 0) counts.partial++;
      }

      // The note: refused whole, what was typed stays in the form.
      await page.goto(`/#/participant/${encodeURIComponent(scope)}/${encodeURIComponent(noteFor)}`);
      const form = page.getByRole('form', { name: word('note.title') });
      await form.getByLabel(word('note.text')).fill(text);
      await form.getByRole('button', { name: word('note.save') }).click();
      const noteSaid = await form.getByRole('alert').filter({ hasText: word('storage.quotaFull') }).waitFor({ timeout: 15_000 }).then(() => true, () => false);
      const kept = (await form.getByLabel(word('note.text')).inputValue()) === text;
      const notesNow = (await localDocs(page, USER)).filter((d) => d.type === 'note').length;
      const waiting = await pending(page);
      counts.made++;
      counts.notes++;
      if (kept) counts.textKept++;
      if (noteSaid && notesNow === notesBefore && waiting === 0) counts.refusedWhole++;
      if (notesNow !== notesBefore || waiting > 0) counts.partial++;

      // Space freed: the same form's save, and the same taps, store each once.
      await quota.freed();
      const freedAt = Date.now();
      await form.getByRole('button', { name: word('note.save') }).click();
      await page.getByTestId('notes').getByText(text).waitFor({ timeout: 30_000 });
      await openSession();
      for (const participant of marks) {
        await presentOf(participant).click();
        await until(`${participant} shown as marked`, async () => (await presentOf(participant).getAttribute('aria-pressed')) === 'true', 15_000);
      }
      const onServer = async () => {
        const docs = await serverDocs(server);
        return {
          notes: docs.filter((d) => d.type === 'note' && d.text === text).length,
          marks: marks.map((p) => docs.filter((d) => d.type === 'attendance' && d.sessionId === SESSION && d.participantId === p && d.status === 'present').length),
        };
      };
      await until('the round\'s writes on the server', async () => {
        const now = await onServer();
        return now.notes > 0 && now.marks.every((n) => n > 0);
      }, 60_000, 500).catch(() => undefined);
      counts.freedToServerMs.push(Date.now() - freedAt);
      await page.locator('[data-testid="sync-badge"][data-status="idle"][data-pending="0"]').waitFor({ timeout: 60_000 });
      const there = await onServer();
      const local = await localDocs(page, USER);
      const outcomes = [
        { server: there.notes, device: local.filter((d) => d.type === 'note').length - notesBefore },
        ...marks.map((p, i) => ({ server: there.marks[i]!, device: local.filter((d) => d.id === attendanceId(SESSION, p)).length })),
      ];
      for (const { server: onTheServer, device } of outcomes) {
        if (onTheServer === 1 && device === 1) counts.storedOnce++;
        else if (onTheServer > 1 || device > 1) counts.duplicated++;
        // Not on the server, or gone from the device.
        else counts.lost++;
      }
      console.log(`  full device, local writes, round ${round + 1}: ${counts.refusedWhole}/${counts.made} refused whole so far, ${counts.storedOnce} stored once after freeing`);
    }
    return counts;
  } finally {
    await context.close();
  }
}

/** Notes enough for several pages of a first sync, written to the group on the server. */
async function seedNotes(server: TestServer): Promise<number> {
  const at = e2eNow().toISOString();
  const docs = longNotes(scope, NOTES, at, 6);
  for (let i = 0; i < docs.length; i += 1_000) {
    const written = await server.admin.ok<{ rev?: string }[]>('POST', `/${scope}/_bulk_docs`, { docs: docs.slice(i, i + 1_000) });
    if (written.some((w) => !w.rev)) fail('the server refused part of the seeded notes');
  }
  return (await serverDocs(server)).length;
}

interface FirstSyncRun {
  pagesStored: number;
  storedBeforeFull: number;
  halfWritten: number;
  saidFull: boolean;
  detectMs: number;
  refusedToSaidMs?: number;
  roundsWhileFull: number;
  shortestGapMs?: number;
  freedToCompleteMs: number;
  missing: number;
  duplicated: number;
}

/** (2) One first sync on a fresh device, the device filling once page `fillAfter` is stored. */
async function firstSyncFilling(browser: Browser, server: TestServer, fillAfter: number): Promise<FirstSyncRun> {
  const context = await tabletContext(browser, server.url);
  try {
    const page = await context.newPage();
    const quota = await quotaOf(context, page, server.url);
    // Each page's request names where the page before it ended: the (n+1)th page is asked for
    // while the nth is being stored, and is held until the nth is stored and the device full.
    const state: { ends: string[]; filling?: Promise<APIResponse>; detectMs: number; fullAt: number } = { ends: [], detectMs: 0, fullAt: 0 };
    await context.route(`**/couch/${scope}/_changes*`, async (route) => {
      const since = new URL(route.request().url()).searchParams.get('since') ?? '0';
      if (since === '0' || state.filling || state.ends.includes(since)) return route.continue();
      state.ends.push(since);
      if (state.ends.length < fillAfter) return route.continue();
      state.filling = (async () => {
        const response = await route.fetch();
        await until(`the checkpoint at page ${fillAfter}'s end`, async () => (await checkpointSince(page, USER, scope)) === since, 300_000);
        state.detectMs = await quota.full();
        state.fullAt = Date.now();
        return response;
      })();
      const response = await state.filling.catch(() => undefined);
      return response ? route.fulfill({ response }) : route.abort();
    });
    const rounds: number[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === SYNC_CHECK_PATH) rounds.push(Date.now());
    });

    await page.goto('/');
    await signIn(page, USER, DEMO_PASSWORD);
    await until(`page ${fillAfter + 1} of the first sync asked for`, async () => state.filling !== undefined || (await page.locator(SYNCED).count()) > 0, 300_000);
    if (!state.filling) fail(`the first sync ended before a page past page ${fillAfter}: the group is too small for BENCH_FULLDEV_PAGES`);
    await state.filling;
    const saidFull = await until('the badge saying the device is full', async () => (await badgeSays(page)) === FULL, 60_000, 100).then(() => true, () => false);
    const refusedToSaidMs = saidFull ? Date.now() - state.fullAt : undefined;

    // While full: the details open, the rounds watched.
    await page.getByTestId('sync-badge').click();
    await page.waitForTimeout(WATCH_MS);
    const watched = rounds.filter((t) => t >= state.fullAt);
    const gaps = watched.slice(1).map((t, i) => t - watched[i]!);

    // What is stored: the pages up to the checkpoint, whole, and nothing past it.
    const checkpoint = (await checkpointSince(page, USER, scope)) ?? '0';
    const pagesStored = state.ends.indexOf(checkpoint) + 1;
    const ids = async (since: string) =>
      (await server.admin.ok<{ results: { id: string }[] }>('GET', `/${scope}/_changes?since=${encodeURIComponent(since)}`)).results.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
    const notYet = new Set(await ids(checkpoint));
    const upToCheckpoint = (await ids('0')).filter((id) => !notYet.has(id));
    const stored = new Set((await localDocs(page, USER)).filter((d) => d.scope === scope).map((d) => d.id ?? ''));
    const halfWritten = [...stored].filter((id) => notYet.has(id)).length + upToCheckpoint.filter((id) => !stored.has(id)).length;

    // Space freed: the next round, tapped, resumes at the checkpoint and brings the rest.
    await quota.freed();
    const freedAt = Date.now();
    await page.getByRole('button', { name: word('sync.now') }).click();
    await page.locator(SYNCED).waitFor({ timeout: 300_000 });
    const freedToCompleteMs = Date.now() - freedAt;
    const now = (await localDocs(page, USER)).filter((d) => d.scope === scope).map((d) => d.id ?? '');
    const held = new Set(now);
    const missing = (await serverDocs(server)).filter((d) => !held.has(d._id)).length;
    const run: FirstSyncRun = {
      pagesStored,
      storedBeforeFull: stored.size,
      halfWritten,
      saidFull,
      detectMs: state.detectMs,
      refusedToSaidMs,
      roundsWhileFull: watched.length,
      shortestGapMs: gaps.length ? Math.min(...gaps) : undefined,
      freedToCompleteMs,
      missing,
      duplicated: now.length - held.size,
    };
    console.log(
      `  full device, first sync filling after page ${fillAfter}: ${run.storedBeforeFull} documents stored (${pagesStored} pages), ${halfWritten} half-written; said full: ${saidFull}; ${run.roundsWhileFull} rounds in ${seconds(WATCH_MS)} s (gaps ${gaps.map((g) => `${seconds(g)} s`).join(', ')}); complete ${seconds(freedToCompleteMs)} s after space was freed, ${missing} missing, ${run.duplicated} duplicated`,
    );
    return run;
  } finally {
    await context.close();
  }
}

export async function fullDeviceBench(): Promise<Figure[]> {
  const server = await startBenchServer({ demo: true, staticDir: 'dist', now: e2eNow() });
  const browser = await launchChromium();
  try {
    const writes = await writesWhileFull(browser, server);
    const groupDocs = await seedNotes(server);
    const runs: FirstSyncRun[] = [];
    for (const fillAfter of FILL_AFTER) runs.push(await firstSyncFilling(browser, server, fillAfter));

    const sum = (of: (r: FirstSyncRun) => number) => runs.reduce((n, r) => n + of(r), 0);
    const pages = runs.map((r) => r.pagesStored);
    const gaps = runs.flatMap((r) => (r.shortestGapMs === undefined ? [] : [r.shortestGapMs]));
    const said = runs.flatMap((r) => (r.refusedToSaidMs === undefined ? [] : [r.refusedToSaidMs]));
    const first = `a first sync of a large group (${groupDocs} documents; pages of 1,000, 2,000, 4,000 changes) on a fresh tablet, the device full after page ${FILL_AFTER.join(', ')} (one run each; embedded ${POUCHDB_SERVER}): runs`;
    return [
      once(`local writes while the device was full, through the app's screens, ${WRITE_ROUNDS} rounds × (${MARKS_PER_ROUND} attendance marks + 1 typed note) (embedded ${POUCHDB_SERVER})`, writes.made, ''),
      every('… refused whole (the refusal said, nothing stored, nothing waiting to be sent)', writes.refusedWhole, writes.made),
      once('… stored partially or left waiting to be sent', writes.partial, '', { max: 0, text: '0' }),
      every(`… typed notes still in their form after the refusal (of ${writes.notes})`, writes.textKept, writes.notes),
      every('… stored once after space was freed (once on the device, once on the server)', writes.storedOnce, writes.made),
      once('… lost', writes.lost, '', { max: 0, text: '0' }),
      once('… duplicated', writes.duplicated, '', { max: 0, text: '0' }),
      spread('… space freed → the round\'s writes saved again and on the server (the note\'s save and the marks tapped again)', writes.freedToServerMs.map((ms) => ms / 1000), 's'),
      once(first, runs.length, ''),
      { ...spread('… whole pages stored before the device was full', pages, ''), note: `documents stored: ${runs.map((r) => r.storedBeforeFull).join(', ')}` },
      once('… documents half-written (stored past the checkpoint, or missing from the pages before it)', sum((r) => r.halfWritten), '', { max: 0, text: '0' }),
      every('… runs in which the badge said the device was full (sync.err.storageFull)', runs.filter((r) => r.saidFull).length, runs.length),
      ...(said.length ? [spread('… the page past the checkpoint handed to the app → the badge says the device is full', said.map((ms) => ms / 1000), 's')] : []),
      spread(`… rounds while full, from the page refused to ${seconds(WATCH_MS)} s after the badge said so`, runs.map((r) => r.roundsWhileFull), ''),
      ...(gaps.length ? [spread('… shortest gap between two retry rounds while full (the back-off doubles from 2 s; the first retry\'s gap, from the failed round, not counted)', gaps.map((ms) => ms / 1000), 's')] : []),
      spread('… space freed → the sync complete ("Synkronoi nyt" tapped)', runs.map((r) => r.freedToCompleteMs / 1000), 's'),
      once('… server documents missing on the device after it', sum((r) => r.missing), '', { max: 0, text: '0' }),
      once('… documents duplicated on the device', sum((r) => r.duplicated), '', { max: 0, text: '0' }),
      spread('quota lowered → IndexedDB refusing writes (Chromium\'s cached space; every moment above)', [...writes.detectMs, ...runs.map((r) => r.detectMs)].map((ms) => ms / 1000), 's'),
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
