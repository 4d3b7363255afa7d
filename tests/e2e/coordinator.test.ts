import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope, lastFullMonth } from '../../src/domain/index.ts';
import { e2eNow } from '../../tooling/clock.ts';
import { expectNoAxeViolations, syncNow } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const e2e = useServerAndBrowser();

/** Two more groups for the demo coordinator, each with sessions in October 2026 and one outside it. */
async function moreGroups() {
  const at = new Date().toISOString();
  for (const [key, name] of [['toinen01', 'Toinen ryhmä'], ['kolmas01', 'Kolmas ryhmä']] as const) {
    await e2e.server.server.accounts.createGroup({ key, name }, 'koordinaattori');
    const scope = groupScope(key);
    const base = { schemaVersion: 1, scope, createdAt: at, updatedAt: at, createdBy: 'koordinaattori', updatedBy: 'koordinaattori', clock: {} };
    const docs = ['2026-10-06', '2026-10-13', '2026-11-03'].map((date, i) => ({
      _id: `session:${key.slice(0, 4)}000${i}`, type: 'session', ...base, groupKey: key, date, startTime: '10:00', endTime: '13:00',
      village: 'Rantala', instructors: [], capacity: 8, costCents: 25000, status: 'held',
    }));
    await e2e.server.admin.ok('POST', `/${scope}/_bulk_docs`, { docs });
  }
}

type Row = { doc: { type?: string; date?: string } };
async function sessionsOnServer(from: string, to: string): Promise<number> {
  let n = 0;
  for (const key of [DEMO_GROUP_KEY, 'toinen01', 'kolmas01']) {
    const all = await e2e.server.admin.ok<{ rows: Row[] }>('GET', `/${groupScope(key)}/_all_docs?include_docs=true`);
    n += all.rows.filter((r) => r.doc.type === 'session' && r.doc.date! >= from && r.doc.date! <= to).length;
  }
  return n;
}

describe('a coordinator back in the office', () => {
  it('syncs three groups, reads the dashboard, exports a CSV that matches the server, prints an attendance sheet', async () => {
    await moreGroups();
    const { context, page } = await e2e.signedInTablet('koordinaattori');
    // Something new in one group while the coordinator was away: the next sync says what arrived where.
    const at = new Date().toISOString();
    await e2e.server.admin.ok('PUT', `/${groupScope('toinen01')}/session:toin0009?w=3`, {
      type: 'session', schemaVersion: 1, scope: groupScope('toinen01'), createdAt: at, updatedAt: at, createdBy: 'koordinaattori', updatedBy: 'koordinaattori', clock: {},
      groupKey: 'toinen01', date: '2026-12-01', startTime: '10:00', endTime: '13:00', village: 'Rantala', instructors: [], capacity: 8, costCents: 25000, status: 'planned',
    });
    const summary = page.getByTestId('last-round');
    // A cluster's gateway learns of a write a moment after it was acknowledged: a round in
    // that moment finds the group unchanged, and the next one brings the session.
    await expect
      .poll(async () => {
        await syncNow(page);
        return summary.textContent();
      }, { timeout: 40_000, interval: 500 })
      .toContain('Toinen ryhmä: 1 uutta tai muuttunutta');
    await expect.poll(() => summary.getByRole('listitem').count()).toBe(3);
    expect(await summary.textContent()).toContain('Kolmas ryhmä: 0 uutta tai muuttunutta');
    await expectNoAxeViolations(page, 'sync details for three groups');

    await page.getByRole('link', { name: 'Tilannekuva' }).click();
    // The report opens on the last full calendar month before the device's (injected) clock.
    const opening = lastFullMonth(e2eNow());
    expect(await page.getByLabel('Alkaen').inputValue()).toBe(opening.from);
    expect(await page.getByLabel('Päättyen').inputValue()).toBe(opening.to);
    await page.getByLabel('Alkaen').fill('2026-10-01');
    await page.getByLabel('Päättyen').fill('2026-10-31');
    await page.getByTestId('figures').waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Ryhmä' }).locator('option').first().textContent()).toBe('Kaikki ryhmät (3)');
    // The charts a report needs, each with its table; the groups side by side when all are chosen.
    for (const name of ['Vertailu edelliseen jaksoon', 'Käynnit viikoittain', 'Polun vaiheet: moniko on edennyt mihinkin', 'Kyydit kylittäin', 'Ryhmittäin']) {
      await page.getByRole('figure', { name }).waitFor();
    }
    const byGroup = page.getByRole('figure', { name: 'Ryhmittäin' });
    await expect.poll(() => byGroup.getByRole('row').count()).toBe(4);
    expect(await page.getByRole('figure', { name: 'Käynnit viikoittain' }).getByRole('rowheader').allTextContents()).toEqual([
      'Viikko 40: 1.10.2026–4.10.2026', 'Viikko 41: 5.10.2026–11.10.2026', 'Viikko 42: 12.10.2026–18.10.2026', 'Viikko 43: 19.10.2026–25.10.2026', 'Viikko 44: 26.10.2026–31.10.2026',
    ]);
    await expectNoAxeViolations(page, 'dashboard');
    // Printed, each chart stays on one page with its table; the period fields and exports are left out.
    await page.emulateMedia({ media: 'print' });
    // Five of attendance and the path, five of the working models (errands, guidance, referral, cost, producers).
    const charts = page.locator('figure.chart');
    expect(await charts.count()).toBe(10);
    expect(await charts.evaluateAll((all) => all.map((c) => getComputedStyle(c).breakInside))).toEqual(Array(10).fill('avoid'));
    expect(await byGroup.locator('.bar-chart').isVisible()).toBe(true);
    expect(await byGroup.getByRole('table').isVisible()).toBe(true);
    expect(await page.getByLabel('Alkaen').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Vie taulukkoon (CSV)' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    // On a phone's width nothing spills sideways (a wide table scrolls in its own box).
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page, 'dashboard at 360 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Kerrat', exact: true }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(';')[0]).toBe('Ryhmä');
    expect(lines.length - 1).toBe(await sessionsOnServer('2026-10-01', '2026-10-31'));
    expect(lines.filter((l) => l.startsWith('Kolmas ryhmä;2026-10-'))).toHaveLength(2);

    // A session's attendance sheet, as it prints.
    await page.goto(`/#/sheet/${encodeURIComponent(groupScope(DEMO_GROUP_KEY))}/session%3Ademo0000`);
    await page.getByRole('heading', { name: /Läsnäololista/ }).waitFor();
    await expectNoAxeViolations(page, 'attendance sheet');
    expect(await page.getByRole('row').count()).toBe(9);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Tulosta läsnäololista' }).isVisible()).toBe(false);
    expect(await page.getByRole('table').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'Hallinta' }).click();
    await page.getByRole('form', { name: 'Asetukset: Toinen ryhmä' }).waitFor();
    await expectNoAxeViolations(page, 'administration with three groups');
    await context.close();
  });
});
