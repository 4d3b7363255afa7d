import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { unlock, waitForSync } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);

const e2e = useServerAndBrowser();

describe('a connection cut in the middle of a sync', () => {
  it('delivers everything exactly once after reconnecting', async () => {
    const { context, page } = await e2e.signedInTablet('ohjaaja1');

    // Offline: record a session with attendance for everyone.
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Uusi kerta' }).click();
    await page.getByLabel('Kylä').fill('Hietala');
    await page.getByLabel('Teema tai toiminta').fill('Katkos kesken');
    await page.getByRole('button', { name: 'Tallenna kerta' }).click();
    await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
    const rows = page.getByTestId('attendance-row');
    await expect.poll(() => rows.count()).toBe(8);
    for (let i = 0; i < 8; i++) await rows.nth(i).getByRole('button', { name: 'Poissa', exact: true }).click();

    // The first push reaches the server, but its answer never reaches the device;
    // the first pull after that is cut as well.
    let cutPushes = 0;
    let cutPulls = 0;
    const cutAfterServer = async (route: Route, count: () => boolean) => {
      if (count()) {
        await route.fetch(); // the server receives and processes the request…
        return route.abort('connectionreset'); // …and the connection drops before the reply.
      }
      return route.continue();
    };
    await context.route('**/couch/*/_bulk_docs', (route) => cutAfterServer(route, () => cutPushes++ === 0));
    // A pull is a scope's own `_changes`, or the sync check asked with the scopes read before (its answer carries their changes).
    const cutPull = (route: Route) => cutAfterServer(route, () => cutPushes > 0 && cutPulls++ === 0);
    await context.route('**/couch/*/_changes*', cutPull);
    await context.route('**/api/sync/check', (route) => (route.request().method() === 'POST' ? cutPull(route) : route.continue()));

    await context.setOffline(false);
    await waitForSync(page, 60_000);
    expect(cutPushes).toBeGreaterThanOrEqual(2);
    expect(cutPulls).toBeGreaterThanOrEqual(1);

    const all = await e2e.server.admin.ok<{ rows: { doc: { _id: string; _rev: string; type?: string; theme?: string; sessionId?: string; status?: string } }[] }>(
      'GET',
      `/${scope}/_all_docs?include_docs=true`,
    );
    const docs = all.rows.map((r) => r.doc);
    const sessions = docs.filter((d) => d.type === 'session' && d.theme === 'Katkos kesken');
    expect(sessions).toHaveLength(1);
    const attendance = docs.filter((d) => d.type === 'attendance' && d.sessionId === sessions[0]?._id);
    expect(attendance).toHaveLength(8);
    expect(attendance.every((a) => a.status === 'absent')).toBe(true);

    // And the device agrees: nothing pending, nothing refused, the same 8 records.
    await page.reload();
    await unlock(page);
    await expect.poll(() => page.getByTestId('attendance-row').count()).toBe(8);
    await expect.poll(() => page.locator('[aria-pressed="true"]', { hasText: 'Poissa' }).count()).toBe(8);
    expect(await page.getByTestId('sync-badge').getAttribute('data-pending')).toBe('0');
    await context.close();
  });
});
