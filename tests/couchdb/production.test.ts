import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../server/couch-process.ts';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { DEMO_PASSWORD } from '../../server/demo-data.ts';
import { resetCouchDb } from '../../tooling/test-server.ts';
import { testCluster } from './cluster.ts';

const run = promisify(execFile);
const cluster = testCluster();
const admin = CouchAdmin.fromUrl(cluster.adminUrl);
let gateway: ChildProcess | undefined;

beforeAll(async () => {
  await resetCouchDb(admin);
});
afterAll(() => {
  gateway?.kill('SIGTERM');
});

/** `npm start` as the README tells an operator to run it, resolved with its first lines once it serves. */
function npmStart(env: Record<string, string>): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('password: ')) resolve({ child, out });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(Object.assign(new Error(`npm start exited ${code}`), { code, err })));
  });
}

describe('the production path: POLKU_COUCH_URL=… npm start against the 3-node cluster', () => {
  it('provisions with one shard per scope database, serves, relays, and npm run admin works against it', async () => {
    const port = await freePort();
    const started = await npmStart({ POLKU_COUCH_URL: cluster.adminUrl, PORT: String(port), POLKU_DEMO: '1' });
    gateway = started.child;
    expect(started.out).toContain(`CouchDB: ${admin.url}`);
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true, couch: true });

    // Scope databases: one shard, a copy on each of the three nodes, members only.
    const info = await admin.ok<{ cluster: { q: number; n: number } }>('GET', '/polku-g-pitstop01');
    expect(info.cluster).toMatchObject({ q: 1, n: 3 });
    expect((await admin.ok<{ cluster: { q: number } }>('GET', '/polku-p-aino0001')).cluster.q).toBe(1);
    expect(await admin.ok('GET', '/polku-p-aino0001/_security')).toMatchObject({ members: { roles: ['polku:self:aino0001', 'polku:group:pitstop01'] } });

    // A participant signs in through the gateway and reads the schedule the relay gave her.
    const signIn = await fetch(`${base}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'aino', password: DEMO_PASSWORD }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    // The relay catches up just after the gateway starts serving: her phone's next round has them.
    const mySessions = async () =>
      ((await (await fetch(`${base}/couch/polku-p-aino0001/_all_docs`, { headers: { Cookie: cookie } })).json()) as { rows: { id: string }[] }).rows.filter((r) => r.id.startsWith('session:')).length;
    await vi.waitFor(async () => expect(await mySessions()).toBe(8), { timeout: 15_000, interval: 250 });
    expect((await fetch(`${base}/couch/polku-g-pitstop01/_all_docs`, { headers: { Cookie: cookie } })).status).toBeGreaterThanOrEqual(401);
    // Behind a load balancer any node must take the cookie (the same chttpd_auth secret on
    // all), and sessions last 8 hours on each, not CouchDB's default 10 minutes.
    for (const i of [1, 2, 3]) {
      const who = (await (await fetch(`${cluster.node(i)}/_session`, { headers: { Cookie: cookie } })).json()) as { userCtx: { name: string | null } };
      expect(who.userCtx.name).toBe('aino');
      const node = `node${i}@127.0.0.1`;
      expect(await admin.ok('GET', `/_node/${node}/_config/chttpd_auth/timeout`)).toBe('28800');
    }

    // The admin CLI against the same cluster.
    const cli = await run(process.execPath, ['--import', 'tsx', 'server/admin-cli.ts', 'create-group', 'Rantakylän ryhmä', '--key', 'ranta001'], { env: { ...process.env, POLKU_COUCH_URL: cluster.adminUrl } });
    expect(cli.stdout).toContain('ranta001');
    expect((await admin.ok<{ cluster: { q: number } }>('GET', '/polku-g-ranta001')).cluster.q).toBe(1);
  });

  it('stops at once with one plain sentence when the credentials are wrong', async () => {
    const wrong = new URL(cluster.adminUrl);
    wrong.password = 'not-the-password';
    const failed = await npmStart({ POLKU_COUCH_URL: wrong.toString(), PORT: String(await freePort()) }).then(
      () => ({ code: 0, err: '' }),
      (e: { code: number; err: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.err.trim().split('\n')).toHaveLength(1);
    expect(failed.err).toContain('did not accept the user name and password');
  });
});
