import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo-data.ts';
import { signIn, waitForSync } from './app-driver.ts';
import { launchChromium, tabletContext } from '../../tooling/chromium.ts';
import { e2eNow } from '../../tooling/clock.ts';
import { localDate, localInstant, shiftDate, weekday } from '../../src/domain/index.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';

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

/**
 * Half an hour into the demo's next session (server/demo-data.ts: Tuesdays 10–13, the next
 * one today if today is Tuesday), or the run's moment if that session has already started:
 * attendance can be marked only once a session has started.
 */
export function duringNextSession(now: Date = e2eNow()): Date {
  const today = localDate(now);
  const start = localInstant(shiftDate(today, (2 - weekday(today) + 7) % 7), '10:30');
  return start > now ? start : now;
}
