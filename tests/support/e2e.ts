import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo-data.ts';
import { signIn, waitForSync } from './app-driver.ts';
import { launchChromium, tabletContext } from '../../tooling/chromium.ts';
import { e2eNow } from '../../tooling/clock.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';

// Shared with the bench: re-exported so that every test reads it from here.
export { duringNextSession } from '../../tooling/demo-session.ts';

export interface E2e {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh tablet signed in as `user` (demo password), with the first sync done; its clock at `at` (default: the run's moment). */
  signedInTablet(user: string, options?: { at?: Date }): Promise<{ context: BrowserContext; page: Page }>;
}

/** One real server serving the built app, and one headless Chromium, for a test file. */
export function useServerAndBrowser(): E2e {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer({ staticDir: 'dist', now: e2eNow() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const e2e: E2e = {
    get server() {
      if (!server) throw new Error('the server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
    async signedInTablet(user, options) {
      const context = await tabletContext(e2e.browser, e2e.server.url, options?.at);
      const page = await context.newPage();
      await page.goto('/');
      await signIn(page, user, DEMO_PASSWORD);
      await page.getByTestId('next-session').waitFor();
      await waitForSync(page);
      return { context, page };
    },
  };
  return e2e;
}
