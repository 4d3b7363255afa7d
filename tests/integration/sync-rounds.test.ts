import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkpointId, ofKind } from '../../src/data/local-records.ts';
import { SyncScheduler, type ScopesNow } from '../../src/data/sync/scheduler.ts';
import { groupScope, noteId, staffRoles } from '../../src/domain/index.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { provisionGroup } from '../../server/design-docs.ts';
import { sessionCheck } from '../../src/data/sync/session-check.ts';
import { scopesOf } from '../../src/domain/roles.ts';
import { SYNC_CHANGES_PATH, type SyncChangesAnswer } from '../../src/wire/sync-changes.ts';
import { SYNC_CHECK_PATH, VERSION_HEADER, type SyncCheckAnswer } from '../../src/wire/sync-check.ts';
import { ACCESS_LOG_DB, type StoredEntry } from '../../server/access-log.ts';
import { couchExampleOf } from '../../tooling/doc-examples.ts';
import { openDevice, type Device } from '../../tooling/device.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { untilReadAnswers } from '../support/cluster-waits.ts';

// A sync round as the app runs it (SyncScheduler over the real engine and server), with the
// question "which scopes may this user read?" answered when the test says so.
const demo = groupScope(DEMO_GROUP_KEY);
const gone = 'polku-g-gone0001';
let server: TestServer;
let added: string;

beforeAll(async () => {
  server = await startTestServer();
  added = await provisionGroup(server.admin, 'rounds01');
  await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY, 'rounds01'));
});
afterAll(async () => {
  await server?.stop();
});

