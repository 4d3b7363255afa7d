/**
 * Apache CouchDB 3 for the integration tests: a 3-node loopback cluster started from the
 * release beside `couchdb.sh` (POLKU_TEST_COUCHDB), or a server someone already runs
 * (POLKU_TEST_COUCH_URL, a server-admin URL). Started once per test run, stopped exactly:
 * only the PIDs `couchdb.sh` recorded in the cluster's own temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sessionUserOf } from '../src/wire/couch.ts';

export const COUCHDB_ENV = 'POLKU_TEST_COUCHDB';
export const COUCH_URL_ENV = 'POLKU_TEST_COUCH_URL';

/** Bad input: the run stops with this one sentence. */
export class CouchSetupError extends Error {}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set only in the `couchdb` project (see couchdb-global-setup.ts). */
    polkuCouchDb: { url: string; cluster?: { script: string; dir: string } };
  }
}

export interface TestCouchDb {
  /** Server-admin URL with credentials, e.g. http://admin:pw@127.0.0.1:25984 */
  url: string;
  /** Only for a cluster started here: the script and its folder (to stop and start nodes). */
  cluster?: { script: string; dir: string };
  stop(): Promise<void>;
}

const ADMIN = { name: 'admin', password: 'polku-admin-pw' };
const NODES = 3;
const START_TIMEOUT_S = 60;

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/**
 * A BASEPORT whose every port is free: HTTP on BASEPORT..+2, the node-local port the script
 * configures on +200..+202, the cluster's own epmd on +100 and Erlang distribution on +101..+103.
 */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const ports = [0, 1, 2, 100, 101, 102, 103, 200, 201, 202].map((d) => base + d);
    let free = true;
    for (const port of ports) if (!(free = await portFree(port))) break;
    if (free) return base;
  }
  throw new CouchSetupError('No free ports were found for a CouchDB cluster on 127.0.0.1.');
}

