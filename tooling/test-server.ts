import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CouchAdmin } from '../server/couch-admin.ts';
import { killNode } from './couchdb-cluster.ts';
import { startPouchServer } from '../server/couch-process.ts';
import type { AccessLogOptions } from '../server/access-log.ts';
import type { ClientTrust } from '../server/client.ts';
import { createPolkuServer, type PolkuServer } from '../server/polku-server.ts';
import { provision } from '../server/provision.ts';
import type { ProvidedContext } from 'vitest';

/** The database server under the gateway: the embedded PouchDB Server or Apache CouchDB 3. */
export interface TestCouch {
  kind: 'pouchdb-server' | 'couchdb';
  /** Base URL without credentials (the node the gateway talks to). */
  url: string;
  adminName: string;
  adminPassword: string;
  /** How often the server died and came back (PouchDB Server dies on some requests; none may reach it). */
  restarts(): number;
  isUp(): Promise<boolean>;
  /**
   * Make the server the gateway talks to unreachable; resolves to what brings it back
   * (PouchDB Server's supervisor restarts it by itself; a cluster node is started again).
   */
  takeDown(): Promise<() => Promise<void>>;
  /**
   * SIGKILL a server process (no shutdown: a power cut to it); resolves once it is gone, with
   * what starts it again on the same port and data. The embedded server is one process; of
   * the cluster, node `node` (default 1, the one the gateway talks to).
   */
  crash(node?: number): Promise<Crash>;
  /** For the gateway: false while the supervised embedded server restarts (it answers 503 meanwhile). */
  upNow?: () => boolean;
  stop(): Promise<void>;
}

/** A server process killed with SIGKILL. */
export interface Crash {
  /** Which process, e.g. "PouchDB Server (pid 4242)". */
  what: string;
  restart(): Promise<void>;
}

export interface TestServer {
  /** Gateway origin, e.g. http://127.0.0.1:40123 */
  url: string;
  couch: TestCouch;
  admin: CouchAdmin;
  server: PolkuServer;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** The CouchDB of the `couchdb` project, if this file runs in it. */
async function providedCouchDb(): Promise<ProvidedContext['polkuCouchDb'] | undefined> {
  // Outside Vitest (the bench) there is nothing to inject.
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('polkuCouchDb');
}

async function embedded(): Promise<TestCouch> {
  const dir = mkdtempSync(join(tmpdir(), 'polku-test-'));
  const couch = await startPouchServer({ dir });
  const until = async (up: boolean) => {
    for (let i = 0; i < 300 && couch.isUp() !== up; i++) await new Promise((r) => setTimeout(r, 100));
  };
  return {
    kind: 'pouchdb-server',
    url: couch.url,
    adminName: couch.adminName,
    adminPassword: couch.adminPassword,
    restarts: () => couch.restarts(),
    isUp: async () => couch.isUp(),
    upNow: () => couch.isUp(),
    async takeDown() {
      couch.kill();
      await until(false);
      return () => until(true);
    },
    async crash() {
      const crashed = await couch.crash();
      if (crashed.signal !== 'SIGKILL') throw new Error(`PouchDB Server (pid ${crashed.pid}) ended by ${crashed.signal ?? 'itself'}, not by SIGKILL`);
      return { what: `PouchDB Server (pid ${crashed.pid})`, restart: crashed.restart };
    },
    async stop() {
      await couch.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every database but the system ones, and every account: the shared CouchDB as provisioning finds a new server. */
export async function resetCouchDb(admin: CouchAdmin) {
  for (const db of await admin.allDbs()) if (!db.startsWith('_')) await admin.ok('DELETE', `/${encodeURIComponent(db)}`);
  const users = await admin.ok<{ rows: { id: string; value: { rev: string } }[] }>('GET', '/_users/_all_docs');
  const accounts = users.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true }));
  if (accounts.length) await admin.ok('POST', '/_users/_bulk_docs', { docs: accounts });
}

/**
 * Apache CouchDB, shared by the test files of a run: emptied first, so that each file starts
 * from what provisioning makes.
 */
async function couchDb(provided: ProvidedContext['polkuCouchDb']): Promise<TestCouch> {
  const admin = CouchAdmin.fromUrl(provided.url);
  await resetCouchDb(admin);
  const { username, password } = new URL(provided.url);
  const cluster = provided.cluster;
  const node = (verb: 'stop-node' | 'start-node', i = 1) => run('bash', [cluster!.script, verb, cluster!.dir, String(i)], { timeout: 90_000 });
  const needCluster = () => {
    if (!cluster) throw new Error('Taking CouchDB down needs the cluster the tests start (POLKU_TEST_COUCHDB), not POLKU_TEST_COUCH_URL.');
    return cluster;
  };
  return {
    kind: 'couchdb',
    url: admin.url,
    adminName: decodeURIComponent(username),
    adminPassword: decodeURIComponent(password),
    restarts: () => 0,
    isUp: async () => (await fetch(`${admin.url}/_up`).catch(() => null))?.ok === true,
    async takeDown() {
      needCluster();
      await node('stop-node');
      return async () => void (await node('start-node'));
    },
    async crash(i = 1) {
      const pid = await killNode(needCluster(), i);
      return { what: `CouchDB node${i} (pid ${pid})`, restart: async () => void (await node('start-node', i)) };
    },
    stop: async () => undefined,
  };
}

/**
 * A real database server, provisioned, behind a real gateway on a free port: the embedded
 * PouchDB Server in a temporary folder, or — in the `couchdb` project — the
 * run's Apache CouchDB. `couch`: an Apache CouchDB given by the caller instead (the bench,
 * outside Vitest), emptied and provisioned the same way; its caller started it and stops it.
 */
export async function startTestServer(
  opts: { demo?: boolean; staticDir?: string; now?: Date; relay?: boolean; couch?: ProvidedContext['polkuCouchDb']; trust?: ClientTrust; accessLog?: AccessLogOptions } = {},
): Promise<TestServer> {
  const given = opts.couch ?? (await providedCouchDb());
  const couch = given ? await couchDb(given) : await embedded();
  const admin = new CouchAdmin(couch.url, couch.adminName, couch.adminPassword);
  await provision(admin, { demo: opts.demo ?? true, now: opts.now });
  // relay: false — the gateway relays nothing by itself (relay processes of their own do).
  const server = await createPolkuServer({ admin, couchUp: couch.upNow, staticDir: opts.staticDir, runRelay: opts.relay, trust: opts.trust, accessLog: opts.accessLog });
  await server.relay.settle(); // start from a quiet server: participant databases filled
  const gateway = server.gateway;
  await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', ok));
  const { port } = gateway.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    couch,
    admin,
    server,
    async stop() {
      await server.close();
      await couch.stop();
    },
  };
}

export const basicAuth = (name: string, password: string) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
