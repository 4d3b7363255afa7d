import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { e2eNow } from '../../tooling/clock.ts';
import { couchExampleOf } from '../../tooling/doc-examples.ts';
import { expectNoAxeViolations } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const e2e = useServerAndBrowser();
const OUT = resolve(process.env.POLKU_SCREENSHOTS ?? 'test-results/screens');

async function screenshots(page: Page, name: string) {
  mkdirSync(OUT, { recursive: true });
  for (const [width, height] of [[360, 740], [1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(OUT, `${name}-fi-${width}.png`), fullPage: true });
  }
}

describe('a group with a long history, on the start screen', () => {
  it('lists the most recent past sessions and shows the rest on request, by keyboard, without axe violations', async () => {
    // A year of weekly sessions before the demo's own, held.
    const scope = groupScope(DEMO_GROUP_KEY);
    const day = (weeksBack: number) => new Date(e2eNow().getTime() - (weeksBack * 7 + 30) * 86_400_000).toISOString().slice(0, 10);
    const docs = Array.from({ length: 52 }, (_, w) => ({
      ...couchExampleOf('session', { scope, session: `session:hist${String(w).padStart(4, '0')}` }),
      date: day(w),
      theme: `Vuoden kerta ${w + 1}`,
      status: 'held',
    }));
    await e2e.server.admin.ok('POST', `/${scope}/_bulk_docs`, { docs });

    const { context, page } = await e2e.signedInTablet('ohjaaja1', { at: duringNextSession() });
    const past = page.getByRole('heading', { name: 'Menneet' }).locator('xpath=following-sibling::ul[1]/li');
    await expect.poll(() => past.count()).toBe(5);
    const more = page.getByRole('button', { name: /^Näytä kaikki \(\d+\)$/ });
    const total = Number(/\((\d+)\)/.exec((await more.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(52);
    await screenshots(page, 'start-long-history');
    await expectNoAxeViolations(page, 'start screen, a long history');

    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => past.count()).toBe(total);
    const fewer = page.getByRole('button', { name: 'Näytä vähemmän' });
    expect(await fewer.getAttribute('aria-expanded')).toBe('true');
    await expectNoAxeViolations(page, 'start screen, every past session shown');
    await context.close();
  });
});
