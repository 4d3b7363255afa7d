import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { quotaOf } from '../../tooling/app-page.ts';
import { tabletContext } from '../../tooling/chromium.ts';
import { e2eNow } from '../../tooling/clock.ts';
import { longNotes } from '../../tooling/doc-examples.ts';
import { checkpointSince, expectNoAxeViolations, localDocs, signIn, waitForSync } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const e2e = useServerAndBrowser();

/**
 * The screen as a phone and a laptop show it, in each of the app's languages, saved for people
 * to look at (as screenshots.test.ts does). The language is chosen in the person's menu, as a
 * person would: what the screen holds (typed text, the problem shown) stays. `shows`: catalogue
 * keys whose text must be on the screen in each language. Back in Finnish after.
 */
const OUT = resolve(process.env.POLKU_SCREENSHOTS ?? 'test-results/screens');
const LANGS = ['fi', 'sv', 'en'] as const;
const catalogue = (lang: string): Record<string, string> => JSON.parse(readFileSync(`src/i18n/messages/${lang}.json`, 'utf8'));
async function chooseLanguage(page: Page, lang: string) {
  const menu = page.locator('.person-button');
  await menu.click();
  await page.locator('#person-panel select').selectOption(lang);
  await menu.click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe(lang);
  // The menu's button keeps the focus ring once closed: not part of the screen looked at.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}
async function screenshots(page: Page, name: string, shows: string[]) {
  mkdirSync(OUT, { recursive: true });
  const before = page.viewportSize();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const words = catalogue(lang);
    for (const key of shows) await page.getByText(words[key]!).first().waitFor();
    for (const [width, height] of [[360, 740], [1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(OUT, `${name}-${lang}-${width}.png`), fullPage: true });
    }
  }
  await chooseLanguage(page, 'fi');
  if (before) await page.setViewportSize(before);
}

