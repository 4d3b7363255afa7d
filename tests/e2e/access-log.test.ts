import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { expectNoAxeViolations } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const e2e = useServerAndBrowser();

describe('the access log, in real Chromium', () => {
  it("lists who has read or changed a participant's data, the coordinator's own reads too, and the download has the same rows", async () => {
    // An instructor's tablet syncs the group (reads Aino's records); the coordinator's does too.
    const instructor = await e2e.signedInTablet('ohjaaja1');
    const { context, page } = await e2e.signedInTablet('koordinaattori');
    await page.goto(`/#/participant-data/${scope}/participant%3Aaino0001`);
    const section = page.getByRole('region', { name: 'Kuka on nähnyt tai muuttanut tietoja' });
    const table = section.getByRole('table', { name: 'Lokimerkinnät, uusin ensin' });
    const rows = table.locator('tbody tr');
    // The gateway writes its entries a second at a time: asked again until the syncs are in.
    await expect
      .poll(async () => {
        await section.getByRole('button', { name: 'Näytä lokitiedot' }).click();
        await page.waitForTimeout(500);
        return table.innerText().catch(() => '');
      }, { timeout: 20_000, interval: 1000 })
      .toMatch(/(ohjaaja1[\s\S]*koordinaattori|koordinaattori[\s\S]*ohjaaja1)/);

    const text = await table.innerText();
    expect(text).toContain('ohjaaja1');
    expect(text).toContain('koordinaattori');
    expect(text).toContain('Luki');
    await expectNoAxeViolations(page, 'access log');

    const download = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Lataa lokitiedot (CSV)' }).click();
    const lines = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(';')).toEqual(['Milloin', 'Kuka', 'Mitä teki', 'Tiedot', 'Tietokanta, pyyntö']);
    expect(lines.length - 1).toBe(await rows.count());
    const firstRow = (await rows.first().locator('td, th').allInnerTexts()).map((c) => c.trim());
    expect(lines[1]!.split(';').slice(1, 3)).toEqual(firstRow.slice(1, 3));
    await Promise.all([context.close(), instructor.context.close()]);
  });
});
