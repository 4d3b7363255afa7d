import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope, participantScope } from '../../src/domain/index.ts';
import { phoneContext } from '../../tooling/chromium.ts';
import { expectNoAxeViolations, signIn, waitForSync } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const scope = encodeURIComponent(groupScope(DEMO_GROUP_KEY));
const mine = encodeURIComponent(participantScope('aino0001'));
const next = 'session%3Ademo0003';
const e2e = useServerAndBrowser();

/** A screen's address, and the first control a person there comes to use (its h1 is found by role). */
type Screen = [name: string, hash: string, first: (page: Page) => Locator];

const SCREENS: Record<string, Screen[]> = {
  ohjaaja1: [
    ['sessions', '#/', (p) => p.getByTestId('next-session').getByRole('link', { name: 'Avaa kerta' })],
    ["a session's attendance", `#/session/${scope}/${next}`, (p) => p.getByTestId('attendance-row').first().getByRole('button', { name: 'Läsnä', exact: true })],
    ['rides', `#/rides/${scope}/${next}`, (p) => p.getByTestId('ride-row').first().getByRole('button', { name: 'Vahvista' })],
    ['roster', `#/roster/${scope}`, (p) => p.getByLabel('Hae nimellä tai kylällä')],
    ['partners', `#/partners/${scope}`, (p) => p.locator('.partner-list').getByRole('button').first()],
    ['a participant', `#/participant/${scope}/participant%3Aaino0001`, (p) => p.getByRole('button', { name: 'Muokkaa tietoja' })],
  ],
  aino: [
    ['home and schedule', '#/', (p) => p.getByTestId('my-next').getByRole('button', { name: 'Tulen' })],
    // The whole answer fits too: "I can't come" and the ride, not only the first button.
    ["home: I can't come", '#/', (p) => p.getByTestId('my-next').getByRole('button', { name: 'En pääse' })],
    ['home: the ride', '#/', (p) => p.getByTestId('my-next').getByTestId('my-ride').getByRole('link')],
    ['ride', `#/ride/${mine}/${next}`, (p) => p.locator('main').getByRole('combobox').first()],
    ['goals', '#/goals', (p) => p.getByTestId('my-stage')],
    ['wishes: suggesting', '#/wishes', (p) => p.getByRole('button', { name: 'Ehdota' })],
  ],
  koordinaattori: [
    ['dashboard', '#/dashboard', (p) => p.getByLabel('Alkaen')],
    ['admin', '#/admin', (p) => p.getByLabel('Kerran pituus (tuntia)').first()],
  ],
};

/** Bottom edges in CSS px, and whether both are inside the first 740 px. */
const bottom = (l: Locator) => l.evaluate((el) => el.getBoundingClientRect().bottom);

describe('the first screen on a 360 × 740 phone', () => {
  it('shows each main screen’s heading and its first control without scrolling', async () => {
    const misses: string[] = [];
    for (const [user, screens] of Object.entries(SCREENS)) {
      // The instructor half an hour into the next session, marking attendance; the others the day before, answering.
      const context = await phoneContext(e2e.browser, e2e.server.url, user === 'ohjaaja1' ? duringNextSession() : undefined);
      const page = await context.newPage();
      await page.goto('/');
      await signIn(page, user, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await waitForSync(page);
      for (const [name, hash, first] of screens) {
        await page.goto(`/${hash}`);
        const h1 = page.getByRole('heading', { level: 1 });
        const control = first(page);
        await control.waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        const [h, c] = [await bottom(h1), await bottom(control)];
        console.log(`${user} ${name}: h1 ends at ${Math.round(h)} px, first control at ${Math.round(c)} px`);
        if (h > 740 || c > 740) misses.push(`${user} ${name}: h1 ${Math.round(h)} px, control ${Math.round(c)} px`);
        await expectNoAxeViolations(page, `${name} at 360 px`);
      }
      // The language is in the person's menu now, off the bar.
      await page.getByRole('button', { name: `Oma valikko: ${user}` }).click();
      await expectNoAxeViolations(page, `${user}'s menu at 360 px`);
      await page.locator('#person-panel').getByLabel('Kieli').selectOption('sv');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
      await context.close();
    }
    expect(misses).toEqual([]);
  });
});