type ServerDoc = { _id: string; type?: string; text?: string };
const serverNotes = async (text: string) =>
  (await e2e.server.admin.ok<{ rows: { doc: ServerDoc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`)).rows.filter((r) => r.doc.type === 'note' && r.doc.text === text);
const localCount = async (page: Page, type: string) => (await localDocs(page, 'ohjaaja1')).filter((d) => d.type === type).length;

describe('a full device, in real Chromium', () => {
  it('refuses a local write whole with a clear message, keeps what was typed, and saves it once space is freed', async () => {
    const { context, page } = await e2e.signedInTablet('ohjaaja1', { at: duringNextSession() });
    const quota = await quotaOf(context, page, e2e.server.url);
    const attendanceBefore = await localCount(page, 'attendance');
    const notesBefore = await localCount(page, 'note');

    // A tap on the attendance sheet: refused, said, and not shown as marked.
    await page.goto(`/#/session/${encodeURIComponent(scope)}/session%3Ademo0003`);
    const row = page.getByTestId('attendance-row').first();
    await row.waitFor();
    const present = row.getByRole('button', { name: 'Läsnä', exact: true });
    const pressedBefore = await present.getAttribute('aria-pressed');
    expect(pressedBefore).not.toBe('true');
    await quota.full();
    await present.click();
    await page.getByRole('alert').filter({ hasText: 'Laitteen tallennustila on täynnä.' }).waitFor();
    expect(await present.getAttribute('aria-pressed')).toBe(pressedBefore);
    await expectNoAxeViolations(page, 'attendance, device full');

    // A note: refused whole, what was typed stays in the form.
    const text = 'Kirjoitettu, kun laitteen tila oli lopussa.';
    await page.goto(`/#/participant/${encodeURIComponent(scope)}/participant%3Aaino0001`);
    const form = page.getByRole('form', { name: 'Uusi muistiinpano' });
    await form.getByLabel('Havainto').fill(text);
    await form.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Laitteen tallennustila on täynnä. Viimeisintä muutosta ei tallennettu, mutta se on yhä näytöllä. Vapauta laitteelta tilaa ja yritä uudelleen.');
    expect(await form.getByLabel('Havainto').inputValue()).toBe(text);
    await expectNoAxeViolations(page, 'note form, device full');
    await form.scrollIntoViewIfNeeded();
    await screenshots(page, 'storage-full-note', ['storage.quotaFull']);
    // Nothing half-stored, nothing waiting to be sent.
    expect(await localCount(page, 'attendance')).toBe(attendanceBefore);
    expect(await localCount(page, 'note')).toBe(notesBefore);
    expect(await page.getByTestId('sync-badge').getAttribute('data-pending')).toBe('0');

    // Space freed: the same tap saves it, once.
    await quota.freed();
    await form.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
    await page.getByTestId('notes').getByText(text).waitFor();
    await alert.waitFor({ state: 'detached' });
    expect(await form.getByLabel('Havainto').inputValue()).toBe('');
    await waitForSync(page);
    expect(await serverNotes(text)).toHaveLength(1);
    expect(await localCount(page, 'note')).toBe(notesBefore + 1);
    await context.close();
  });

  it('a first sync that fills the device stops at the last page stored, says the device is full, backs off, and completes once space is freed', async () => {
    // A group with a long history: more than the first page of changes (1,000) holds.
    const at = e2eNow().toISOString();
    const seeded = longNotes(scope, 1500, at, 20);
    for (let i = 0; i < seeded.length; i += 500) await e2e.server.admin.ok('POST', `/${scope}/_bulk_docs`, { docs: seeded.slice(i, i + 500) });
    const seededIds = new Set(seeded.map((d) => d._id));

    const context = await tabletContext(e2e.browser, e2e.server.url);
    const page = await context.newPage();
    const quota = await quotaOf(context, page, e2e.server.url);
    // The second page is asked for while the first is being stored; the device fills up once
    // the first is stored and its checkpoint saved, before the second arrives.
    let firstPageEnd: string | undefined;
    const asked: { since: string; at: number }[] = [];
    await context.route(`**/couch/${scope}/_changes*`, async (route) => {
      const since = new URL(route.request().url()).searchParams.get('since') ?? '0';
      asked.push({ since, at: Date.now() });
      if (since === '0' || firstPageEnd !== undefined) return route.continue();
      firstPageEnd = since;
      const response = await route.fetch();
      await expect.poll(() => checkpointSince(page, 'ohjaaja1', scope), { timeout: 60_000 }).toBe(since);
      await quota.full();
      return route.fulfill({ response });
    });

    await page.goto('/');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    const badge = page.getByTestId('sync-badge');
    // Between rounds (a retry shows it syncing again): the device is full, not the connection lost.
    const said = async () => `${await badge.getAttribute('data-status')}:${await badge.getAttribute('data-problem')}:${await badge.locator('strong').textContent()}`;
    await expect.poll(said, { timeout: 60_000, interval: 100 }).toBe('error:sync.err.storageFull:Laitteen tila täynnä');
    expect(firstPageEnd).toBeDefined();

    // The checkpoint is at the first page's end; what is stored is that page, whole, and nothing after it.
    expect(await checkpointSince(page, 'ohjaaja1', scope)).toBe(firstPageEnd);
    const after = await e2e.server.admin.ok<{ results: { id: string }[] }>('GET', `/${scope}/_changes?since=${encodeURIComponent(firstPageEnd!)}`);
    const notYet = new Set(after.results.map((r) => r.id));
    const all = await e2e.server.admin.ok<{ results: { id: string }[] }>('GET', `/${scope}/_changes?since=0`);
    const stored = new Set((await localDocs(page, 'ohjaaja1')).filter((d) => d.scope === scope).map((d) => d.id ?? ''));
    expect([...stored].filter((id) => notYet.has(id))).toEqual([]);
    const seededBefore = all.results.map((r) => r.id).filter((id) => seededIds.has(id) && !notYet.has(id));
    expect(seededBefore.length).toBeGreaterThan(500);
    expect(seededBefore.filter((id) => !stored.has(id))).toEqual([]);
    expect(notYet.size).toBeGreaterThan(0);

    // The details say what to do, in the person's language.
    await page.getByRole('link', { name: 'Synkronointi' }).click();
    const details = page.getByRole('alert').filter({ hasText: 'Laitteen tallennustila on täynnä' });
    await details.waitFor();
    await expectNoAxeViolations(page, 'sync details, device full');

    // No retry storm: while the device stays full, the rounds back off (2 s, 4 s, 8 s…).
    await page.waitForTimeout(12_000);
    const retries = asked.filter((a) => a.since === firstPageEnd);
    const gaps = retries.slice(1).map((r, i) => r.at - retries[i]!.at);
    console.log(`storage full: ${retries.length} requests for the page after the checkpoint in ~${Math.round((Date.now() - retries[0]!.at) / 1000)} s, gaps ${gaps.map((g) => `${(g / 1000).toFixed(1)} s`).join(', ')}`);
    expect(retries.length).toBeLessThanOrEqual(5);
    expect(gaps.every((g) => g >= 1_500)).toBe(true);
    await expect.poll(said, { timeout: 30_000, interval: 100 }).toBe('error:sync.err.storageFull:Laitteen tila täynnä');
    expect(await checkpointSince(page, 'ohjaaja1', scope)).toBe(firstPageEnd);
    // Shot after the retries are counted: three languages take time the count should not include.
    await screenshots(page, 'storage-full-sync', ['sync.err.storageFull', 'sync.status.storageFull']);

    // Space freed: the next round resumes at the checkpoint and brings the rest, once.
    await quota.freed();
    await page.getByRole('button', { name: 'Synkronoi nyt' }).click();
    await waitForSync(page, 60_000);
    expect(await badge.getAttribute('data-problem')).toBe('');
    await details.waitFor({ state: 'detached' });
    const now = (await localDocs(page, 'ohjaaja1')).filter((d) => d.scope === scope).map((d) => d.id ?? '');
    expect(now.filter((id) => seededIds.has(id))).toHaveLength(seeded.length);
    expect(new Set(now).size).toBe(now.length);
    const serverIds = all.results.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
    expect(serverIds.filter((id) => !now.includes(id) && seededIds.has(id))).toEqual([]);
    expect(await checkpointSince(page, 'ohjaaja1', scope)).not.toBe(firstPageEnd);
    console.log(`storage full, first sync: ${seededBefore.length} of ${seeded.length} seeded notes stored before the device was full, ${notYet.size} changes after the checkpoint; after space was freed ${now.filter((id) => seededIds.has(id)).length} of ${seeded.length}, ${now.length} documents of the group on the device`);
    await context.close();
  });
});
