import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope, participantId, sessionId } from '../../src/domain/index.ts';
import { expectNoAxeViolations, localDocs, signIn, unlock, waitForSync } from '../support/app-driver.ts';
import { launchTabletProfile } from '../../tooling/chromium.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const profile = mkdtempSync(join(tmpdir(), 'polku-profile-'));

const e2e = useServerAndBrowser();
afterAll(() => {
  rmSync(profile, { recursive: true, force: true });
});

/** Live documents of one scope in the user's IndexedDB. */
const storedDocsOf = async (page: Page, user: string, scope: string) => (await localDocs(page, user)).filter((d) => d.scope === scope).length;

const firstPage = async (context: BrowserContext): Promise<Page> => context.pages()[0] ?? context.newPage();

describe('a tablet kept between days, in real Chromium', () => {
  it('opens offline after the browser was closed, still signed in; sign-out is behind the person menu, always asked, warns about unsent changes and the network, then wipes the device', async () => {
    let context = await launchTabletProfile(profile, e2e.server.url);
    let page = await firstPage(context);
    await page.goto('/');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    await waitForSync(page);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await context.close();

    // Next morning, far from any mast: the browser starts offline.
    context = await launchTabletProfile(profile, e2e.server.url);
    await context.setOffline(true);
    page = await firstPage(context);
    await page.goto('/');
    await unlock(page);
    await page.getByTestId('next-session').waitFor();
    await page.getByRole('button', { name: 'Oma valikko: ohjaaja1' }).waitFor();
    await expect.poll(() => page.getByTestId('sync-badge').getAttribute('data-status')).toBe('offline');

    await page.getByRole('link', { name: 'Uusi kerta' }).click();
    await page.getByLabel('Kylä').fill('Saarikylä');
    await page.getByLabel('Teema tai toiminta').fill('Selain suljettiin välillä');
    await page.getByRole('button', { name: 'Tallenna kerta' }).click();
    await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
    await expect.poll(() => page.getByTestId('sync-badge').getAttribute('data-pending')).toBe('1');

    // Signing out now would lose that: a warning first, and a word that signing in again needs the network.
    await page.getByRole('button', { name: 'Oma valikko: ohjaaja1' }).click();
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    const warning = page.getByRole('alertdialog', { name: 'Muutoksia ei ole vielä lähetetty' });
    await warning.getByText('1 muutos on vain tällä laitteella.', { exact: false }).waitFor();
    await warning.getByText('Kirjautuminen takaisin tarvitsee verkkoyhteyden', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'sign-out warning');
    await warning.getByRole('button', { name: 'Peruuta' }).click();
    await warning.waitFor({ state: 'detached' });

    await context.setOffline(false);
    await waitForSync(page);
    const all = await e2e.server.admin.ok<{ rows: { doc: { theme?: string } }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
    expect(all.rows.filter((r) => r.doc.theme === 'Selain suljettiin välillä')).toHaveLength(1);

    // Everything is on the server: still asked once, then nothing is left behind.
    const before = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect(before.some((name) => name.includes('ohjaaja1'))).toBe(true);
    await page.getByRole('button', { name: 'Oma valikko: ohjaaja1' }).click();
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Kirjaudutaanko ulos?' });
    expect(await confirm.getByText('verkkoyhteyden', { exact: false }).count()).toBe(0);
    await confirm.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
    await expect.poll(async () => (await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))).filter((n) => n.includes('ohjaaja1'))).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('polku.user'))).toBeNull();
    await context.close();
  });

  it('shows names and texts typed by people as text, never as markup', async () => {
    const at = new Date().toISOString();
    const base = { schemaVersion: 1, scope, createdAt: at, updatedAt: at, createdBy: 'koordinaattori', updatedBy: 'koordinaattori', clock: {} };
    const person = participantId('xss00001');
    const session = sessionId('xss00001');
    await e2e.server.admin.ok('POST', `/${scope}/_bulk_docs`, {
      docs: [
        { _id: person, type: 'participant', ...base, groupKey: DEMO_GROUP_KEY, displayName: '<img src=x onerror="window.__xss=1">', homeVillage: '"><svg onload="window.__xss=2">', language: 'fi', status: 'active', startDate: '2026-09-01' },
        { _id: session, type: 'session', ...base, groupKey: DEMO_GROUP_KEY, date: '2027-01-05', startTime: '10:00', endTime: '13:00', village: '<b>Kylä</b>', theme: '<script>window.__xss=3</script>', instructors: [], capacity: 8, costCents: 0, status: 'planned' },
      ],
    });
    const { context, page } = await e2e.signedInTablet('ohjaaja2');
    await page.getByText('<b>Kylä</b> · <script>window.__xss=3</script>').first().waitFor();
    await page.goto(`/#/session/${encodeURIComponent(scope)}/${encodeURIComponent(session)}`);
    await page.getByText('<img src=x onerror="window.__xss=1">').waitFor();
    await page.getByText('"><svg onload="window.__xss=2">').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main svg:not(.icon), main script, main b').count()).toBe(0);
    await context.close();
  });

  it("removes a group's data from the device at the next sync once access to it is taken away", async () => {
    const { context, page } = await e2e.signedInTablet('ohjaaja2');

    expect(await storedDocsOf(page, 'ohjaaja2', scope)).toBeGreaterThan(30);

    await e2e.server.server.accounts.removeStaff(DEMO_GROUP_KEY, 'ohjaaja2');
    await page.getByRole('link', { name: 'Synkronointi' }).click();
    await page.getByRole('button', { name: 'Synkronoi nyt' }).click();
    await page.getByRole('link', { name: 'PopUp-kerrat' }).click();
    await page.getByText('Et ole vielä minkään ryhmän ohjaaja.', { exact: false }).waitFor();
    await expect.poll(() => storedDocsOf(page, 'ohjaaja2', scope)).toBe(0);
    await context.close();
  });
});
