import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_DB, type StoredEntry } from '../../server/access-log.ts';
import { createGateway } from '../../server/gateway.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { groupScope, participantScope, type AccessLogEntry } from '../../src/domain/index.ts';
import { couchExampleOf } from '../../tooling/doc-examples.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { addGroupWithCoordinator } from '../support/attacks.ts';

/**
 * The access log (SECURITY.md, "Access log"): what the gateway records of reads and writes
 * of scope databases, that no member reads or writes the log, what a coordinator gets out
 * of it, and that old entries go. The log's clock is the test's.
 */
let server: TestServer;
let clock = new Date('2026-12-02T10:00:00.000Z');
const group = groupScope(DEMO_GROUP_KEY);
const AINO = DEMO_USERS.participants.aino;
const as = (name: string) => ({ Authorization: basicAuth(name, DEMO_PASSWORD) });
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  server = await startTestServer({ accessLog: { now: () => clock, flushMs: 60_000 } });
  await addGroupWithCoordinator(server, 'toinen01', 'kaisa');
});
afterAll(async () => {
  await server?.stop();
});

/**
 * Every entry written so far, oldest first. On a cluster `_all_docs` reads one copy of each
 * shard, which may be a moment behind: read until three reads in a row agree.
 */
async function entries(): Promise<StoredEntry[]> {
  await server.server.accessLog.flush();
  let rows: StoredEntry[] = [];
  for (let same = 0, last = '', tries = 0; same < 3 && tries < 50; tries++) {
    const all = await server.admin.ok<{ rows: { doc: StoredEntry }[] }>('GET', `/${ACCESS_LOG_DB}/_all_docs?include_docs=true&endkey=%22_%22`);
    rows = all.rows.map((r) => r.doc);
    const ids = rows.map((e) => e._id).join();
    same = ids === last ? same + 1 : 1;
    last = ids;
    if (same < 3) await new Promise((done) => setTimeout(done, 100));
  }
  return rows;
}
/** The entries added by `step`. */
async function logged(step: () => Promise<unknown>): Promise<StoredEntry[]> {
  const before = new Set((await entries()).map((e) => e._id));
  await step();
  return (await entries()).filter((e) => !before.has(e._id));
}
async function ok(r: Promise<Response>) {
  const response = await r;
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<unknown>;
}

/**
 * A second gateway onto the same server and log, whose CouchDB answers to `_bulk_docs` wait
 * until `release()`: a writer can leave while its write is surely in CouchDB's hands.
 */
