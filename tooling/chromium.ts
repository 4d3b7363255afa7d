import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { e2eNow } from './clock.ts';

export const CHROMIUM = process.env.POLKU_CHROMIUM ?? '/usr/bin/chromium';
export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

/**
 * Debian's Chromium, installed when missing on a Debian machine where we are root;
 * otherwise a clear failure with the exact command. Never a silent skip.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const debian = existsSync('/etc/debian_version');
  const root = process.getuid?.() === 0;
  if (!debian || !root) {
    throw new Error(`Chromium is needed for the end-to-end tests and is not at ${CHROMIUM}. Install it with: ${INSTALL_HINT} (or set POLKU_CHROMIUM to a Chromium binary).`);
  }
  log(`Chromium is missing; installing Debian's chromium (${INSTALL_HINT})…`);
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  if (!existsSync(CHROMIUM)) throw new Error(`Installing chromium did not provide ${CHROMIUM}. Run: ${INSTALL_HINT}`);
  return CHROMIUM;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with the flags this closed network needs (see shared/DESIGN.md). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: FLAGS });
}

/** A browser profile on disk, as a tablet keeps it between launches: close it and open it again. */
export async function launchTabletProfile(userDataDir: string, baseURL: string): Promise<BrowserContext> {
  return withClock(await chromium.launchPersistentContext(userDataDir, { executablePath: ensureChromium(), args: FLAGS, ...deviceOptions(baseURL, TABLET) }));
}

const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** A Finnish device: Finnish, Helsinki time. bypassCSP only so the tests can inject axe-core; the app itself runs under the gateway's CSP. */
const deviceOptions = (baseURL: string, viewport: { width: number; height: number }): BrowserContextOptions => ({
  baseURL,
  viewport,
  locale: 'fi-FI',
  timezoneId: 'Europe/Helsinki',
  bypassCSP: true,
});

/** The page's clock starts at the run's pretended moment (or `at`) and flows on from there (tooling/clock.ts). */
async function withClock(context: BrowserContext, at: Date = e2eNow()): Promise<BrowserContext> {
  await context.clock.install({ time: at });
  return context;
}

export async function tabletContext(browser: Browser, baseURL: string, at?: Date): Promise<BrowserContext> {
  return withClock(await browser.newContext(deviceOptions(baseURL, TABLET)), at);
}

export async function phoneContext(browser: Browser, baseURL: string, at?: Date): Promise<BrowserContext> {
  return withClock(await browser.newContext(deviceOptions(baseURL, PHONE)), at);
}
