import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { expectNoAxeViolations, signIn, unlock, waitForSync } from '../support/app-driver.ts';
import { tabletContext } from '../../tooling/chromium.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);

const e2e = useServerAndBrowser();

type ServerDoc = { _id: string; type?: string; theme?: string; sessionId?: string; status?: string; createdBy?: string };

async function serverDocs(): Promise<ServerDoc[]> {
  const all = await e2e.server.admin.ok<{ rows: { doc: ServerDoc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
  return all.rows.map((r) => r.doc);
}

describe('offline first, in real Chromium', () => {
  it('works offline after the first load and the other instructor sees what was recorded', async () => {
    const context = await tabletContext(e2e.browser, e2e.server.url);
    const page = await context.newPage();
    await page.goto('/');
    await expectNoAxeViolations(page, 'sign-in');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    await waitForSync(page);
    await expectNoAxeViolations(page, 'session list');
    const swState = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
    expect(swState).toBe('activated');

    // Network off; reload: the shell, the app and the data all come from the device.
    await context.setOffline(true);
    await page.reload();
    // Locked on every start: the PIN opens it without the network.
    await unlock(page);
    await page.getByTestId('next-session').waitFor();
    await expect.poll(() => page.getByTestId('sync-badge').getAttribute('data-status')).toBe('offline');

    // A new session, offline; a bad value first: refused with a message, nothing typed lost.
    await page.getByRole('link', { name: 'Uusi kerta' }).click();
    await page.getByLabel('Teema tai toiminta').fill('Offline-päivä');
    await page.getByRole('button', { name: 'Tallenna kerta' }).click();
    await page.getByText('Tämä tieto tarvitaan.').waitFor();
    expect(await page.getByLabel('Teema tai toiminta').inputValue()).toBe('Offline-päivä');
    await expectNoAxeViolations(page, 'session form with errors');
    await page.getByLabel('Kylä').fill('Kylmälä');
    await page.getByRole('button', { name: 'Tallenna kerta' }).click();

    await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
    const rows = page.getByTestId('attendance-row');
    await expect.poll(() => rows.count()).toBe(8);
    for (let i = 0; i < 8; i++) await rows.nth(i).getByRole('button', { name: 'Läsnä', exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent()).toBe('Läsnä 8 / 8');
    await expectNoAxeViolations(page, 'attendance');
    await expect.poll(() => page.getByTestId('sync-badge').getAttribute('data-pending')).toBe('9');
    const sessionUrl = page.url();

    // Network back: everything reaches the server by itself.
    await context.setOffline(false);
    await waitForSync(page);
    const pushed = async () => {
      const docs = await serverDocs();
      const created = docs.filter((d) => d.type === 'session' && d.theme === 'Offline-päivä');
      return { created, attendance: docs.filter((d) => d.type === 'attendance' && d.sessionId === created[0]?._id) };
    };
    // A cluster's read may come from a copy the push reaches a moment later: read until all nine are there.
    await expect.poll(async () => (await pushed()).attendance.length, { timeout: 15_000 }).toBe(8);
    const { created, attendance } = await pushed();
    expect(created).toHaveLength(1);
    expect(created[0]?.createdBy).toBe('ohjaaja1');
    expect(attendance.every((a) => a.status === 'present')).toBe(true);

    // The other instructor, on a fresh device, sees it.
    const other = await tabletContext(e2e.browser, e2e.server.url);
    const page2 = await other.newPage();
    await page2.goto('/');
    await signIn(page2, 'ohjaaja2', DEMO_PASSWORD);
    await page2.getByTestId('next-session').waitFor();
    await waitForSync(page2);
    await page2.goto(sessionUrl);
    await expect.poll(() => page2.getByTestId('attendance-summary').textContent()).toBe('Läsnä 8 / 8');
    await page2.getByRole('link', { name: 'Synkronointi' }).click();
    await page2.getByRole('heading', { name: 'Synkronoinnin tiedot' }).waitFor();
    await expectNoAxeViolations(page2, 'sync details');
    await other.close();
    await context.close();
  });
});
