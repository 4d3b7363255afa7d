import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_DB } from '../../server/access-log.ts';
import { provision } from '../../server/provision.ts';
import { SERVER_DB } from '../../server/server-state.ts';
import type { CouchAdmin } from '../../server/couch-admin.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { readUntilSteady } from './cluster-waits.ts';

/**
 * What the server trusts — its own state database (the relay's place, the rules last
 * deployed), each scope database's members and rules, CouchDB's per-node settings — and the
 * steps an ordinary account might take against it.
 */
const scope = groupScope(DEMO_GROUP_KEY);

export type Attempt = [what: string, method: string, path: string, body?: unknown];
export const attempts: Attempt[] = [
  ['read the server state', 'GET', `/couch/${SERVER_DB}/_all_docs?include_docs=true`],
  ['move the relay past every change', 'PUT', `/couch/${SERVER_DB}/relay-db-updates`, { since: 'now' }],
  ['claim the new rules are deployed everywhere', 'PUT', `/couch/${SERVER_DB}/write-rules`, { fingerprint: 'x' }],
  ['bulk-write the server state', 'POST', `/couch/${SERVER_DB}/_bulk_docs`, { docs: [{ _id: 'write-rules', fingerprint: 'x' }] }],
  ['open the group to everyone', 'PUT', `/couch/${scope}/_security`, { admins: { names: [], roles: [] }, members: { names: [], roles: [] } }],
  ['replace the write rules', 'PUT', `/couch/${scope}/_design/polku`, { validate_doc_update: 'function () {}' }],
  ['replace the write rules in a batch', 'POST', `/couch/${scope}/_bulk_docs`, { docs: [{ _id: '_design/polku', validate_doc_update: 'function () {}' }] }],
  ['shorten everyone’s sessions', 'PUT', '/couch/_node/_local/_config/chttpd_auth/timeout', '1'],
  ['follow every database’s changes', 'GET', '/couch/_db_updates'],
  ['copy the group to a server of one’s own', 'POST', '/couch/_replicate', { source: scope, target: 'http://127.0.0.1:9/stolen' }],
  ['read the access log', 'GET', `/couch/${ACCESS_LOG_DB}/_all_docs?include_docs=true`],
  ['forge an access-log entry', 'PUT', `/couch/${ACCESS_LOG_DB}/2026-01-01T00:00:00.000Z~forged`, { at: '2026-01-01T00:00:00.000Z', user: 'ohjaaja2', db: scope, action: 'read', docs: [] }],
  ['bulk-forge access-log entries', 'POST', `/couch/${ACCESS_LOG_DB}/_bulk_docs`, { docs: [{ _id: '2026-01-01T00:00:00.000Z~forged', user: 'ohjaaja2' }] }],
  ['lift the access log’s write rule', 'PUT', `/couch/${ACCESS_LOG_DB}/_design/log`, { validate_doc_update: 'function () {}' }],
];

/** What must not change, read as server admin. */
export async function trusted(admin: CouchAdmin) {
  return {
    state: (await admin.ok<{ rows: unknown[] }>('GET', `/${SERVER_DB}/_all_docs?include_docs=true`)).rows,
    security: await admin.ok('GET', `/${scope}/_security`),
    rules: await admin.ok('GET', `/${scope}/_design/polku`),
    accessLog: (await admin.ok<{ rows: unknown[] }>('GET', `/${ACCESS_LOG_DB}/_all_docs?include_docs=true`)).rows,
  };
}

/** Every attempt as `who` against `base` (paths without `/couch` when `direct`); fails on any step allowed. */
export async function attack(who: string, base: string, direct: boolean) {
  const answers: string[] = [];
  for (const [what, method, path, body] of attempts) {
    const r = await fetch(`${base}${direct ? path.replace(/^\/couch/, '') : path}`, {
      method,
      headers: { Authorization: basicAuth(who, DEMO_PASSWORD), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    // Refused outright, or (for a batch) every row refused.
    const rows: unknown = JSON.parse(text || 'null');
    const refused = r.status >= 400 || (Array.isArray(rows) && (rows as { error?: string }[]).every((row) => row.error));
    answers.push(`${refused ? 'refused' : 'ALLOWED'} ${r.status} ${what}`);
  }
  console.log(`${who}${direct ? ' straight at CouchDB' : ' through the gateway'}:\n  ${answers.join('\n  ')}`);
  expect(answers.filter((a) => a.startsWith('ALLOWED'))).toEqual([]);
}

/** A story's steps and the answers they got, printed as its matrix; a refusal must carry the catalogue key expected. */
export class Matrix {
  private readonly lines: string[] = [];
  constructor(private readonly title: string) {}

  allowed(what: string, answer: { status: number }) {
    this.lines.push(`${answer.status < 400 ? 'allowed' : 'REFUSED'} ${answer.status} ${what}`);
    expect(answer.status, what).toBeLessThan(400);
  }

  refused(what: string, answer: { status: number; body?: { reason?: string } }, reason?: string) {
    this.lines.push(`${answer.status >= 400 ? 'refused' : 'ALLOWED'} ${answer.status} ${answer.body?.reason ?? ''} ${what}`);
    expect(answer.status, what).toBeGreaterThanOrEqual(400);
    if (reason) expect(answer.body?.reason, what).toBe(reason);
  }

  print() {
    console.log(`${this.title}:\n  ${this.lines.join('\n  ')}`);
  }
}

/**
 * The suite of attacks on what the server trusts, as each ordinary account: through the
 * gateway, or straight at the server (`direct`, as if past the gateway).
 */
export function serverStateAttacks(title: string, direct: boolean) {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await provision(server.admin, { demo: true }); // the server state database exists and holds the rules' record
    // Stopped, so that the relay's own (legitimate) writes to its saved place cannot hide or
    // pass for an attacker's.
    await server.server.relay.stop();
  });
  afterAll(async () => {
    await server?.stop();
  });
  describe(title, () => {
    for (const who of ['ohjaaja1', 'aino', 'koordinaattori']) {
      it(`refuses ${who} every step, and nothing changes`, async () => {
        // Read until it holds still: a cluster copy a moment behind the setup's writes would differ later for that alone.
        const before = await readUntilSteady(() => trusted(server.admin));
        await attack(who, direct ? server.couch.url : server.url, direct);
        expect(await trusted(server.admin)).toEqual(before);
      });
    }
  });
}

/** Sets the demo password for an account the server made (with a one-time code), keeping its roles. */
export async function setDemoPassword(server: TestServer, name: string) {
  const user = await server.admin.ok<{ roles: string[] }>('GET', `/_users/org.couchdb.user:${encodeURIComponent(name)}`);
  await server.admin.putUser(name, DEMO_PASSWORD, user.roles);
}

/** Another group, coordinated by an account of its own that can sign in with the demo password. */
export async function addGroupWithCoordinator(server: TestServer, key: string, coordinator: string) {
  await server.server.accounts.createGroup({ name: 'Toinen ryhmä', key }, coordinator);
  await setDemoPassword(server, coordinator);
}

