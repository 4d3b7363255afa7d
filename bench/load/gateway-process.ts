/**
 * The server as `npm start` runs it (server/start.ts), in a process of its own: so its
 * memory is its own (the load generator's devices live elsewhere), and PouchDB Server is
 * the child it supervises. Against Apache CouchDB it is given the cluster's URL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { ADMIN_NAME, freePort } from '../../server/couch-process.ts';
import { childrenOf, couchNodePids, type Watched } from './memory.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GatewayProcess {
  url: string;
  pid: number;
  admin: CouchAdmin;
  /** The gateway and the database server's processes, for the memory sampler. */
  watched: Watched[];
  /** Lines the gateway wrote to stderr (PouchDB Server restarts, relay failures). */
  stderr: () => string[];
  stop(): Promise<void>;
}

export async function startGatewayProcess(couch?: { url: string; cluster?: { dir: string } }): Promise<GatewayProcess> {
  const port = await freePort();
  const dataDir = couch ? undefined : mkdtempSync(join(tmpdir(), 'polku-load-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      POLKU_DEMO: '0',
      ...(couch ? { POLKU_COUCH_URL: couch.url } : { POLKU_DATA_DIR: dataDir }),
    },
  });
  const errLines: string[] = [];
  child.stderr.on('data', (d: Buffer) => errLines.push(...d.toString().split('\n').filter(Boolean)));
  const cleanup = () => dataDir && rmSync(dataDir, { recursive: true, force: true });
  await new Promise<void>((ready, failed) => {
    let out = '';
    const timer = setTimeout(() => failed(new Error('the gateway did not start within 120 s')), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Polku is running')) (clearTimeout(timer), ready());
    });
    child.once('exit', (code) => (clearTimeout(timer), failed(new Error(`the gateway exited (${code}): ${errLines.slice(-5).join(' | ')}`))));
  }).catch((error: unknown) => {
    cleanup();
    throw error;
  });
  const admin = couch
    ? CouchAdmin.fromUrl(couch.url)
    : new CouchAdmin(readFileSync(join(dataDir!, 'couch-url'), 'utf8').trim(), ADMIN_NAME, readFileSync(join(dataDir!, 'admin-secret'), 'utf8').trim());
  const pid = child.pid!;
  const watched: Watched[] = [{ label: 'gateway', pids: () => [pid] }];
  if (couch?.cluster) {
    // Each node: the Erlang VM and the couchjs processes it runs the write rules in.
    for (const [node, beam] of couchNodePids(couch.cluster.dir)) watched.push({ label: node, pids: () => [beam, ...childrenOf(beam)] });
  } else if (!couch) {
    watched.push({ label: 'PouchDB Server', pids: () => childrenOf(pid, 'pouchdb-server') });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    admin,
    watched,
    stderr: () => errLines,
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        });
      }
      cleanup();
    },
  };
}
