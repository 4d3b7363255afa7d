import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/**
 * The built app in a Chromium page, driven and read from outside as the e2e tests and the
 * bench both need it (tests/support/app-driver.ts adds what needs Vitest). Nothing here
 * imports Vitest: the bench runs outside it.
 */

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

/** The live rows of one of a user's local collections, read from IndexedDB past the app. */
function localRows(page: Page, user: string, collection: 'docs' | 'local'): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    async ({ user, collection }) => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith(`rxdb-dexie-polku_${user}_`) && n.endsWith(`--${collection}`));
      if (!name) return [];
      return new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('docs', 'readonly').objectStore('docs').getAll();
          all.onsuccess = () => {
            // Dexie storage keeps removed documents as `_deleted: "1"` until cleanup.
            resolve((all.result as Record<string, unknown>[]).filter((d) => d._deleted !== '1' && d._deleted !== true));
            db.close();
          };
        };
      });
    },
    { user, collection },
  );
}

/** Every live document in a user's local database. */
export function localDocs(page: Page, user: string): Promise<{ scope?: string; type?: string; id?: string }[]> {
  return localRows(page, user, 'docs');
}

/** The sync checkpoint of one scope in a user's local database (its `since`); undefined before the first page is stored. */
export async function checkpointSince(page: Page, user: string, scope: string): Promise<string | undefined> {
  const record = (await localRows(page, user, 'local')).find((r) => r.id === `checkpoint|${scope}`);
  return typeof record?.since === 'string' ? record.since : undefined;
}

export interface DeviceQuota {
  /** No room beyond what is stored now; resolves once IndexedDB refuses a write, with how long that took to take effect (ms). */
  full(): Promise<number>;
  /** The browser's own quota back. */
  freed(): Promise<void>;
}

/**
 * The device's storage as the browser limits it: Chromium's quota for the app's origin
 * (`appUrl`), set through the DevTools protocol.
 */
export async function quotaOf(context: BrowserContext, page: Page, appUrl: string): Promise<DeviceQuota> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const probeWrite = () =>
    page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('quota-probe');
          open.onupgradeneeded = () => open.result.createObjectStore('probe', { autoIncrement: true });
          open.onerror = () => resolve(open.error?.name ?? 'error');
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('probe', 'readwrite');
            tx.objectStore('probe').add('x'.repeat(1024));
            tx.oncomplete = () => (db.close(), resolve('stored'));
            tx.onabort = () => (db.close(), resolve(tx.error?.name ?? 'aborted'));
          };
        }),
    );
  const origin = new URL(appUrl).origin;
  return {
    async full() {
      const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
      // IndexedDB keeps the space it may still use for a moment (a cache in Chromium): full
      // once a small write of its own, in a database of its own, is refused.
      // (Measured here: up to about 30 s.)
      const from = Date.now();
      let last = '';
      while (Date.now() - from < 90_000) {
        last = await probeWrite();
        if (last === 'QuotaExceededError') {
          const ms = Date.now() - from;
          console.log(`quota lowered: IndexedDB refused writes after ${(ms / 1000).toFixed(1)} s`);
          return ms;
        }
        await new Promise((wait) => setTimeout(wait, 250));
      }
      throw new Error(`the quota was lowered to ${usage} bytes, but IndexedDB still answered a write with "${last}" after 90 s`);
    },
    freed: async () => void (await cdp.send('Storage.overrideQuotaForOrigin', { origin })),
  };
}
