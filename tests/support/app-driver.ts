import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The PIN every staff member in the end-to-end tests chooses. */
export const TEST_PIN = '482915';

/** Signs in; a staff member new to the device then chooses their PIN, as the app asks. */
export async function signIn(page: Page, name: string, password: string) {
  await page.getByLabel('Käyttäjätunnus').fill(name);
  await page.getByLabel('Salasana').fill(password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  // Whichever comes: the PIN to choose, the app, or a refusal.
  await page.locator('#pin-new, [data-testid="sync-badge"], .sign-in [role="alert"]').first().waitFor({ timeout: 30_000 });
  if ((await page.locator('#pin-new').count()) === 0) return;
  await page.locator('#pin-new').fill(TEST_PIN);
  await page.locator('#pin-repeat').fill(TEST_PIN);
  await page.locator('#pin-repeat').press('Enter');
  await page.locator('#pin-new').waitFor({ state: 'detached', timeout: 30_000 });
}

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

/** Every live document in a user's local database, read from IndexedDB past the app. */
export function localDocs(page: Page, user: string): Promise<{ scope?: string; type?: string; id?: string }[]> {
  return page.evaluate(async (user) => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith(`rxdb-dexie-polku_${user}_`) && n.endsWith('--docs'));
    if (!name) return [];
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const all = db.transaction('docs', 'readonly').objectStore('docs').getAll();
        all.onsuccess = () => {
          // Dexie storage keeps removed documents as `_deleted: "1"` until cleanup.
          resolve((all.result as { scope?: string; type?: string; id?: string; _deleted?: string | boolean }[]).filter((d) => d._deleted !== '1' && d._deleted !== true));
          db.close();
        };
      };
    });
  }, user);
}

/** The sync checkpoint of one scope in a user's local database (its `since`), read from IndexedDB past the app; undefined before the first page is stored. */
export function checkpointSince(page: Page, user: string, scope: string): Promise<string | undefined> {
  return page.evaluate(
    async ({ user, scope }) => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith(`rxdb-dexie-polku_${user}_`) && n.endsWith('--local'));
      if (!name) return undefined;
      return new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('docs', 'readonly').objectStore('docs').getAll();
          all.onsuccess = () => {
            const record = (all.result as { id?: string; since?: string; _deleted?: string | boolean }[]).find((r) => r.id === `checkpoint|${scope}` && r._deleted !== '1' && r._deleted !== true);
            resolve(record?.since);
            db.close();
          };
        };
      });
    },
    { user, scope },
  );
}
