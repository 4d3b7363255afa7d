import type { Page } from 'playwright-core';

/** Call a function the harness page exposes on `window.polkuBench`. */
export const callHarness =
  (page: Page) =>
  <T = never>(name: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(
      ([n, a]) => (window as unknown as { polkuBench: Record<string, (...x: unknown[]) => Promise<unknown>> }).polkuBench[n as string]!(...(a as unknown[])),
      [name, args] as const,
    ) as Promise<T>;
