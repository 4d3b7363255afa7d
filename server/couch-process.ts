import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ADMIN_NAME = 'polku-admin';

export interface CouchProcess {
  /** Base URL without credentials, on loopback. */
  url: string;
  adminName: string;
  adminPassword: string;
  isUp(): boolean;
  /** For tests: kill the process as a crash would. */
  kill(): void;
  stop(): Promise<void>;
  restarts(): number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The server-admin password lives in the data folder, readable by this user only. */
function adminSecret(dir: string): string {
  const file = join(dir, 'admin-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

/**
 * Run PouchDB Server as a child process on loopback, with its data in `dir`, and restart
 * it whenever it dies (4.2.0 dies on some requests; the gateway answers 503 meanwhile).
 */
export async function startPouchServer(opts: { dir: string; port?: number; log?: (line: string) => void }): Promise<CouchProcess> {
  mkdirSync(opts.dir, { recursive: true });
  const adminPassword = adminSecret(opts.dir);
  const configFile = join(opts.dir, 'config.json');
  let config: Record<string, Record<string, unknown>> = {};
  if (existsSync(configFile)) config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.admins = { ...config.admins, [ADMIN_NAME]: config.admins?.[ADMIN_NAME] ?? adminPassword };
  config.log = { file: join(opts.dir, 'pouchdb-server.log'), level: 'warning' };
  // Sessions last 8 hours; the app asks for the password again after that, losing nothing.
  // The cookie secret is kept here: PouchDB Server would make a new one at every start,
  // signing out every tablet.
  const secret = config.couch_httpd_auth?.secret;
  config.couch_httpd_auth = {
    ...config.couch_httpd_auth,
    secret: typeof secret === 'string' && secret ? secret : randomBytes(16).toString('hex'),
    timeout: 8 * 3600,
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });

  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const bin = createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
  let child: ChildProcess | undefined;
  let up = false;
  let stopping = false;
  let restarts = 0;
  const log = opts.log ?? (() => undefined);

  const spawnOnce = () => {
    child = spawn(process.execPath, [bin, '--port', String(port), '--host', '127.0.0.1', '--dir', opts.dir, '--config', configFile, '--no-color', '--no-stdout-logs'], {
      cwd: opts.dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => log(d.toString()));
    child.once('exit', (code, signal) => {
      up = false;
      if (stopping) return;
      restarts++;
      log(`PouchDB Server stopped (${code ?? signal}); restarting`);
      setTimeout(() => {
        if (stopping) return;
        spawnOnce();
        void waitUntilUp(url, 30_000).then((ok) => (up = ok));
      }, Math.min(5000, 200 * restarts));
    });
  };

  spawnOnce();
  up = await waitUntilUp(url, 30_000);
  if (!up) throw new Error(`PouchDB Server did not start on ${url}; see ${join(opts.dir, 'pouchdb-server.log')}`);

  return {
    url,
    adminName: ADMIN_NAME,
    adminPassword,
    isUp: () => up,
    kill: () => child?.kill('SIGKILL'),
    restarts: () => restarts,
    async stop() {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 3000);
      });
    },
  };
}