async function deviceWithLog(user = 'ohjaaja1'): Promise<{ device: Device; paths: string[] }> {
  const paths: string[] = [];
  const logging: typeof fetch = (input, init) => {
    paths.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
  return { device: await openDevice(server.url, user, DEMO_PASSWORD, { fetch: logging }), paths };
}

/** Until CouchDB answers ohjaaja1's read of the added group as `ready` says. */
const untilAddedAnswers = (ready: (status: number) => boolean) => untilReadAnswers(server.couch.url, 'ohjaaja1', DEMO_PASSWORD, added, ready);

describe('a sync round', () => {
  it('sends what waits while the server is asked, pulls only after its answer, then syncs a scope it adds and forgets one it took away', async () => {
    const { device, paths } = await deviceWithLog();
    // Both scopes were pulled here before (the one since taken away too): this is an everyday round.
    await device.engine.syncScope(demo);
    await device.db.local.upsert({ id: checkpointId(gone), kind: 'checkpoint', scope: gone, since: '3' });
    paths.length = 0;
    expect((await device.store.create('note', { id: noteId(), scope: demo, participantId: 'participant:aino0001', category: 'wellbeing', text: 'Odottaa lähetystä.' })).ok).toBe(true);
    let answer!: (now: ScopesNow) => void;
    const forgotten: string[] = [];
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [demo, gone],
      refreshScopes: () => new Promise((resolve) => (answer = resolve)),
      forgetScope: async (scope) => {
        forgotten.push(scope);
        await device.engine.forgetScope(scope);
      },
    });
    const round = scheduler.syncNow();
    // The waiting note is sent before the server has said anything; nothing is read until it has.
    await vi.waitFor(async () => expect(await device.db.docs.count({ selector: { syncState: 'pending' } }).exec()).toBe(0));
    expect(paths).toContain(`/couch/${demo}/_bulk_docs`);
    expect(paths.filter((p) => p.endsWith('/_changes'))).toEqual([]);
    answer({ scopes: [demo, added] });
    await round;
    const state = scheduler.state$.value;
    expect(state.status).toBe('idle');
    expect(state.progress).toBeUndefined();
    expect(state.lastRound?.map((r) => r.scope)).toEqual([demo, added]);
    expect(state.lastRound?.[0]).toMatchObject({ pushed: 1 });
    expect(forgotten).toEqual([gone]);
    expect(paths.some((p) => p.includes('gone0001'))).toBe(false);
    expect(paths.filter((p) => p.endsWith('/_changes')).sort()).toEqual([`/couch/${added}/_changes`, `/couch/${demo}/_changes`].sort());
    expect((await device.db.docs.find({ selector: { scope: demo } }).exec()).length).toBeGreaterThan(1);
    await scheduler.stop();
    await device.close();
  });

  it("reads a scope never pulled here beside the question, and keeps the version the gateway sent with its last page", async () => {
    const { device, paths } = await deviceWithLog();
    const ask = sessionCheck(device.client, async () => undefined);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [demo, added],
      refreshScopes: async () => {
        await gate;
        const now = await ask();
        return now && { scopes: scopesOf(now), versions: now.versions };
      },
    });
    // A first sync does not wait a round trip for the answer: the groups' changes are on their way before it.
    const first = scheduler.syncNow();
    await vi.waitFor(() => expect(paths.filter((p) => p.endsWith('/_changes')).sort()).toEqual([`/couch/${added}/_changes`, `/couch/${demo}/_changes`].sort()));
    expect(paths).not.toContain(SYNC_CHECK_PATH);
    open();
    await first;
    expect(scheduler.state$.value.status).toBe('idle');
    expect((await device.db.docs.find({ selector: { scope: demo } }).exec()).length).toBeGreaterThan(1);
    // Each pull kept the version its last page came with, so the next round with nothing new
    // is the check alone (on a cluster, once the groups' copies have settled).
    for (const scope of [demo, added]) expect((await device.engine.checkpoint(scope))?.version).toEqual(expect.any(String));
    await vi.waitFor(async () => {
      paths.length = 0;
      await scheduler.syncNow();
      expect(paths).toEqual([SYNC_CHECK_PATH]);
    }, { timeout: 20_000, interval: 200 });
    await scheduler.stop();
    await device.close();
  });

  it("keeps the sync check's version, as known when its last page was asked for, where the gateway sends none with its pages (an older gateway)", async () => {
    const paths: string[] = [];
    // The real gateway's answers, its version header taken off each page of changes.
    const older: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      paths.push(path);
      const r = await fetch(input, init);
      if (!path.endsWith('/_changes')) return r;
      const headers = new Headers(r.headers);
      headers.delete(VERSION_HEADER);
      return new Response(r.body, { status: r.status, statusText: r.statusText, headers });
    };
    const device = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: older });
    const ask = sessionCheck(device.client, async () => undefined);
    let checked: Record<string, string | null> = {};
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [demo],
      refreshScopes: async () => {
        const now = await ask();
        if (now?.versions) checked = now.versions;
        return now && { scopes: [demo], versions: now.versions };
      },
    });
    // The first pull starts beside the question: a version known only after its last page was asked for is not kept.
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    expect((await device.db.docs.find({ selector: { scope: demo } }).exec()).length).toBeGreaterThan(1);
    // A later round reads once more and keeps the check's version: then a round with nothing new is the check alone.
    await vi.waitFor(async () => {
      paths.length = 0;
      await scheduler.syncNow();
      expect((await device.engine.checkpoint(demo))?.version).toBe(checked[demo]);
      expect(paths).toEqual([SYNC_CHECK_PATH]);
    }, { timeout: 20_000, interval: 200 });
    await scheduler.stop();
    await device.close();
  });

  it("brings a group's record and sessions first on its first sync, before any page of its changes is stored", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The changes are slow to come (a year's first page over field 2G): held until the test lets them go.
    const holding: typeof fetch = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith('/_changes')) await held;
      return fetch(input, init);
    };
    const device = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: holding });
    const ids = (await server.admin.ok<{ rows: { id: string }[] }>('GET', `/${demo}/_all_docs`)).rows.map((r) => r.id);
    const startScreen = ids.filter((id) => id.startsWith('group:') || id.startsWith('session:')).sort();
    expect(startScreen.filter((id) => id.startsWith('session:')).length).toBeGreaterThan(1);
    const stored = async () => (await device.db.docs.find({ selector: { scope: demo } }).exec()).map((d) => d.toJSON() as { id: string; type: string });
    const pulling = device.engine.syncScope(demo);
    // Before any page of changes: the group's record and every session, and nothing else.
    await vi.waitFor(async () => expect((await stored()).map((d) => d.id).sort()).toEqual(startScreen), { timeout: 10_000, interval: 50 });
    expect(new Set((await stored()).map((d) => d.type))).toEqual(new Set(['group', 'session']));
    release();
    const report = await pulling;
    // The changes brought the rest; what came twice was stored once and counted once.
    const now = await stored();
    expect(now.length).toBeGreaterThan(startScreen.length);
    expect(new Set(now.map((d) => d.id)).size).toBe(now.length);
    expect(report.pulled).toBe(now.length);
    await device.close();
  });

  it("the start screen's early read gives an ordinary account nothing the server would not: a participant, a stranger and a wrong password get no group's sessions, and nothing changes", async () => {
    const range = `startkey=${encodeURIComponent('"session:"')}&endkey=${encodeURIComponent('"session:\ufff0"')}&include_docs=true`;
    const read = (db: string, headers: Record<string, string> = {}) => fetch(`${server.url}/couch/${db}/_all_docs?${range}`, { headers });
    const securityBefore = await server.admin.ok('GET', `/${demo}/_security`);
    const sessionsBefore = (await server.admin.ok<{ rows: { id: string; value: { rev: string } }[] }>('GET', `/${demo}/_all_docs?${range.replace('&include_docs=true', '')}`)).rows;
    // Aino is a participant of the group: her phone syncs her own database, never the group's.
    for (const [who, headers] of [
      ['participant', { Authorization: basicAuth('aino', DEMO_PASSWORD) }],
      ['wrong password', { Authorization: basicAuth('ohjaaja1', 'not-the-password') }],
      ['nobody', {}],
    ] as const) {
      const r = await read(demo, headers);
      const text = await r.text();
      expect([401, 403], who).toContain(r.status);
      expect(text, who).not.toContain('session:');
    }
    // Her own database answers, with what the relay copied there for her and nothing of another's.
    const own = await read('polku-p-aino0001', { Authorization: basicAuth('aino', DEMO_PASSWORD) });
    expect(own.status).toBe(200);
    expect(await read('polku-p-eero0002', { Authorization: basicAuth('aino', DEMO_PASSWORD) }).then((r) => r.status)).not.toBe(200);
    // Checked as server admin: the group's rules and sessions are as they were.
    expect(await server.admin.ok('GET', `/${demo}/_security`)).toEqual(securityBefore);
    const sessionsAfter = (await server.admin.ok<{ rows: { id: string; value: { rev: string } }[] }>('GET', `/${demo}/_all_docs?${range.replace('&include_docs=true', '')}`)).rows;
    expect(sessionsAfter).toEqual(sessionsBefore);
  });

  it('syncs the groups a few at a time, asks for the organisation once, and reports them in their own order', async () => {
    const keys = ['par00001', 'par00002', 'par00003', 'par00004', 'par00005'];
    const scopes = [demo];
    for (const key of keys) scopes.push(await provisionGroup(server.admin, key));
    await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY, ...keys));
    for (const scope of scopes) await untilReadAnswers(server.couch.url, 'ohjaaja1', DEMO_PASSWORD, scope, (status) => status === 200);
    const inFlight = new Set<string>();
    let most = 0;
    let organisationAsked = 0;
    const earlyReads = new Set<string>();
    const slow: typeof fetch = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith('/organisation')) organisationAsked++;
      if (new URL(String(input)).pathname.endsWith('/_all_docs')) earlyReads.add(new URL(String(input)).pathname.split('/')[2]!);
      const db = new URL(String(input)).pathname.split('/')[2]!;
      if (!db.startsWith('polku-')) return fetch(input, init);
      inFlight.add(db);
      most = Math.max(most, inFlight.size);
      await new Promise((r) => setTimeout(r, 30));
      try {
        return await fetch(input, init);
      } finally {
        inFlight.delete(db);
      }
    };
    const device = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: slow });
    const scheduler = new SyncScheduler(device.db, device.engine, { scopes: () => scopes, refreshScopes: async () => ({ scopes }) });
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    expect(scheduler.state$.value.lastRound?.map((r) => r.scope)).toEqual(scopes);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
    // Retention needs the organisation's record before a group's first pull is stored: asked once, not once a group.
    expect(organisationAsked).toBe(1);
    // The start screen's documents come first for the first wave of groups only, not for all six.
    expect([...earlyReads].sort()).toEqual(scopes.slice(0, 3).sort());
    await scheduler.stop();
    await device.close();
  });

  it('forgets a group taken away while its unsent work was on its way, keeps that work as refused, and goes on with the others', async () => {
    await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY, 'rounds01'));
    await untilAddedAnswers((status) => status === 200);
    const { device, paths } = await deviceWithLog();
    await device.engine.syncScope(added);
    const note = { id: noteId(), scope: added, participantId: 'participant:aino0001', category: 'wellbeing' as const, text: 'Kirjoitettu ennen kuin ryhmä siirtyi.' };
    expect((await device.store.create('note', note)).ok).toBe(true);
    await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY));
    await untilAddedAnswers((status) => status >= 400);
    const forgotten: string[] = [];
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [added, demo],
      refreshScopes: async () => ({ scopes: [demo] }),
      forgetScope: async (scope) => {
        forgotten.push(scope);
        await device.engine.forgetScope(scope);
      },
    });
    await scheduler.syncNow();
    expect(paths).toContain(`/couch/${added}/_bulk_docs`);
    expect(scheduler.state$.value.status).toBe('idle');
    expect(scheduler.state$.value.lastRound?.map((r) => r.scope)).toEqual([demo]);
    expect(forgotten).toContain(added);
    const kept = await device.db.docs.find({ selector: { scope: added } }).exec();
    expect(kept.map((d) => [d.get('id'), d.get('syncState'), d.get('syncError')])).toEqual([[note.id, 'refused', 'srv.noAccess']]);
    await scheduler.stop();
    await device.close();
  });

  it('asks the person to sign in again when the server says the session is gone', async () => {
    const { device } = await deviceWithLog();
    const scheduler = new SyncScheduler(device.db, device.engine, { scopes: () => [demo], refreshScopes: async () => null });
    await scheduler.syncNow();
    expect(scheduler.state$.value).toMatchObject({ status: 'signIn', error: { key: 'sync.err.auth' } });
    expect(scheduler.state$.value.lastSyncAt).toBeUndefined();
    await scheduler.stop();
    await device.close();
  });
});

