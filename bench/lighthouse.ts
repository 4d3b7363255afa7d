/**
 * Lighthouse (mobile: its default Moto G Power screen, simulated slow 4G and a CPU 4× slower)
 * on the sign-in screen and on an instructor's start screen signed in, against the built app
 * behind the real gateway with the demo organisation, on loopback and nothing else: no audit
 * here needs the internet, and a page request to anywhere but the gateway fails the run.
 *
 * Lighthouse is pinned to 12.2.3 exactly (package.json): 13.x needs Node 22, and npm ci
 * refused locks made with 12.3 to 13.4 here; keep it there until the project moves to Node 22.
 *
 * Each run is a fresh Chromium profile (the Debian Chromium of the tests, as a process with a
 * DevTools port, tooling/chromium.ts): Lighthouse audits the sign-in screen; then
 * the demo instructor signs in through the app in the same profile (Playwright over the same
 * port) and waits until the first sync is done; then Lighthouse audits the start screen
 * again, as an instructor reopening the app: the session cookie, the remembered user, the
 * IndexedDB and the service worker with its caches all stay (`disableStorageReset`), as they
 * do on a tablet. Lighthouse's default would clear the service worker, so every audit would be
 * an installation, with its one-time "works offline now" notice as the largest paint.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/demo-data.ts';
import { spawnChromiumWithPort } from '../tooling/chromium.ts';
import { median, spread, type Figure } from './figures.ts';
import { startBenchServer } from './sync.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const SCORE_GOAL = 98;
const CLS_GOAL = 0.02;
const INSTRUCTOR = 'ohjaaja2';

interface Audit {
  scores: Record<(typeof CATEGORIES)[number], number>;
  cls: number;
  /** Largest contentful paint as Lighthouse simulates it (ms). */
  lcp: number;
  /** Per category, the audits that count towards its score and fell short, for the notes. */
  short: Record<(typeof CATEGORIES)[number], string[]>;
}

/** BENCH_LIGHTHOUSE_REPORTS=<folder>: Lighthouse's own report of every audit is written there (HTML, and its JSON). */
const REPORTS = process.env.BENCH_LIGHTHOUSE_REPORTS;

async function audit(url: string, port: number, name: 'sign-in' | 'signed-in', run: number): Promise<Audit> {
  const result = await lighthouse(url, {
    port, output: REPORTS ? 'html' : 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], maxWaitForLoad: 30_000,
    // The sign-in screen as on a first visit; the signed-in one as reopened (see the top of the file).
    disableStorageReset: name === 'signed-in',
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  if (REPORTS) {
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(join(REPORTS, `${name}-${run}.html`), String(result.report));
    writeFileSync(join(REPORTS, `${name}-${run}.json`), JSON.stringify(result.lhr, null, 1));
  }
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  // The screen meant: signed in, the page loaded the signed-in part (and asked the server about the session).
  const requests = ((lhr.audits['network-requests']?.details as { items?: { url: string }[] } | undefined)?.items ?? []).map((r) => r.url);
  const signedIn = requests.some((u) => /\/assets\/SignedInApp-[\w-]+\.js$/.test(u)) && requests.some((u) => u.includes('/couch/'));
  if (signedIn !== (name === 'signed-in')) throw new Error(`Lighthouse audited ${signedIn ? 'a signed-in screen' : 'the sign-in screen'} where ${name} was meant`);
  const outside = requests.filter((u) => !u.startsWith(new URL(url).origin) && !/^(data|blob):/.test(u));
  if (outside.length) throw new Error(`The audited page reached outside the machine: ${outside.join(', ')}`);
  const scores = {} as Audit['scores'];
  const short = {} as Audit['short'];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (!category || category.score === null) throw new Error(`Lighthouse gave no ${id} score for ${url}`);
    scores[id] = Math.round(category.score * 100);
    short[id] = [];
    for (const ref of category.auditRefs) {
      const a = lhr.audits[ref.id];
      // A score without one of its parts would be no figure. (Lighthouse 12.2.3 cannot read some of
      // Chromium 156's trace for a few diagnostics, e.g. which element shifted; they weigh nothing.)
      if (ref.weight > 0 && a?.scoreDisplayMode === 'error') throw new Error(`Lighthouse could not run ${ref.id}, part of the ${id} score: ${a.errorMessage}`);
      if (ref.weight > 0 && a && a.score !== null && a.score < 1 && (id !== 'performance' || a.score < 0.9)) short[id].push(ref.id);
    }
  }
  const cls = lhr.audits['cumulative-layout-shift']?.numericValue;
  const lcp = lhr.audits['largest-contentful-paint']?.numericValue;
  if (cls === undefined || lcp === undefined) throw new Error(`Lighthouse measured no layout shift or largest contentful paint for ${url}`);
  return { scores, cls, lcp: Math.round(lcp), short };
}