/** Run `couchdb.sh` with a hard deadline: a hung start must never hang the test run. */
function script(path: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('bash', [path, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, START_TIMEOUT: String(START_TIMEOUT_S) } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/**
 * Stop the cluster even if the test run dies: on exit and on signals from here, and from a
 * detached watchdog that waits for this process to vanish (SIGKILL leaves no handler a chance).
 */
function guardAgainstCrash(scriptPath: string, dir: string): () => void {
  const stopNow = () => {
    spawnSync('bash', [scriptPath, 'stop', dir], { stdio: 'ignore', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  const watchdog = spawn(
    'sh',
    ['-c', 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; bash "$2" stop "$3" >/dev/null 2>&1; rm -rf "$3"', 'watchdog', String(process.pid), scriptPath, dir],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    stopNow();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  process.on('exit', stopNow);
  for (const s of signals) process.on(s, onSignal);
  const release = () => {
    process.off('exit', stopNow);
    for (const s of signals) process.off(s, onSignal);
    if (watchdog.pid && watchdog.exitCode === null) watchdog.kill('SIGTERM');
  };
  return release;
}

/** The path of `couchdb.sh` in the folder, or the sentence that stops the run. */
export function checkCouchFolder(folder: string): string {
  const scriptPath = join(resolve(folder), 'couchdb.sh');
  if (!existsSync(scriptPath)) {
    throw new CouchSetupError(`${resolve(folder)} has no couchdb.sh: set ${COUCHDB_ENV} to the folder holding couchdb.sh and the release.`);
  }
  return scriptPath;
}

/** Start a fresh cluster (3 nodes unless told) from the folder holding `couchdb.sh` and the release. */
export async function startCouchCluster(folder: string, nodes = NODES): Promise<TestCouchDb> {
  const scriptPath = checkCouchFolder(folder);
  const dir = mkdtempSync(join(tmpdir(), 'polku-couchdb-'));
  const base = await freeBasePort();
  const release = guardAgainstCrash(scriptPath, dir);
  const stop = async () => {
    await script(scriptPath, ['stop', dir], 30_000);
    release();
    rmSync(dir, { recursive: true, force: true });
  };
  const started = await script(scriptPath, ['start', dir, String(nodes), String(base)], (START_TIMEOUT_S + 30) * 1000);
  if (started.code !== 0) {
    await stop();
    const why = started.output.match(/ERROR: (.*)/)?.[1] ?? (started.code === null ? `no answer within ${START_TIMEOUT_S + 30} s` : `exit ${started.code}`);
    throw new CouchSetupError(`The CouchDB cluster from ${resolve(folder)} did not come up (${why}).`);
  }
  return { url: `http://${ADMIN.name}:${ADMIN.password}@127.0.0.1:${base}`, cluster: { script: scriptPath, dir }, stop };
}

/** Check that a given URL reaches an Apache CouchDB 3 as a server admin. */
export async function checkCouchUrl(raw: string): Promise<TestCouchDb> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CouchSetupError(`${COUCH_URL_ENV} is not a URL: set it to a server-admin URL such as http://admin:secret@127.0.0.1:5984.`);
  }
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  const origin = url.origin;
  const get = (path: string) => fetch(`${origin}${path}`, { headers: { Authorization: auth, Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  const session = await get('/_session').catch(() => null);
  if (!session) throw new CouchSetupError(`Nothing answers at ${origin} (${COUCH_URL_ENV}): start that CouchDB or fix the URL.`);
  if (session.status === 401) throw new CouchSetupError(`${origin} refused the user name or password in ${COUCH_URL_ENV} (401 on /_session).`);
  if (!sessionUserOf(await session.json().catch(() => null))?.roles.includes('_admin')) throw new CouchSetupError(`The user in ${COUCH_URL_ENV} is not a server admin of ${origin}.`);
  const welcome = (await (await get('/')).json().catch(() => ({}))) as { couchdb?: string; version?: string };
  if (!welcome.version?.startsWith('3.')) throw new CouchSetupError(`${origin} is not Apache CouchDB 3 (it says version ${welcome.version ?? 'nothing'}).`);
  return { url: `${url.protocol}//${url.username}:${url.password}@${url.host}`, stop: async () => undefined };
}

/** From the environment: the CouchDB the tests should use, or undefined when none was asked for. */
export async function couchFromEnv(env = process.env): Promise<TestCouchDb | undefined> {
  if (env[COUCH_URL_ENV]) return checkCouchUrl(env[COUCH_URL_ENV]);
  if (env[COUCHDB_ENV]) return startCouchCluster(env[COUCHDB_ENV]);
  return undefined;
}

export const couchRequested = (env = process.env) => Boolean(env[COUCH_URL_ENV] || env[COUCHDB_ENV]);

/** No such process, or one killed and not yet reaped (a container's first process may never reap). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * SIGKILL node i of a cluster started here: no shutdown at all, as a power cut to that
 * node. `couchdb.sh stop-node` sends SIGTERM first, which lets CouchDB close its files.
 * Only the PID `couchdb.sh` recorded, and only while it is still that node's. Resolves
 * with the PID once the process is gone; `couchdb.sh start-node` starts it again on its
 * port and data.
 */
export async function killNode(cluster: { dir: string }, i: number): Promise<number> {
  const pids = readFileSync(join(cluster.dir, 'pids'), 'utf8');
  const pid = Number(pids.split('\n').filter((l) => l.startsWith(`node${i} `)).pop()?.split(' ')[1]);
  const nodeDir = `${realpathSync(cluster.dir)}/node${i}/`;
  const cmdline = Number.isInteger(pid) && pid > 0 && !processGone(pid) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') : '';
  if (!cmdline.includes(nodeDir)) throw new Error(`node${i} of ${cluster.dir} is not running (pid ${pid || 'none'} recorded)`);
  process.kill(pid, 'SIGKILL');
  for (let t = 0; t < 200 && !processGone(pid); t++) await new Promise((r) => setTimeout(r, 50));
  if (!processGone(pid)) throw new Error(`node${i} (pid ${pid}) outlived SIGKILL for 10 s`);
  return pid;
}
