import { spawn, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_NAME = 'polku-admin';
/** Sessions last 8 hours, on this server and on Apache CouchDB (provision.ts): the app then asks for the password again, losing nothing. */
export const SESSION_SECONDS = 8 * 3600;
/** PBKDF2-SHA256 iterations, as Apache CouchDB 3.5's default (pouchdb-hashing.cjs does the hashing). */
export const PASSWORD_ITERATIONS = 600_000;
const HASHING = fileURLToPath(new URL('./pouchdb-hashing.cjs', import.meta.url));

export interface CouchProcess {
  /** Base URL without credentials, on loopback. */
  url: string;
  adminName: string;
  adminPassword: string;
  isUp(): boolean;
  /** For tests: kill the process as a crash would. */
  kill(): void;
  /**
   * For tests: SIGKILL the process (a power cut to it, the OOM killer) and hold the
   * supervisor; resolves once it is gone, with what starts it again on the same port and
   * folder. Not counted in `restarts()`, which counts deaths nobody asked for.
   */
  crash(): Promise<Crashed>;
  stop(): Promise<void>;
  restarts(): number;
}

export interface Crashed {
  pid: number;
  /** How the process ended, as the OS reported it ('SIGKILL'). */
  signal: NodeJS.Signals | null;
  restart(): Promise<void>;
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

/**
 * Write a file of the data folder readable by this user only. `mode` applies only to a new
 * file, so an older one with a looser mode is tightened as well.
 */
export function writeOwnerOnly(file: string, text: string) {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** The server-admin password lives in the data folder, readable by this user only. */
function adminSecret(dir: string): string {
  const file = join(dir, 'admin-secret');
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim();
  }
  const secret = randomBytes(24).toString('base64url');
  writeOwnerOnly(file, `${secret}\n`);
  return secret;
}

/** A server admin's entry as PouchDB Server keeps it, hashed as pouchdb-hashing.cjs checks it. */
function adminHash(password: string): string {
  const salt = randomBytes(16).toString('hex');
  return `-pbkdf2-${pbkdf2Sync(password, salt, PASSWORD_ITERATIONS, 32, 'sha256').toString('hex')},${salt},${PASSWORD_ITERATIONS}`;
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
  // The folder holds the admin password, the cookie secret and every database: its owner's only.
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  chmodSync(opts.dir, 0o700);
  const adminPassword = adminSecret(opts.dir);
  const configFile = join(opts.dir, 'config.json');
  let config: Record<string, Record<string, unknown>> = {};
  if (existsSync(configFile)) config = JSON.parse(readFileSync(configFile, 'utf8'));
  // Hashed here, before the server reads it (PouchDB Server would take the plain password
  // as it starts and hash it a moment later); an older, weaker hash is made again.
  const kept = config.admins?.[ADMIN_NAME];
  const keptIterations = typeof kept === 'string' ? Number(/,(\d+)$/.exec(kept)?.[1] ?? 0) : 0;
  config.admins = { ...config.admins, [ADMIN_NAME]: keptIterations >= PASSWORD_ITERATIONS ? kept : adminHash(adminPassword) };
  config.log = { file: join(opts.dir, 'pouchdb-server.log'), level: 'warning' };
  // The cookie secret is kept here: PouchDB Server would make a new one at every start,
  // signing out every tablet.
  const secret = config.couch_httpd_auth?.secret;
  config.couch_httpd_auth = {
    ...config.couch_httpd_auth,
    secret: typeof secret === 'string' && secret ? secret : randomBytes(16).toString('hex'),
    timeout: SESSION_SECONDS,
    iterations: PASSWORD_ITERATIONS,
  };
  writeOwnerOnly(configFile, JSON.stringify(config, null, 2));

  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const bin = createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
  let child: ChildProcess | undefined;
  let up = false;
  let stopping = false;
  /** A crash a test asked for: the supervisor waits for its `restart()`. */
  let held = false;
  let restarts = 0;
  const log = opts.log ?? (() => undefined);

  const spawnOnce = () => {
    // PouchDB Server rewrites config.json (through a new temporary file) and writes its
    // databases and log with the process's umask: owner-only, as the folder.
    const ownerOnlyFiles = '--import=data:text/javascript,process.umask(0o077)';
    child = spawn(process.execPath, [ownerOnlyFiles, '--require', HASHING, bin, '--port', String(port), '--host', '127.0.0.1', '--dir', opts.dir, '--config', configFile, '--no-color', '--no-stdout-logs'], {
      cwd: opts.dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => log(d.toString()));
    child.once('exit', (code, signal) => {
      up = false;
      if (stopping || held) return;
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
    async crash() {
      // A supervised restart under way finishes first: the process killed is a running one.
      for (let i = 0; i < 300 && !up; i++) await new Promise((r) => setTimeout(r, 100));
      const c = child;
      const pid = c?.pid;
      if (!up || !c || !pid || c.exitCode !== null || c.signalCode !== null) throw new Error('PouchDB Server is not running: nothing to crash');
      held = true;
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
        c.once('exit', (_code, sig) => resolve(sig));
        c.kill('SIGKILL');
      });
      return {
        pid,
        signal,
        async restart() {
          if (stopping) return;
          held = false;
          spawnOnce();
          up = await waitUntilUp(url, 30_000);
          if (!up) throw new Error(`PouchDB Server did not start again on ${url}; see ${join(opts.dir, 'pouchdb-server.log')}`);
        },
      };
    },
    restarts: () => restarts,
    async stop() {
      stopping = true;
      const c = child;
      // A process a signal ended has no exit code, only its signal: it is gone all the same.
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 3000);
      });
    },
  };
}