async function gatewayHoldingWriteAnswers() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let answered!: () => void;
  const writeAnswered = new Promise<void>((r) => (answered = r));
  const target = new URL(server.admin.url);
  const holder = createServer((req, res) => {
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const held = req.method === 'POST' && req.url?.endsWith('/_bulk_docs');
      if (held) answered();
      void (held ? released : Promise.resolve()).then(() => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
    });
    req.pipe(up);
  });
  const gateway = createGateway({ couchUrl: await listening(holder), accessLog: server.server.accessLog });
  const url = await listening(gateway);
  return {
    url,
    writeAnswered,
    release,
    /** Resolves when the caller of the gateway's next request has gone (its answer unsent). */
    nextCallerGone: () => new Promise<void>((gone) => gateway.once('request', (_req: IncomingMessage, res: ServerResponse) => res.once('close', () => gone()))),
    async close() {
      release();
      gateway.closeAllConnections();
      holder.closeAllConnections();
      await Promise.all([new Promise((r) => gateway.close(r)), new Promise((r) => holder.close(r))]);
    },
  };
}
async function listening(s: Server) {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const noteAboutAino = couchExampleOf('note', { scope: group, groupKey: DEMO_GROUP_KEY, by: DEMO_USERS.instructors[0], participant: `participant:${AINO}`, key: 'logn0001', at: clock.toISOString() });
const obsAboutAino = couchExampleOf('observation', { scope: group, groupKey: DEMO_GROUP_KEY, by: DEMO_USERS.instructors[0], participant: `participant:${AINO}`, key: 'logo0001', at: clock.toISOString() });

describe('the access log', () => {
  it("records an instructor's write: who, when, which database, the records written", async () => {
    const added = await logged(() =>
      ok(fetch(`${server.url}/couch/${group}/_bulk_docs`, { method: 'POST', headers: { ...as('ohjaaja1'), ...json }, body: JSON.stringify({ docs: [noteAboutAino, obsAboutAino] }) })),
    );
    expect(added).toEqual([
      expect.objectContaining({
        at: clock.toISOString(), user: 'ohjaaja1', db: group, action: 'write', kind: 'bulkDocs', method: 'POST', status: 201,
        docs: [
          { id: 'note:logn0001', type: 'note', participant: AINO },
          { id: 'observation:logo0001', type: 'observation', participant: AINO },
        ],
        participants: [AINO],
      }),
    ]);
  });

  it("records another instructor's reads of the group's notes, however they are asked for", async () => {
    clock = new Date('2026-12-02T11:00:00.000Z');
    const reader = as('ohjaaja2');
    const reads: [string, () => Promise<unknown>][] = [
      ['changes', () => ok(fetch(`${server.url}/couch/${group}/_changes?include_docs=true`, { headers: reader }))],
      ['bulkGet', () => ok(fetch(`${server.url}/couch/${group}/_bulk_get`, { method: 'POST', headers: { ...reader, ...json }, body: JSON.stringify({ docs: [{ id: 'note:logn0001' }] }) }))],
      ['allDocs', () => ok(fetch(`${server.url}/couch/${group}/_all_docs?include_docs=true`, { method: 'POST', headers: { ...reader, ...json }, body: JSON.stringify({ keys: ['observation:logo0001'] }) }))],
      ['doc', () => ok(fetch(`${server.url}/couch/${group}/note:logn0001`, { headers: reader }))],
    ];
    for (const [kind, read] of reads) {
      const added = await logged(read);
      expect(added.length, kind).toBeGreaterThan(0);
      for (const e of added) expect(e, kind).toMatchObject({ user: 'ohjaaja2', db: group, action: 'read', kind, status: 200, at: clock.toISOString() });
      const docs = added.flatMap((e) => e.docs);
      expect(docs.filter((d) => d.participant === AINO).map((d) => d.id), kind).toEqual(expect.arrayContaining(kind === 'allDocs' ? ['observation:logo0001'] : ['note:logn0001']));
      // Ids and types only: never what the record says.
      expect(JSON.stringify(added), kind).not.toContain('Hyvä päivä');
    }
  });

  it("names the reader as CouchDB knows them, whatever else the request says, and the database by its name however it is spelt", async () => {
    const added = await logged(() =>
      ok(fetch(`${server.url}/couch/polku%2Dg%2D${DEMO_GROUP_KEY}/_changes?include_docs=true`, {
        headers: { ...as('ohjaaja2'), 'X-Forwarded-User': DEMO_USERS.coordinator, 'X-Auth-CouchDB-UserName': DEMO_USERS.coordinator, Cookie: 'AuthSession=forged' },
      })),
    );
    expect(added.map((e) => [e.user, e.db])).toEqual([['ohjaaja2', group]]);
  });

  it('names a reader signed in with a session cookie, as the app signs in', async () => {
    const signIn = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'ohjaaja2', password: DEMO_PASSWORD }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const added = await logged(() => ok(fetch(`${server.url}/couch/${group}/note:logn0001`, { headers: { Cookie: cookie } })));
    expect(added.map((e) => [e.user, e.kind])).toEqual([['ohjaaja2', 'doc']]);
  });

  it("records a participant's reads of their own database as concerning them", async () => {
    await server.server.relay.settle();
    const added = await logged(() => ok(fetch(`${server.url}/couch/${participantScope(AINO)}/_changes?include_docs=true`, { headers: as('aino') })));
    expect(added.length).toBeGreaterThan(0);
    expect(added[0]).toMatchObject({ user: 'aino', db: participantScope(AINO), action: 'read', participants: expect.arrayContaining([AINO]) });
  });

  it('logs nothing for a read that sent no documents, nor for a refused write', async () => {
    const added = await logged(async () => {
      await ok(fetch(`${server.url}/couch/${group}/_changes?since=now`, { headers: as('ohjaaja2') }));
      await ok(fetch(`${server.url}/couch/${group}`, { headers: as('ohjaaja2') }));
      // A participant may not write a note: every row refused (PouchDB Server), or the whole request (CouchDB: not a member).
      const refused = await fetch(`${server.url}/couch/${group}/_bulk_docs`, { method: 'POST', headers: { ...as('aino'), ...json }, body: JSON.stringify({ docs: [{ ...noteAboutAino, _id: 'note:logn0002', createdBy: 'aino', updatedBy: 'aino' }] }) });
      const rows = (await refused.json()) as unknown;
      expect(refused.status === 403 || (Array.isArray(rows) && rows.every((r: { error?: string }) => r.error)), JSON.stringify(rows)).toBe(true);
    });
    // Nothing written either way: at most an entry naming no record.
    expect(added.filter((e) => e.docs.length > 0)).toEqual([]);
    expect(added.every((e) => e.user === 'aino' && e.action === 'write')).toBe(true);
  });

  it('is read and written by no member: not through the gateway, not straight at CouchDB', async () => {
    const before = await entries();
    const forged = { _id: '2026-12-02T12:00:00.000Z~forged', at: '2026-12-02T12:00:00.000Z', user: 'ohjaaja2', db: group, action: 'read', docs: [], participants: [AINO] };
    for (const who of ['ohjaaja1', 'aino', DEMO_USERS.coordinator]) {
      for (const base of [`${server.url}/couch`, server.couch.url]) {
        const read = await fetch(`${base}/${ACCESS_LOG_DB}/_all_docs?include_docs=true`, { headers: as(who) });
        const write = await fetch(`${base}/${ACCESS_LOG_DB}/_bulk_docs`, { method: 'POST', headers: { ...as(who), ...json }, body: JSON.stringify({ docs: [forged] }) });
        const put = await fetch(`${base}/${ACCESS_LOG_DB}/${encodeURIComponent(forged._id)}`, { method: 'PUT', headers: { ...as(who), ...json }, body: JSON.stringify(forged) });
        const straight = base === server.couch.url;
        for (const [what, r] of [['read', read], ['bulk write', write], ['put', put]] as const) {
          const where = `${who} ${what} ${straight ? 'at CouchDB' : 'through the gateway'}`;
          const rows: unknown = await r.json();
          // PouchDB Server lets a member's batch through to the log's write rule, which refuses every row.
          if (straight && what === 'bulk write' && r.status === 201) expect(rows, where).toEqual([expect.objectContaining({ error: expect.stringMatching(/^(forbidden|unauthorized)$/) })]);
          // The gateway does not know the database at all; CouchDB refuses the member.
          else expect(straight ? [401, 403] : [404, 405], where).toContain(r.status);
        }
      }
    }
    expect(await entries()).toEqual(before);
  });

  it('refuses a member even if its readers were ever opened to them (the write rule, a second wall)', async () => {
    const security = await server.admin.ok<Record<string, unknown>>('GET', `/${ACCESS_LOG_DB}/_security`);
    await server.admin.ok('PUT', `/${ACCESS_LOG_DB}/_security`, { admins: { names: [], roles: ['_admin'] }, members: { names: ['ohjaaja1'], roles: [] } });
    try {
      const put = async () => {
        const r = await fetch(`${server.couch.url}/${ACCESS_LOG_DB}/2026-12-02T12:00:00.000Z~forged`, { method: 'PUT', headers: { ...as('ohjaaja1'), ...json }, body: JSON.stringify({ at: '2026-12-02T12:00:00.000Z', user: 'ohjaaja2' }) });
        return { status: r.status, body: (await r.json()) as { error?: string; reason?: string } };
      };
      // On a cluster the new members reach every copy a moment later: until then the member is refused as a
      // non-member (CouchDB's own "not allowed to access this db"), before the write rule is ever asked.
      const asNonMember = (a: { status: number; body: { reason?: string } }) => a.status === 401 || (a.status === 403 && a.body.reason !== 'srv.forbidden');
      let answer = await put();
      for (let i = 0; i < 20 && asNonMember(answer); i++) answer = await new Promise((ok) => setTimeout(ok, 200)).then(put);
      expect(answer).toEqual({ status: 403, body: { error: 'forbidden', reason: 'srv.forbidden' } });
    } finally {
      await server.admin.ok('PUT', `/${ACCESS_LOG_DB}/_security`, security);
    }
  });

  it("gives the participant's group's coordinator who has seen or changed their data, and no one else", async () => {
    const ask = (who: string) =>
      fetch(`${server.url}/api/admin/accessLog`, { method: 'POST', headers: { ...as(who), ...json }, body: JSON.stringify({ participantKey: AINO }) });
    const r = await ask(DEMO_USERS.coordinator);
    expect(r.status).toBe(200);
    const { entries: listed, truncated } = (await r.json()) as { entries: AccessLogEntry[]; truncated: boolean };
    expect(truncated).toBe(false);
    // Newest first; each names only records about this participant.
    expect(listed.map((e) => e.at)).toEqual([...listed.map((e) => e.at)].sort().reverse());
    expect(listed).toContainEqual(expect.objectContaining({ user: 'ohjaaja1', action: 'write', db: group, docs: [{ id: 'note:logn0001', type: 'note' }, { id: 'observation:logo0001', type: 'observation' }] }));
    expect(listed).toContainEqual(expect.objectContaining({ user: 'ohjaaja2', action: 'read', kind: 'doc', docs: [{ id: 'note:logn0001', type: 'note' }] }));
    expect(listed).toContainEqual(expect.objectContaining({ user: 'aino', action: 'read', db: participantScope(AINO) }));
    const groupDocs = await server.admin.ok<{ rows: { id: string; doc: { participantId?: string } }[] }>('GET', `/${group}/_all_docs?include_docs=true`);
    const aboutAino = new Set(groupDocs.rows.filter((r) => r.id === `participant:${AINO}` || r.doc.participantId === `participant:${AINO}`).map((r) => r.id));
    const othersSeen = listed.filter((e) => e.db === group).flatMap((e) => e.docs).filter((d) => !aboutAino.has(d.id));
    expect(othersSeen).toEqual([]);

    for (const who of ['kaisa', 'ohjaaja1', 'aino']) {
      const refused = await ask(who);
      expect(refused.status, who).toBe(404);
      expect(await refused.json()).toMatchObject({ reason: 'srv.noSuchParticipant' });
    }
  });

  it('logs the whole answer for a reader who leaves after its first bytes (they may have got any of it)', async () => {
    // About 6 MB of notes: far more than the sockets hold, so the reader is gone mid-answer.
    const notes = Array.from({ length: 1500 }, (_, i) => ({
      ...couchExampleOf('note', { scope: group, groupKey: DEMO_GROUP_KEY, by: DEMO_USERS.instructors[0], participant: `participant:${AINO}`, key: `many${String(i).padStart(4, '0')}`, at: clock.toISOString() }),
      text: 'x'.repeat(4000),
    }));
    await server.admin.ok('POST', `/${group}/_bulk_docs`, { docs: notes });
    // On a cluster a read may come from a copy still without the notes: then what it logs is what that
    // copy sent, and the reader tries again until an answer carries them all.
    const ids = notes.map((n) => n._id);
    let sent = new Set<string>();
    for (let attempt = 0; attempt < 10 && !ids.every((id) => sent.has(id)); attempt++) {
      const before = new Set((await entries()).map((e) => e._id));
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      socket.write(`GET /couch/${group}/_all_docs?include_docs=true HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${as('ohjaaja2').Authorization}\r\n\r\n`);
      await once(socket, 'data');
      socket.destroy();
      // The gateway reads on to the end of CouchDB's answer, then logs it.
      let added: StoredEntry[] = [];
      for (let i = 0; i < 100 && added.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        added = (await entries()).filter((e) => !before.has(e._id));
      }
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((e) => e.user === 'ohjaaja2' && e.kind === 'allDocs' && !e.incomplete), JSON.stringify(added.map((e) => [e.user, e.kind, e.incomplete]))).toBe(true);
      sent = new Set(added.flatMap((e) => e.docs.map((d) => d.id)));
    }
    expect([...sent]).toEqual(expect.arrayContaining(ids));
  });

  it('logs a write whose writer leaves before the answer: CouchDB stores it all the same', async () => {
    const note = couchExampleOf('note', { scope: group, groupKey: DEMO_GROUP_KEY, by: DEMO_USERS.instructors[0], participant: `participant:${AINO}`, key: 'gone0001', at: clock.toISOString() });
    const gate = await gatewayHoldingWriteAnswers();
    try {
      const before = new Set((await entries()).map((e) => e._id));
      const writerGone = gate.nextCallerGone();
      const body = JSON.stringify({ docs: [note] });
      const socket = connect(Number(new URL(gate.url).port), '127.0.0.1');
      socket.write(
        `POST /couch/${group}/_bulk_docs HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${as('ohjaaja1').Authorization}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      // CouchDB has the write and has answered; the writer leaves before the answer reaches it.
      await gate.writeAnswered;
      socket.destroy();
      await writerGone;
      gate.release();
      let stored = false;
      let added: StoredEntry[] = [];
      for (let i = 0; i < 50 && (!stored || added.length === 0); i++) {
        await new Promise((r) => setTimeout(r, 100));
        stored = (await server.admin.request('GET', `/${group}/${note._id}`)).status === 200;
        added = (await entries()).filter((e) => !before.has(e._id));
      }
      expect(stored).toBe(true);
      // Logged as surely written: the gateway read CouchDB's answer though no one was left to get it.
      expect(added).toEqual([expect.objectContaining({ user: 'ohjaaja1', action: 'write', docs: [{ id: note._id, type: 'note', participant: AINO }] })]);
      expect(added[0]!.incomplete).toBeUndefined();
    } finally {
      await gate.close();
    }
  });

  it("removes entries older than the organisation's retention period, and only those", async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThan(3);
    // Two years on, with the demo organisation's default of 24 months: nothing is old enough yet.
    clock = new Date('2028-12-02T09:00:00.000Z');
    await ok(fetch(`${server.url}/couch/${group}/note:logn0001`, { headers: as('ohjaaja2') }));
    await server.server.accessLog.flush();
    expect(await server.server.accessLog.retentionMonths()).toBe(24);
    expect(await server.server.accessLog.prune()).toBe(0);
    clock = new Date('2029-12-02T08:00:00.000Z');
    // The organisation keeps records 12 months: the entry of a year ago stays, older ones go.
    const org = await server.admin.ok<Record<string, unknown>>('GET', `/${group}/organisation`);
    await server.admin.ok('PUT', `/${group}/organisation`, { ...org, privacy: { retentionMonths: 12 } });
    expect(await server.server.accessLog.retentionMonths()).toBe(12);
    // On a cluster a prune may read a copy a moment behind and leave the rest to the next one.
    let removed = 0;
    await expect.poll(async () => (removed += await server.server.accessLog.prune()), { timeout: 15_000 }).toBe(all.length);
    expect((await entries()).map((e) => e.at)).toEqual(['2028-12-02T09:00:00.000Z']);
  });
});
