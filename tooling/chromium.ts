import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * The same Chromium as a process of its own with a DevTools port, for tools that connect by
 * port (Lighthouse; Playwright's connectOverCDP to act in the same profile), on a fresh
 * profile in a temporary folder that close() removes.
 */
export async function spawnChromiumWithPort(): Promise<{ port: number; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'polku-chromium-'));
  const child = spawn(ensureChromium(), [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = child.stderr!;
  let seen = '';
  const port = await new Promise<number>((ok, bad) => {
    const timer = setTimeout(() => bad(new Error(`Chromium gave no DevTools port in 30 s: ${seen.slice(-500)}`)), 30_000);
    stderr.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      bad(new Error(`Chromium exited (${code}) before giving a DevTools port: ${seen.slice(-500)}`));
    });
  }).catch((error: unknown) => {
    child.kill();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  });
  // Chromium's own log from here on is not kept.
  stderr.removeAllListeners('data');
  stderr.resume();
  return {
    port,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill();
        await exited;
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A browser profile on disk, as a tablet keeps it between launches: close it and open it again. */
export async function launchTabletProfile(userDataDir: string, baseURL: string, at?: Date): Promise<BrowserContext> {
  return withClock(await chromium.launchPersistentContext(userDataDir, { executablePath: ensureChromium(), args: FLAGS, ...deviceOptions(baseURL, TABLET) }), at);
}

/**
 * A browser profile on disk on the real clock (no pretended moment), for the bench: closed and
 * launched again, it keeps what a device keeps between uses — cookies, localStorage, IndexedDB,
 * the service worker and its caches.
 */
export async function launchProfile(userDataDir: string, options: Pick<BrowserContextOptions, 'baseURL' | 'viewport'>): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: ensureChromium(), args: FLAGS, locale: 'fi-FI', timezoneId: 'Europe/Helsinki', ...options });
}

/** Processes whose command line names this profile folder (Linux: read from /proc). */
function processesOfProfile(userDataDir: string): { pid: number; browser: boolean }[] {
  const found: { pid: number; browser: boolean }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes(`--user-data-dir=${userDataDir}`)) found.push({ pid: Number(entry), browser: !args.some((a) => a.startsWith('--type=')) });
  }
  return found;
}

/**
 * The battery dies: every process of the profile's browser gets SIGKILL at once (no unload,
 * no flush, no goodbye), as a tablet switched off mid-write. Resolves when Playwright has seen
 * the browser go. Returns how many processes were killed.
 */
export async function pullThePlug(context: BrowserContext, userDataDir: string): Promise<number> {
  const closed = new Promise((ok) => context.once('close', ok));
  const processes = processesOfProfile(userDataDir);
  if (!processes.some((p) => p.browser)) throw new Error(`no browser process runs on ${userDataDir}`);
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await closed;
  return processes.length;
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
