import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { ACCESS_LOG_DB } from '../../server/access-log.ts';
import { SERVER_DB } from '../../server/server-state.ts';
import { groupScope } from '../../src/domain/index.ts';
import { CouchClient } from '../../src/data/sync/couch-client.ts';
import { openDevice } from '../../tooling/device.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { readUntilSteady } from '../support/cluster-waits.ts';

const scope = groupScope(DEMO_GROUP_KEY);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Every document of every database, as the server admin sees it (the data to keep intact). */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  // `_global_changes` is Apache CouchDB's own log of which databases changed, and the relay's
  // own position in it moves on as it should, and the access log records the reads tried
  // here: none of them is data.
  for (const db of (await server.admin.allDbs()).filter((name) => name !== '_global_changes' && name !== SERVER_DB && name !== ACCESS_LOG_DB)) {
    const all = await server.admin.ok<{ rows: { id: string; value: { rev: string } }[] }>('GET', `/${db}/_all_docs`);
    // Apache CouchDB writes its own `_design/_auth` into `_users` at the first sign-in against it.
    out[db] = all.rows.filter((r) => !(db === '_users' && r.id === '_design/_auth')).map((r) => `${r.id}@${r.value.rev}`);
  }
  return out;
}

const instructor = { Authorization: basicAuth('ohjaaja1', DEMO_PASSWORD) };
const json = { 'Content-Type': 'application/json' };

/** A request written byte by byte, so that no client library normalises the path for us. */
function rawRequest(raw: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.write(raw);
  });
}

interface Hostile {
  what: string;
  method: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

const hugeId = 'x'.repeat(100_000);
const hostile: Hostile[] = [
  { what: 'database creation by a non-admin', method: 'PUT', path: '/couch/polku-g-newdb01', headers: instructor },
  { what: 'database creation without a session', method: 'PUT', path: '/couch/anything' },
  { what: 'deleting a group database', method: 'DELETE', path: `/couch/${scope}`, headers: instructor },
  { what: '_selector filter on _changes', method: 'GET', path: `/couch/${scope}/_changes?filter=_selector`, headers: instructor },
  { what: '_selector filter by POST', method: 'POST', path: `/couch/${scope}/_changes?filter=_selector`, body: '{"selector":{"type":"x"}}', headers: { ...instructor, ...json } },
  { what: 'continuous feed', method: 'GET', path: `/couch/${scope}/_changes?feed=continuous`, headers: instructor },
  { what: 'a year-long timeout', method: 'GET', path: `/couch/${scope}/_changes?feed=longpoll&timeout=31536000000`, headers: instructor },
  { what: 'a _replicator document with a selector', method: 'POST', path: '/couch/_replicator', body: '{"source":"a","target":"b","selector":{}}', headers: { ...instructor, ...json } },
  { what: 'server configuration', method: 'GET', path: '/couch/_config', headers: instructor },
  { what: 'list of all databases', method: 'GET', path: '/couch/_all_dbs' },
  { what: 'users database', method: 'GET', path: '/couch/_users/_all_docs', headers: instructor },
  { what: 'a design document write', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: '{"docs":[{"_id":"_design/evil","validate_doc_update":"function(){}"}]}', headers: { ...instructor, ...json } },
  { what: 'a design document read', method: 'GET', path: `/couch/${scope}/_design/polku`, headers: instructor },
  { what: 'bad JSON', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: '{"docs":[{"_id":', headers: { ...instructor, ...json } },
  { what: 'JSON that is not an object', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: '"docs"', headers: { ...instructor, ...json } },
  { what: 'docs that are not objects', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: '{"docs":[1,null,"x"]}', headers: { ...instructor, ...json } },
  { what: 'a huge document id in a body', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: JSON.stringify({ docs: [{ _id: hugeId }] }), headers: { ...instructor, ...json } },
  { what: 'a huge document id in the path', method: 'GET', path: `/couch/${scope}/${'y'.repeat(5000)}`, headers: instructor },
  { what: 'a huge body', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: new Uint8Array(9 * 1024 * 1024).fill(0x20), headers: { ...instructor, ...json } },
  { what: 'a gzip bomb', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))), headers: { ...instructor, ...json, 'Content-Encoding': 'gzip' } },
  { what: 'a body that is not the gzip it says', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: '{"docs":[]}', headers: { ...instructor, ...json, 'Content-Encoding': 'gzip' } },
  { what: 'an unknown body encoding', method: 'POST', path: `/couch/${scope}/_bulk_docs`, body: '{"docs":[]}', headers: { ...instructor, ...json, 'Content-Encoding': 'br' } },
  { what: 'a huge query string', method: 'GET', path: `/couch/${scope}/_all_docs?keys=${'z'.repeat(10_000)}`, headers: instructor },
  { what: 'a document write by PUT', method: 'PUT', path: `/couch/${scope}/session:x`, body: '{"type":"session"}', headers: { ...instructor, ...json } },
  { what: 'an unknown route', method: 'GET', path: '/couch/_utils/', headers: instructor },
  { what: 'an unknown route under a database', method: 'POST', path: `/couch/${scope}/_compact`, body: '{}', headers: { ...instructor, ...json } },
  { what: 'an encoded dot-dot', method: 'GET', path: `/couch/${scope}/%2e%2e/_all_dbs`, headers: instructor },
  { what: 'an encoded slash', method: 'GET', path: `/couch/${scope}%2F..%2F_users`, headers: instructor },
  { what: 'a bad percent escape', method: 'GET', path: `/couch/${scope}/%E0%A4%A`, headers: instructor },
  { what: 'a NUL byte', method: 'GET', path: `/couch/${scope}/a%00b`, headers: instructor },
];

