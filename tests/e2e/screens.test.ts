import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { expectNoAxeViolations } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const scope = encodeURIComponent(groupScope(DEMO_GROUP_KEY));
const e2e = useServerAndBrowser();

/** Every instructor screen, by its address and something that shows it has rendered. */
const SCREENS: [name: string, hash: string, ready: (page: Page) => Promise<unknown>][] = [
  ['start', '#/', (p) => p.getByTestId('next-session').waitFor()],
  ['new session', `#/new/${scope}`, (p) => p.getByRole('heading', { name: 'Uusi PopUp-kerta' }).waitFor()],
  ['attendance', `#/session/${scope}/session%3Ademo0003`, (p) => p.getByTestId('attendance-row').first().waitFor()],
  ['edit session', `#/edit/${scope}/session%3Ademo0003`, (p) => p.getByRole('heading', { name: 'Muokkaa kertaa' }).waitFor()],
  ['rides', `#/rides/${scope}/session%3Ademo0003`, (p) => p.getByTestId('ride-row').first().waitFor()],
  ['roster', `#/roster/${scope}`, (p) => p.getByRole('link', { name: /Aino K\./ }).waitFor()],
  ['participant', `#/participant/${scope}/participant%3Aaino0001`, (p) => p.getByTestId('overview-attendance-figure').waitFor()],
  // Its sections are tabs: the timeline one tap away, read with its panel open.
  [
    'participant timeline',
    `#/participant/${scope}/participant%3Aaino0001`,
    async (p) => {
      await p.getByRole('tab', { name: 'Aikajana' }).click();
      await p.getByTestId('timeline').locator('li').first().waitFor();
    },
  ],
  ['sync', '#/sync', (p) => p.getByRole('heading', { name: 'Synkronoinnin tiedot' }).waitFor()],
];

describe('instructor screens on a tablet and a phone', () => {
  it('have no axe violations and fit the screen in landscape, portrait and at 360 px', async () => {
    const { context, page } = await e2e.signedInTablet('ohjaaja2');
    for (const [width, height] of [
      [1280, 800],
      [800, 1280],
      [360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [name, hash, ready] of SCREENS) {
        await page.goto(`/${hash}`);
        await ready(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width}×${height} scrolls sideways`).toBeLessThanOrEqual(0);
        if (width === 1280) await expectNoAxeViolations(page, name);
      }
    }
    // The week view too.
    await page.goto('/#/');
    await page.getByRole('button', { name: 'Viikko' }).click();
    await page.getByTestId('week-view').waitFor();
    await expectNoAxeViolations(page, 'week view');
    await context.close();
  });

  it('can be used with the keyboard alone', async () => {
    // The next session, half an hour in: attendance is marked once it has started.
    const { context, page } = await e2e.signedInTablet('ohjaaja2', { at: duringNextSession() });
    await page.goto(`/#/session/${scope}/session%3Ademo0003`);
    const first = page.getByTestId('attendance-row').first();
    await first.waitFor();
    // Tab from the top of the page to the first "present" button and press it.
    await page.keyboard.press('Tab');
    const target = first.getByRole('button', { name: 'Läsnä', exact: true });
    for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Space');
    await expect.poll(() => target.getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });
});