/** The demo instructor signs in through the app's own form, in the profile Lighthouse uses, and waits for the first sync. */
async function signIn(url: string, port: number) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = await browser.contexts()[0]!.newPage();
    await page.goto(url);
    await page.locator('#sign-in-name').fill(INSTRUCTOR);
    await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('next-session').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => {
      const badge = document.querySelector('[data-testid=sync-badge]');
      return badge?.getAttribute('data-status') === 'idle' && badge.getAttribute('data-pending') === '0';
    }, undefined, { timeout: 60_000 });
    await page.close();
  } finally {
    await browser.close(); // over CDP: disconnects, the browser stays
  }
}

export async function lighthouseBench(runs: number): Promise<Figure[]> {
  const started = Date.now();
  const server = await startBenchServer({ demo: true, staticDir: 'dist' });
  const url = `${server.url}/`;
  const screens = { signIn: [] as Audit[], signedIn: [] as Audit[] };
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await spawnChromiumWithPort();
      try {
        screens.signIn.push(await audit(url, browser.port, 'sign-in', i + 1));
        await signIn(url, browser.port);
        screens.signedIn.push(await audit(url, browser.port, 'signed-in', i + 1));
      } finally {
        await browser.close();
      }
      const last = (a: Audit[]) => `${CATEGORIES.map((c) => a.at(-1)!.scores[c]).join('/')}, CLS ${a.at(-1)!.cls.toFixed(3)}`;
      console.log(`  lighthouse run ${i + 1}: sign-in ${last(screens.signIn)}; signed in ${last(screens.signedIn)}`);
    }
  } finally {
    await server.stop();
  }
  console.log(`  lighthouse: ${runs} runs in ${Math.round((Date.now() - started) / 1000)} s`);
  const figures: Figure[] = [];
  const names = { signIn: 'the sign-in screen', signedIn: `the start screen signed in (${INSTRUCTOR}, reopening the app)` };
  const labels = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices' };
  for (const [screen, audits] of Object.entries(screens) as [keyof typeof screens, Audit[]][]) {
    CATEGORIES.forEach((c, n) => {
      const what = `${n === 0 ? `Lighthouse mobile, ${names[screen]}:` : '…'} ${labels[c]} score`;
      const short = [...new Set(audits.flatMap((a) => a.short[c]))];
      const figure = spread(what, audits.map((a) => a.scores[c]), '', { text: `≥ ${SCORE_GOAL}`, ok: (m) => m >= SCORE_GOAL });
      figures.push({ ...figure, ...(short.length ? { note: `short: ${short.join(', ')}` } : {}) });
    });
    const cls = audits.map((a) => Math.round(a.cls * 1000) / 1000);
    figures.push({
      what: '… cumulative layout shift (CLS)',
      median: median(cls),
      min: Math.min(...cls),
      max: Math.max(...cls),
      unit: '',
      budget: `≤ ${CLS_GOAL}`,
      ok: median(cls) <= CLS_GOAL,
    });
    figures.push(spread('… largest contentful paint, simulated (slow 4G, CPU 4× slower)', audits.map((a) => a.lcp), 'ms'));
  }
  return figures;
}