describe('gateway under hostile and malformed requests', () => {
  it('refuses them all, stays up, and keeps the data intact', async () => {
    const before = await readUntilSteady(snapshot);
    const statuses: Record<string, number> = {};
    for (const h of hostile) {
      const response = await fetch(`${server.url}${h.path}`, { method: h.method, headers: h.headers, body: h.body }).catch((e: Error) => e);
      if (response instanceof Error) throw new Error(`${h.what}: ${response.message}`);
      statuses[h.what] = response.status;
      await response.arrayBuffer();
    }
    for (const [what, status] of Object.entries(statuses)) {
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
    }
    expect(statuses['a huge body']).toBe(413);
    expect(statuses['bad JSON']).toBe(400);
    expect(statuses['a gzip bomb']).toBe(413);
    expect(statuses['a body that is not the gzip it says']).toBe(400);
    expect(statuses['an unknown body encoding']).toBe(415);

    // Path tricks sent raw: never forwarded to CouchDB, at most the app shell comes back.
    for (const path of ['/couch/../_all_dbs', '/couch/./../_config', `/couch/${scope}/../../_users/_all_docs`, '//couch/_all_dbs']) {
      const reply = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(reply, path).not.toMatch(/"_users"|"couchdb"|polku-g-|"rows"/);
    }
    const garbage = await rawRequest('NOT-HTTP \u0000\u0001\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);

    expect(server.couch.restarts()).toBe(0);
    expect(await server.couch.isUp()).toBe(true);
    expect(await snapshot()).toEqual(before);

    // And the app's own traffic still works.
    const device = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD);
    const report = await device.engine.syncScope(scope);
    expect(report.pulled).toBeGreaterThan(0);
    await device.close();
  });

  it('answers 503 while the database server is down, and serves again once it is back', async () => {
    const bringBack = await server.couch.takeDown();
    const down = await fetch(`${server.url}/couch/${scope}`, { headers: instructor });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeTruthy();
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { couch: boolean };
    expect(health.couch).toBe(false);

    await bringBack();
    await expect.poll(async () => (await fetch(`${server.url}/couch/${scope}`, { headers: instructor })).status, { timeout: 30_000, interval: 200 }).toBe(200);
    expect((await (await fetch(`${server.url}/api/health`)).json()) as { couch: boolean }).toMatchObject({ couch: true });
  });
});