describe('the sync check (one request for a round with nothing new)', () => {
  const keys = Array.from({ length: 8 }, (_, i) => `idle000${i}`);
  const scopes = keys.map(groupScope);

  /** The app's round (src/data/api.ts): the check's answer decides which scopes are read, and brings the changes of those pulled before. */
  function checkedScheduler(device: Device) {
    const ask = sessionCheck(device.client, async () => undefined);
    // The scopes last answered, as the app keeps them.
    let known: string[] = [];
    return new SyncScheduler(device.db, device.engine, {
      scopes: () => known,
      refreshScopes: async (asked) => {
        const now = await ask(asked);
        if (now) known = scopesOf(now);
        return now && { scopes: known, versions: now.versions, changes: now.changes };
      },
    });
  }

  beforeAll(async () => {
    for (const key of keys) await provisionGroup(server.admin, key);
    await server.admin.putUser('koordidle', DEMO_PASSWORD, staffRoles('coordinator', ...keys));
  });

  it('answers a round of eight scopes with nothing new in one request, and brings the scope another device changed in that same request', async () => {
    const { device, paths } = await deviceWithLog('koordidle');
    const scheduler = checkedScheduler(device);
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    expect(scheduler.state$.value.lastRound?.map((r) => r.scope)).toEqual(scopes);
    // Copies of a cluster may still be settling for a few seconds after the groups were made.
    const idleRound = async () => {
      paths.length = 0;
      await scheduler.syncNow();
      expect(scheduler.state$.value.status).toBe('idle');
      return [...paths];
    };
    await vi.waitFor(async () => expect(await idleRound()).toEqual([SYNC_CHECK_PATH]), { timeout: 20_000, interval: 200 });
    expect(await idleRound()).toEqual([SYNC_CHECK_PATH]);

    const changed = scopes[3]!;
    const partner = couchExampleOf('partner', { scope: changed, key: 'idlepart', by: 'koordidle' });
    await server.admin.ok('PUT', `/${changed}/${partner._id}`, partner);
    await vi.waitFor(async () => {
      // The changed group's changes came with the answer: no read of its own.
      expect(await idleRound()).toEqual([SYNC_CHECK_PATH]);
      expect(await device.db.docs.findOne(`${changed}|${partner._id}`).exec()).not.toBeNull();
    }, { timeout: 20_000, interval: 200 });
    expect(scheduler.state$.value.lastRound?.find((r) => r.scope === changed)).toMatchObject({ pulled: 1, bytes: expect.any(Number) });
    // Settled again: one request.
    await vi.waitFor(async () => expect(await idleRound()).toEqual([SYNC_CHECK_PATH]), { timeout: 20_000, interval: 200 });
    await scheduler.stop();
    await device.close();
  });

  it('brings the changes of several groups with the round\'s question, in one request; a group refused in a many-scope read goes on its own', async () => {
    const { device, paths } = await deviceWithLog('koordidle');
    const scheduler = checkedScheduler(device);
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    const versionsNow = async () => {
      const result = await device.client.check(undefined);
      return result.status === 'answer' ? result.answer.versions : {};
    };
    const before = await versionsNow();
    const partners = [scopes[1]!, scopes[5]!, scopes[6]!].map((scope, i) => ({ ...couchExampleOf('partner', { scope, key: `manypar${i}`, by: 'koordidle' }), scope }));
    for (const partner of partners) await server.admin.ok('PUT', `/${partner.scope}/${partner._id}`, partner);
    // The server knows all three changed (a cluster learns of a write a moment after it).
    await vi.waitFor(async () => {
      const now = await versionsNow();
      for (const partner of partners) expect(now[partner.scope]).not.toBe(before[partner.scope]);
    }, { timeout: 10_000, interval: 100 });
    paths.length = 0;
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    // Three changed groups, one request: their changes came with the answer.
    expect(paths).toEqual([SYNC_CHECK_PATH]);
    // (A cluster copy a moment behind may have answered: the version stays unsettled, and a later round reads again.)
    const stored = async () => Promise.all(partners.map(async (p) => (await device.db.docs.findOne(`${p.scope}|${p._id}`).exec()) !== null));
    await vi.waitFor(async () => {
      if ((await stored()).includes(false)) await scheduler.syncNow();
      expect(await stored()).toEqual([true, true, true]);
    }, { timeout: 20_000, interval: 200 });

    // A group in the many-scope read that the server refuses (here one the coordinator never had) is left to its own read.
    await device.db.local.upsert({ id: checkpointId(demo), kind: 'checkpoint', scope: demo, since: '0-x' });
    const { reports, rest } = await device.engine.pullMany([{ scope: scopes[0]!, version: 'v' }, { scope: demo, version: 'v' }]);
    expect(reports.map((r) => r.scope)).toEqual([scopes[0]]);
    expect(rest).toEqual([demo]);
    expect((await device.engine.checkpoint(scopes[0]!))?.version).toBe('v');
    await scheduler.stop();
    await device.close();
  });

  it("asks for no group's changes while the browser's session may be another person's (a shared device), and reads them once it is known to be theirs", async () => {
    const asked: string[] = [];
    const logging: typeof fetch = (input, init) => {
      asked.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const device = await openDevice(server.url, 'koordidle', DEMO_PASSWORD, { fetch: logging });
    await checkedScheduler(device).syncNow();
    const changed = scopes[2]!;
    const partner = couchExampleOf('partner', { scope: changed, key: 'sharedev', by: 'koordidle' });
    await server.admin.ok('PUT', `/${changed}/${partner._id}?w=3`, partner);
    const check = sessionCheck(device.client, async () => undefined);
    let confirmed = false;
    const shared = new SyncScheduler(device.db, device.engine, {
      scopes: () => scopes,
      sessionFirst: () => !confirmed,
      refreshScopes: async (ask) => {
        const now = await check(ask);
        if (now) confirmed = true;
        return now && { scopes: scopesOf(now), versions: now.versions, changes: now.changes };
      },
    });
    asked.length = 0;
    await shared.syncNow();
    expect(shared.state$.value.status).toBe('idle');
    // The question named no group (a GET); the changed group was read after the answer, under the name it gave.
    expect(asked[0]).toBe(`GET ${SYNC_CHECK_PATH}`);
    expect(asked.filter((a) => a.includes(SYNC_CHECK_PATH))).toEqual([`GET ${SYNC_CHECK_PATH}`]);
    await vi.waitFor(async () => {
      if (!(await device.db.docs.findOne(`${changed}|${partner._id}`).exec())) await shared.syncNow();
      expect(await device.db.docs.findOne(`${changed}|${partner._id}`).exec()).not.toBeNull();
    }, { timeout: 20_000, interval: 200 });
    // Known now: the next question names the groups read before.
    asked.length = 0;
    await shared.syncNow();
    expect(asked[0]).toBe(`POST ${SYNC_CHECK_PATH}`);
    await shared.stop();
    await device.close();
  });

  it('stores what a read of several groups brings in one go, each group counted and checkpointed as its own; a malformed document is set aside in its group', async () => {
    const { device } = await deviceWithLog('koordidle');
    const scheduler = checkedScheduler(device);
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    const [a, b, c] = [scopes[0]!, scopes[2]!, scopes[4]!];
    const partner = (scope: string, key: string) => couchExampleOf('partner', { scope, key, by: 'koordidle' });
    const written = [partner(a, 'batcha0'), partner(a, 'batcha1'), partner(b, 'batchb0'), { ...partner(b, 'batchbad'), kind: 'spaceship' }, partner(c, 'batchc0')];
    // On every copy of a cluster before the device reads (PouchDB Server ignores `w`).
    for (const doc of written) await server.admin.ok('PUT', `/${doc.scope}/${doc._id}?w=3`, doc);

    const { reports, rest } = await device.engine.pullMany([a, b, c].map((scope) => ({ scope, version: `v-${scope}` })));
    expect(rest).toEqual([]);
    expect(reports.map(({ scope, pulled, quarantined }) => ({ scope, pulled, quarantined }))).toEqual([
      { scope: a, pulled: 2, quarantined: 0 },
      { scope: b, pulled: 1, quarantined: 1 },
      { scope: c, pulled: 1, quarantined: 0 },
    ]);
    for (const doc of written.filter((d) => d.kind !== 'spaceship')) expect(await device.db.docs.findOne(`${doc.scope}|${doc._id}`).exec()).not.toBeNull();
    const setAside = (await device.db.local.find({ selector: { kind: 'quarantine' } }).exec()).flatMap((q) => ofKind('quarantine', q.toMutableJSON()));
    expect(setAside.map((q) => [q.scope, q.docId])).toEqual([[b, 'partner:batchbad']]);
    // Each group's checkpoint: read to its end, as of the version it was read with.
    for (const scope of [a, b, c]) expect(await device.engine.checkpoint(scope)).toMatchObject({ version: `v-${scope}`, since: expect.any(String) });
    // Nothing more: the next read of the three brings nothing and counts nothing.
    const again = await device.engine.pullMany([a, b, c].map((scope) => ({ scope })));
    expect(again.reports.map((r) => r.pulled + r.quarantined)).toEqual([0, 0, 0]);
    await scheduler.stop();
    await device.close();
  });

  it('many-scope read: each part is what CouchDB lets the caller read, only scope databases can be named, and every read is logged', async () => {
    const read = (headers: Record<string, string>, body: unknown) =>
      fetch(`${server.url}${SYNC_CHANGES_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const aino = { Authorization: basicAuth('aino', DEMO_PASSWORD) };
    const own = scopesOf({ roles: (await server.admin.ok<{ roles: string[] }>('GET', '/_users/org.couchdb.user:aino')).roles })[0]!;
    const answer = (await (await read(aino, { scopes: { [own]: '0', [scopes[2]!]: '0', [demo]: '0' }, limit: 50 })).json()) as SyncChangesAnswer;
    expect(answer.results[own]).toHaveProperty('results');
    for (const group of [scopes[2]!, demo]) {
      expect(answer.results[group]).not.toHaveProperty('results');
      expect(answer.results[group]).toMatchObject({ status: expect.any(Number) });
      expect([401, 403]).toContain((answer.results[group] as { status: number }).status);
    }
    const anonymous = (await (await read({}, { scopes: { [own]: '0' }, limit: 50 })).json()) as SyncChangesAnswer;
    expect(anonymous.results[own]).not.toHaveProperty('results');
    // Nothing but scope databases, and only a sane request.
    for (const body of [
      { scopes: { _users: '0' }, limit: 10 },
      { scopes: { 'polku-access-log': '0' }, limit: 10 },
      { scopes: { [own]: '0', '../_users': '0' }, limit: 10 },
      { scopes: { [own]: 0 }, limit: 10 },
      { scopes: { [own]: '0' }, limit: 100_000 },
      { scopes: {}, limit: 10 },
      { scopes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [groupScope(`many${String(i).padStart(4, '0')}`), '0'])), limit: 10 },
    ]) {
      const refused = await read(aino, body);
      expect(refused.status).toBe(400);
      expect(await refused.text()).not.toContain('"results"');
    }
    expect((await fetch(`${server.url}${SYNC_CHANGES_PATH}`, { headers: aino })).status).toBe(405);

    // The coordinator's read of a group is in the access log as that group's read, under their name.
    const partner = couchExampleOf('partner', { scope: scopes[7]!, key: 'loggedpa', by: 'koordidle' });
    await server.admin.ok('PUT', `/${scopes[7]}/${partner._id}`, partner);
    const coordinator = { Authorization: basicAuth('koordidle', DEMO_PASSWORD) };
    // (A cluster copy a moment behind the write may answer first: read again until it has it.)
    await vi.waitFor(async () => {
      const theirs = (await (await read(coordinator, { scopes: { [scopes[7]!]: '0' }, limit: 50 })).json()) as SyncChangesAnswer;
      expect((theirs.results[scopes[7]!] as { results: { id: string }[] }).results.map((r) => r.id)).toContain(partner._id);
    }, { timeout: 10_000, interval: 200 });
    await server.server.accessLog.flush();
    // (`_all_docs` on a cluster may answer from a copy a moment behind the log's write.)
    await vi.waitFor(async () => {
      const log = await server.admin.ok<{ rows: { doc: StoredEntry }[] }>('GET', `/${ACCESS_LOG_DB}/_all_docs?include_docs=true&endkey=%22_%22`);
      const entry = log.rows.map((r) => r.doc).find((e) => e.db === scopes[7] && e.user === 'koordidle' && e.action === 'read' && e.docs.some((d) => d.id === partner._id));
      expect(entry).toMatchObject({ kind: 'changes' });
    }, { timeout: 10_000, interval: 200 });
  });

  it('answers only for the scopes the session may read, and nothing without a session', async () => {
    const get = (headers: Record<string, string>) => fetch(`${server.url}${SYNC_CHECK_PATH}`, { headers });
    const anonymous = await get({});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ reason: 'sync.err.auth' });
    const coordinator = await get({ Authorization: basicAuth('koordidle', DEMO_PASSWORD) });
    expect(Object.keys(((await coordinator.json()) as SyncCheckAnswer).versions).sort()).toEqual([...scopes].sort());
    const participant = await get({ Authorization: basicAuth('aino', DEMO_PASSWORD) });
    const answer = (await participant.json()) as SyncCheckAnswer;
    expect(answer.name).toBe('aino');
    expect(Object.keys(answer.versions)).toEqual(scopesOf(answer));
    expect(Object.keys(answer.versions).every((s) => !s.startsWith('polku-g-'))).toBe(true);
    // The same answer again, asked with its ETag: 304 and no body.
    const etag = participant.headers.get('ETag')!;
    const again = await get({ Authorization: basicAuth('aino', DEMO_PASSWORD), 'If-None-Match': etag });
    expect([again.status, await again.text()]).toEqual([304, '']);
  });

  it("asked with the scopes read before, carries the changes of those that changed, only where the session may read them, each read logged", async () => {
    const post = (auth: Record<string, string>, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${SYNC_CHECK_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth, ...headers }, body: JSON.stringify(body) });
    const coordinator = { Authorization: basicAuth('koordidle', DEMO_PASSWORD) };
    const first = (await (await post(coordinator, { pulled: {}, limit: 50 })).json()) as SyncCheckAnswer;
    const [same, moved] = [scopes[0]!, scopes[6]!];
    const partner = couchExampleOf('partner', { scope: moved, key: 'checkcar', by: 'koordidle' });
    await server.admin.ok('PUT', `/${moved}/${partner._id}?w=3`, partner);
    // Asked with the version each was read at: only the one that moved is read (a cluster learns of the write a moment after it).
    let answer!: SyncCheckAnswer;
    await vi.waitFor(async () => {
      answer = (await (await post(coordinator, { pulled: { [same]: { since: '0', version: first.versions[same]! }, [moved]: { since: '0', version: first.versions[moved]! } }, limit: 50 })).json()) as SyncCheckAnswer;
      expect(Object.keys(answer.changes ?? {})).toContain(moved);
    }, { timeout: 10_000, interval: 200 });
    expect((answer.changes![moved] as { results: { id: string }[] }).results.map((r) => r.id)).toContain(partner._id);
    if (answer.versions[same] === first.versions[same]) expect(answer.changes).not.toHaveProperty(same);
    // Nothing to read and the answer unchanged: 304, as for GET (on a cluster, once the write has settled on every copy).
    await vi.waitFor(async () => {
      const now = await post(coordinator, { pulled: {}, limit: 50 });
      const { versions } = (await now.json()) as SyncCheckAnswer;
      const unchanged = await post(coordinator, { pulled: { [same]: { since: '0', version: versions[same]! } }, limit: 50 }, { 'If-None-Match': now.headers.get('ETag')! });
      expect([unchanged.status, await unchanged.text()]).toEqual([304, '']);
    }, { timeout: 20_000, interval: 500 });

    // An ordinary account naming groups it may not read, at versions that cannot match: nothing of them.
    const aino = { Authorization: basicAuth('aino', DEMO_PASSWORD) };
    const own = scopesOf({ roles: (await server.admin.ok<{ roles: string[] }>('GET', '/_users/org.couchdb.user:aino')).roles })[0]!;
    const hers = (await (await post(aino, { pulled: { [moved]: { since: '0' }, [demo]: { since: '0', version: 'x' }, [own]: { since: '0', version: 'x' } }, limit: 50 })).json()) as SyncCheckAnswer;
    expect(Object.keys(hers.versions)).toEqual(scopesOf(hers));
    expect(Object.keys(hers.changes ?? {})).toEqual([own]);
    const anonymous = await post({}, { pulled: { [moved]: { since: '0' } }, limit: 50 });
    expect([anonymous.status, (await anonymous.text()).includes(partner._id)]).toEqual([401, false]);
    // Only a sane request: scope databases, a since as CouchDB spells one, a version of a sane length, a page size within bounds.
    for (const body of [
      { pulled: { _users: { since: '0' } }, limit: 10 },
      { pulled: { 'polku-access-log': { since: '0' } }, limit: 10 },
      { pulled: { [own]: { since: 0 } }, limit: 10 },
      { pulled: { [own]: '0' }, limit: 10 },
      { pulled: { [own]: { since: '0', version: 'v'.repeat(1000) } }, limit: 10 },
      { pulled: { [own]: { since: '0', extra: true } }, limit: 10 },
      { pulled: { [own]: { since: '0' } }, limit: 100_000 },
      { pulled: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [groupScope(`many${String(i).padStart(4, '0')}`), { since: '0' }])), limit: 10 },
    ]) {
      const refused = await post(aino, body);
      expect(refused.status).toBe(400);
      expect(await refused.text()).not.toContain('"changes"');
    }
    // The coordinator's read of the group, carried by the check, is in the access log as that group's read under their name.
    await server.server.accessLog.flush();
    await vi.waitFor(async () => {
      const log = await server.admin.ok<{ rows: { doc: StoredEntry }[] }>('GET', `/${ACCESS_LOG_DB}/_all_docs?include_docs=true&endkey=%22_%22`);
      const entry = log.rows.map((r) => r.doc).find((e) => e.db === moved && e.user === 'koordidle' && e.action === 'read' && e.docs.some((d) => d.id === partner._id));
      expect(entry).toMatchObject({ kind: 'changes' });
    }, { timeout: 10_000, interval: 200 });
  });

  it("gives an attacker with an ordinary account nothing of another's: one identity a request, a wrong password refused, and nothing changes", async () => {
    const users = () => server.admin.ok<{ rows: { id: string; value: { rev: string } }[] }>('GET', '/_users/_all_docs');
    const usersBefore = await users();
    // Aino holds her own cookie and sends the coordinator's name with a wrong password beside it.
    const signIn = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'aino', password: DEMO_PASSWORD }) });
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('AuthSession='))!.split(';')[0]!;
    const guessed = await fetch(`${server.url}${SYNC_CHECK_PATH}`, { headers: { Cookie: cookie, Authorization: basicAuth('koordidle', 'not-the-password') } });
    expect(guessed.status).toBe(401);
    expect(await guessed.text()).not.toContain('polku-g-');
    // The cookie alone answers for Aino only, whatever ETag she tries, and a forged one is only a miss.
    const own = await fetch(`${server.url}${SYNC_CHECK_PATH}`, { headers: { Cookie: cookie, 'If-None-Match': '"forged"' } });
    const answer = (await own.json()) as SyncCheckAnswer;
    expect([own.status, answer.name, Object.keys(answer.versions)]).toEqual([200, 'aino', scopesOf(answer)]);
    // Checked as server admin: no account, role or database changed on the way.
    expect(await users()).toEqual(usersBefore);
    const aino = await server.admin.ok<{ roles: string[] }>('GET', '/_users/org.couchdb.user:aino');
    expect(aino.roles).toEqual(answer.roles);
  });
});
