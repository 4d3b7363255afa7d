import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PIN } from '../../tooling/app-page.ts';

// Shared with the bench (no Vitest there): re-exported so that every test reads them from here.
export { checkpointSince, localDocs, signIn } from '../../tooling/app-page.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Opens a locked device with the PIN (in any language: by the field, not its label). */
export async function unlock(page: Page, pin = TEST_PIN) {
  await page.locator('#lock-secret').fill(pin);
  await page.locator('#lock-secret').press('Enter');
  await page.locator('#lock-secret').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Poll until the sync badge reports nothing pending and an idle (or given) status. */
export async function waitForSync(page: Page, timeoutMs = 30_000) {
  const badge = page.getByTestId('sync-badge');
  await expect
    .poll(async () => `${await badge.getAttribute('data-status')}:${await badge.getAttribute('data-pending')}`, { timeout: timeoutMs, interval: 250 })
    .toBe('idle:0');
}

/** Run a sync round from the sync screen and wait for that round (not an earlier one) to finish. */
export async function syncNow(page: Page) {
  const badge = page.getByTestId('sync-badge');
  const before = await badge.getAttribute('data-last-sync');
  await page.goto('/#/sync');
  // Staff's words, or a participant's (who is told their answers are sent, not synced).
  await page.getByRole('button', { name: /^(Synkronoi nyt|Lähetä nyt)$/ }).click();
  await expect.poll(() => badge.getAttribute('data-last-sync'), { timeout: 30_000 }).not.toBe(before);
  await waitForSync(page);
}

/** axe-core, WCAG 2.1 A and AA rules, on what the page shows now. */
export async function expectNoAxeViolations(page: Page, screen: string) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe violations on ${screen}`).toEqual([]);
}