describe('gateway towards well-behaved CouchDB clients', () => {
  /** One request with its raw (still compressed) body, as it crossed the wire. */
  function fetchRaw(path: string, headers: Record<string, string>): Promise<{ status: number; encoding?: string; body: Buffer }> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers the welcome and `GET /db/` as CouchDB does (PouchDB asks for both)', async () => {
    const welcome = await fetchRaw('/couch/', {});
    expect(welcome.status).toBe(200);
    expect(JSON.parse(welcome.body.toString())).toHaveProperty('version');
    const info = await fetchRaw(`/couch/${scope}/`, instructor);
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body.toString())).toMatchObject({ db_name: scope });
    expect((await fetchRaw(`/couch/_users/`, instructor)).status).toBe(404);
  });

  it('signs in with a session cookie that the database and the admin API both accept', async () => {
    const post = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'koordinaattori', password: DEMO_PASSWORD }) });
    expect(post.status).toBe(200);
    expect(await post.json()).toMatchObject({ ok: true, name: 'koordinaattori', roles: expect.arrayContaining(['polku:coordinator']) });
    const cookie = post.headers.getSetCookie().find((c) => c.startsWith('AuthSession='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = { cookie: cookie!.split(';')[0]! };
    expect(await (await fetch(`${server.url}/couch/_session`, { headers: session })).json()).toMatchObject({ userCtx: { name: 'koordinaattori' } });
    expect((await fetch(`${server.url}/couch/${scope}/_changes?limit=1`, { headers: session })).status).toBe(200);
    const wrong = await fetch(`${server.url}/api/admin/enrol`, { method: 'POST', headers: { ...session, ...json }, body: JSON.stringify({ groupKey: 'nosuchgroup', username: 'keksi', displayName: 'K', homeVillage: 'K' }) });
    // Known as the coordinator (not 401), refused for a group they do not coordinate.
    expect(wrong.status).toBe(403);
    const bad = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'koordinaattori', password: 'wrong-password' }) });
    expect(bad.status).toBe(401);
  });

  it("takes a device's gzipped upload as the JSON it holds", async () => {
    const encodings: (string | null)[] = [];
    const recording: typeof fetch = (input, init) => {
      encodings.push(new Headers(init?.headers).get('Content-Encoding'));
      return fetch(input, init);
    };
    const client = new CouchClient({ baseUrl: `${server.url}/couch`, headers: instructor, fetch: recording, compressBodies: true });
    const at = new Date().toISOString();
    const docs = Array.from({ length: 10 }, (_, i) => ({
      _id: `note:gzipupload${i}`, type: 'note', schemaVersion: 1, scope, participantId: 'participant:aino0001', category: 'wellbeing',
      text: `Pakattu muistiinpano ${i}`, createdAt: at, updatedAt: at, createdBy: 'ohjaaja1', updatedBy: 'ohjaaja1',
    }));
    const results = await client.bulkDocs(scope, docs);
    expect(encodings).toEqual(['gzip']);
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(await server.admin.ok('GET', `/${scope}/note:gzipupload3`)).toMatchObject({ text: 'Pakattu muistiinpano 3' });
  });

  it('sends database answers with Brotli where the browser takes it, else gzip, else plain — the same JSON each way', async () => {
    const path = `/couch/${scope}/_changes?include_docs=true`;
    // On a cluster each answer may come from other shard copies: in another order, with
    // sequences spelled differently, and — a moment after the last test's writes — from a
    // copy that has not got them all yet (asked again until the copies agree). What must be
    // the same is the documents.
    const docs = (text: string) =>
      (JSON.parse(text) as { results: { id: string; seq: unknown }[] }).results.map(({ seq: _seq, ...change }) => change).sort((a, b) => a.id.localeCompare(b.id));
    await vi.waitFor(
      async () => {
        const plain = await fetchRaw(path, instructor);
        const br = await fetchRaw(path, { ...instructor, 'Accept-Encoding': 'gzip, deflate, br, zstd' });
        const gz = await fetchRaw(path, { ...instructor, 'Accept-Encoding': 'gzip, deflate' });
        expect([plain.encoding, br.encoding, gz.encoding]).toEqual([undefined, 'br', 'gzip']);
        const expected = docs(plain.body.toString());
        expect(expected.length).toBeGreaterThan(10);
        expect(docs(brotliDecompressSync(br.body).toString())).toEqual(expected);
        expect(docs(gunzipSync(gz.body).toString())).toEqual(expected);
        expect(br.body.length).toBeLessThan(gz.body.length);
      },
      { timeout: 5_000, interval: 100 },
    );
  });
});
