import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { startPouchServer, writeOwnerOnly, type CouchProcess } from '../../server/couch-process.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { createPolkuServer } from '../../server/polku-server.ts';
import { provision } from '../../server/provision.ts';
import { groupScope, sessionId } from '../../src/domain/index.ts';
import { openDevice, type Device } from '../../tooling/device.ts';

// What `npm start` runs with the embedded server, on a data folder that outlives it.
interface Running {
  url: string;
  couch: CouchProcess;
  admin: CouchAdmin;
  stop(): Promise<void>;
}

async function startPolku(dir: string, gatewayPort = 0): Promise<Running> {
  const couch = await startPouchServer({ dir });
  const admin = new CouchAdmin(couch.url, couch.adminName, couch.adminPassword);
  await provision(admin, { demo: true });
  const server = await createPolkuServer({ admin, couchUp: () => couch.isUp() });
  await new Promise<void>((ok) => server.gateway.listen(gatewayPort, '127.0.0.1', ok));
  const { port } = server.gateway.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    couch,
    admin,
    async stop() {
      await server.close();
      await couch.stop();
    },
  };
}

const scope = groupScope(DEMO_GROUP_KEY);
const dirs: string[] = [];
const running: Running[] = [];
const devices: Device[] = [];

function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'polku-embedded-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, gatewayPort?: number) {
  const r = await startPolku(dir, gatewayPort);
  running.push(r);
  return r;
}

afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
  for (const r of running.splice(0)) await r.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function sessionOf(url: string, cookie: string): Promise<string | null | undefined> {
  const r = await fetch(`${url}/couch/_session`, { headers: { Cookie: cookie } });
  return ((await r.json()) as { userCtx?: { name?: string | null } }).userCtx?.name;
}

async function signIn(url: string, name: string): Promise<string> {
  const r = await fetch(`${url}/couch/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password: DEMO_PASSWORD }),
  });
  expect(r.status).toBe(200);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('AuthSession='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the embedded server keeps what a real one keeps', () => {
  it('a tablet signed in before a restart is still signed in after it, and its write arrives', async () => {
    const dir = dataDir();
    const before = await start(dir);
    const cookie = await signIn(before.url, 'ohjaaja1');
    const tablet = await openDevice(before.url, 'ohjaaja1', DEMO_PASSWORD, { cookie: true });
    devices.push(tablet);
    expect((await tablet.engine.syncScope(scope)).pulled).toBeGreaterThan(0);

    // `npm start` again: the gateway on its port, PouchDB Server wherever it lands.
    const gatewayPort = Number(new URL(before.url).port);
    await before.stop();
    running.splice(running.indexOf(before), 1);
    const after = await start(dir, gatewayPort);
    expect(after.url).toBe(before.url);

    expect(await sessionOf(after.url, cookie)).toBe('ohjaaja1');
    const id = sessionId();
    const written = await tablet.store.create('session', {
      id, scope, groupKey: DEMO_GROUP_KEY, date: '2026-12-01', startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
      instructors: ['ohjaaja1'], capacity: 8, costCents: 33000, status: 'planned' as const,
    });
    expect(written.ok).toBe(true);
    expect((await tablet.engine.syncScope(scope)).pushed).toBe(1);
    const onServer = await after.admin.ok<{ createdBy: string }>('GET', `/${scope}/${encodeURIComponent(id)}`);
    expect(onServer.createdBy).toBe('ohjaaja1');
  });

  it('a session still ends after its timeout (8 hours) with the kept cookie secret', async () => {
    const dir = dataDir();
    const polku = await start(dir);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { couch_httpd_auth: { secret: string; timeout: number } };
    expect(config.couch_httpd_auth.timeout).toBe(8 * 3600);
    const { salt } = await polku.admin.ok<{ salt: string }>('GET', `/_users/${encodeURIComponent('org.couchdb.user:ohjaaja1')}`);
    // CouchDB's AuthSession: name:HEXTIME:HMAC-SHA1(secret + salt, name:HEXTIME), base64url.
    const cookieFrom = (secondsAgo: number) => {
      const data = `ohjaaja1:${(Math.round(Date.now() / 1000) - secondsAgo).toString(16).toUpperCase()}`;
      const mac = createHmac('sha1', config.couch_httpd_auth.secret + salt).update(data).digest();
      return `AuthSession=${Buffer.concat([Buffer.from(`${data}:`), mac]).toString('base64url')}`;
    };
    expect(await sessionOf(polku.url, cookieFrom(8 * 3600 - 120))).toBe('ohjaaja1');
    expect(await sessionOf(polku.url, cookieFrom(8 * 3600 + 120))).toBeNull();
  });

  it('keeps the data folder and its secrets readable by their owner only, also when they were looser before', async () => {
    const dir = dataDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'admin-secret'), 'an-older-secret\n', { mode: 0o644 });
    writeFileSync(join(dir, 'config.json'), '{}\n', { mode: 0o644 });
    const polku = await start(dir);
    expect(polku.couch.adminPassword).toBe('an-older-secret');
    // PouchDB Server rewrites config.json at start with the admin password hashed: wait for that rewrite.
    const configFile = join(dir, 'config.json');
    await expect.poll(() => readFileSync(configFile, 'utf8'), { timeout: 10_000 }).toMatch(/"polku-admin": "-pbkdf2-/);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'admin-secret'))).toBe(0o600);
    expect(mode(configFile)).toBe(0o600);
    expect(mode(join(dir, 'pouchdb-server.log'))).toBe(0o600);
    // As `npm start` tells `npm run admin` where the server is.
    writeFileSync(join(dir, 'couch-url'), 'http://127.0.0.1:1\n', { mode: 0o644 });
    writeOwnerOnly(join(dir, 'couch-url'), `${polku.couch.url}\n`);
    expect(mode(join(dir, 'couch-url'))).toBe(0o600);
  });
});
