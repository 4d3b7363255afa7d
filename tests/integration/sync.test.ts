import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupScope, sessionId, staffRoles, type Session } from '../../src/domain/index.ts';
import { provisionGroup } from '../../server/design-docs.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { couchExampleOf, exampleOf } from '../../tooling/doc-examples.ts';
import type { NewDoc } from '../../src/data/store.ts';
import { openDevice, syncUntil, type Device } from '../../tooling/device.ts';
import { ofKind } from '../../src/data/local-records.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { untilReadAnswers } from '../support/cluster-waits.ts';

const scope = groupScope(DEMO_GROUP_KEY);
let server: TestServer;
const devices: Device[] = [];

async function device(user: string) {
  const d = await openDevice(server.url, user, DEMO_PASSWORD);
  devices.push(d);
  return d;
}

function newSession(overrides: Partial<Session> = {}) {
  return {
    id: sessionId(),
    scope,
    groupKey: DEMO_GROUP_KEY,
    date: '2026-12-01',
    startTime: '10:00',
    endTime: '13:00',
    village: 'Kylmälä',
    instructors: ['ohjaaja1', 'ohjaaja2'],
    capacity: 8,
    costCents: 33000,
    status: 'planned' as const,
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startTestServer();
});
// Each device is an RxDB database with its collections; RxDB's open core allows 13 open
// collections per process, so a test's devices are closed when it ends.
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});
afterAll(async () => {
  await server?.stop();
});

describe('sync with a real PouchDB Server through the gateway', () => {
  it('pushes a session and attendance made offline, and the other instructor pulls them', async () => {
    const a = await device('ohjaaja1');
    await a.engine.syncScope(scope);
    const participants = await a.db.docs.find({ selector: { type: 'participant', scope } }).exec();
    expect(participants).toHaveLength(8);

    const session = newSession();
    expect((await a.store.create('session', session)).ok).toBe(true);
    for (const p of participants.slice(0, 3)) {
      expect((await a.store.markAttendance(scope, session.id, p.get('id'), 'present')).ok).toBe(true);
    }
    const report = await a.engine.syncScope(scope);
    expect(report.pushed).toBe(4);
    const onServer = await server.admin.ok<{ type: string; createdBy: string }>('GET', `/${scope}/${encodeURIComponent(session.id)}`);
    expect(onServer).toMatchObject({ type: 'session', createdBy: 'ohjaaja1' });

    const b = await device('ohjaaja2');
    await syncUntil(b, scope, async () => (await b.db.docs.find({ selector: { type: 'attendance', ref: session.id } }).exec()).length === 3);
    const seen = await b.store.get('session', scope, session.id);
    expect(seen).toMatchObject({ village: 'Kylmälä', syncState: 'synced' });
    expect((await b.db.docs.find({ selector: { type: 'attendance', ref: session.id } }).exec()).length).toBe(3);
  });

  it('keeps a refused document on the device, marked with the reason, and still pushes the others', async () => {
    const a = await device('ohjaaja1');
    await a.engine.syncScope(scope);
    // An instructor may not write group settings: the server's validate_doc_update refuses it.
    const group = await a.store.get('group', scope, `group:${DEMO_GROUP_KEY}`);
    expect(group).toBeDefined();
    expect((await a.store.edit('group', scope, `group:${DEMO_GROUP_KEY}`, { name: 'Oma nimi' })).ok).toBe(true);
    const session = newSession({ theme: 'after the refused one' });
    await a.store.create('session', session);

    const report = await a.engine.syncScope(scope);
    expect(report.refused).toBe(1);
    expect(report.pushed).toBe(1);
    const refused = await a.store.get('group', scope, `group:${DEMO_GROUP_KEY}`);
    expect(refused).toMatchObject({ name: 'Oma nimi', syncState: 'refused', syncError: 'srv.roleMayNotWrite' });
    const serverGroup = await server.admin.ok<{ name: string }>('GET', `/${scope}/group:${DEMO_GROUP_KEY}`);
    expect(serverGroup.name).toBe('PopUp Pitstoppi');
    expect((await a.store.get('session', scope, session.id))?.syncState).toBe('synced');

    // The next round is not blocked by it either.
    const later = newSession({ theme: 'later' });
    await a.store.create('session', later);
    expect((await a.engine.syncScope(scope)).pushed).toBe(1);
  });

  it('keeps changes pending and asks for sign-in when the server session is gone', async () => {
    // A device whose cookie expired: its requests arrive without credentials.
    const withoutCredentials: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('Authorization');
      return fetch(input, { ...init, headers });
    };
    const a = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: withoutCredentials });
    devices.push(a);
    const session = newSession({ theme: 'signed out' });
    expect((await a.store.create('session', session)).ok).toBe(true);
    await expect(a.engine.syncScope(scope)).rejects.toMatchObject({ kind: 'auth' });
    expect((await a.store.get('session', scope, session.id))?.syncState).toBe('pending');
    expect((await server.admin.request('GET', `/${scope}/${session.id}`)).status).toBe(404);
  });

  it('accepts the same person marked by two instructors offline: the first creator stays, the later mark wins', async () => {
    const a = await device('ohjaaja1');
    const b = await device('ohjaaja2');
    const session = newSession({ theme: 'both mark' });
    await a.store.create('session', session);
    await a.engine.syncScope(scope);
    await syncUntil(b, scope, async () => (await b.store.get('session', scope, session.id)) !== undefined);
    expect((await a.store.markAttendance(scope, session.id, 'participant:aino0001', 'present')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect((await b.store.markAttendance(scope, session.id, 'participant:aino0001', 'excused')).ok).toBe(true);
    await a.engine.syncScope(scope);
    const second = await b.engine.syncScope(scope);
    expect(second.refused).toBe(0);
    const id = `attendance:${session.id.slice('session:'.length)}:aino0001`;
    await syncUntil(a, scope, async () => (await a.store.get('attendance', scope, id))?.status === 'excused');
    const onServer = await server.admin.ok<Record<string, unknown>>('GET', `/${scope}/${id}`);
    expect(onServer).toMatchObject({ status: 'excused', createdBy: 'ohjaaja1', updatedBy: 'ohjaaja2' });
    for (const d of [a, b]) expect(await d.store.get('attendance', scope, id)).toMatchObject({ status: 'excused', syncState: 'synced' });
  });

  it('refuses a forged author on the server', async () => {
    const r = await fetch(`${server.url}/couch/${scope}/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`ohjaaja1:${DEMO_PASSWORD}`).toString('base64')}` },
      body: JSON.stringify({ docs: [{ _id: sessionId(), ...newSession(), id: undefined, createdBy: 'ohjaaja2', updatedBy: 'ohjaaja1', schemaVersion: 1, clock: {}, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), type: 'session' }] }),
    });
    const [result] = (await r.json()) as { error?: string; reason?: string }[];
    expect(result).toMatchObject({ error: 'forbidden', reason: 'srv.notAuthor' });
  });

  it('quarantines a malformed document from another client, reports it, and keeps syncing', async () => {
    const a = await device('ohjaaja1');
    await a.engine.syncScope(scope);
    const badId = sessionId();
    // Written by another client straight to the server (as with curl), bypassing the app; with
    // `w=3`, on every copy of a cluster before the device looks (PouchDB Server ignores it).
    await server.admin.ok('PUT', `/${scope}/${badId}?w=3`, {
      type: 'session', schemaVersion: 1, scope, startTime: '25:99', village: 42, createdBy: 'x', updatedBy: 'x',
      createdAt: 'yesterday', updatedAt: 'today',
    });
    const good = newSession({ theme: 'arrives fine' });
    await server.admin.ok('PUT', `/${scope}/${good.id}?w=3`, {
      ...good, id: undefined, type: 'session', schemaVersion: 1, clock: {},
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), createdBy: 'ohjaaja2', updatedBy: 'ohjaaja2',
    });
    const report = await a.engine.syncScope(scope);
    expect(report.quarantined).toBe(1);
    expect(await a.store.get('session', scope, badId)).toBeUndefined();
    expect(await a.store.get('session', scope, good.id)).toMatchObject({ theme: 'arrives fine' });
    const quarantined = (await a.db.local.find({ selector: { kind: 'quarantine' } }).exec()).flatMap((q) => ofKind('quarantine', q.toMutableJSON()));
    expect(quarantined.map((q) => q.docId)).toEqual([badId]);
    expect(quarantined[0]?.problems).toContainEqual({ path: 'startTime', key: 'v.time' });

    // The app keeps working: local writes and later rounds go on.
    await a.store.create('session', newSession({ theme: 'still working' }));
    expect((await a.engine.syncScope(scope)).pushed).toBe(1);

    // Mended on the server: it arrives and leaves the quarantine.
    const current = await server.admin.ok<{ _rev: string }>('GET', `/${scope}/${badId}`);
    await server.admin.ok('PUT', `/${scope}/${badId}?w=3`, {
      ...newSession({ theme: 'mended' }), id: undefined, _rev: current._rev, type: 'session', schemaVersion: 1, clock: {},
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), createdBy: 'ohjaaja2', updatedBy: 'ohjaaja2',
    });
    expect((await a.engine.syncScope(scope)).quarantined).toBe(0);
    expect(await a.store.get('session', scope, badId)).toMatchObject({ theme: 'mended' });
    expect(await a.db.local.count({ selector: { kind: 'quarantine' } }).exec()).toBe(0);
  });

  it('pulls in growing pages, the next one travelling while one is stored; a cut resumes where the last stored page ended', async () => {
    // A group of its own, with enough documents for pages of 4, 8 and 16: its participants
    // (sessions would come ahead of the pages, for the start screen).
    const key = 'pagetest01';
    const pages = await provisionGroup(server.admin, key);
    await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY, key));
    await untilReadAnswers(server.couch.url, 'ohjaaja1', DEMO_PASSWORD, pages, (status) => status === 200);
    const extra = Array.from({ length: 40 }, (_, i) =>
      couchExampleOf('participant', { scope: pages, groupKey: key, participant: `participant:pg${String(i).padStart(6, '0')}`, by: 'ohjaaja2', at: '2026-11-01T10:00:00.000Z' }),
    );
    await server.admin.ok('POST', `/${pages}/_bulk_docs?w=3`, { docs: extra });

    const events: string[] = [];
    let cut = true;
    const cutOnThirdPage: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/_changes')) {
        events.push(`ask ${url.searchParams.get('limit')}`);
        if (cut && events.filter((e) => e.startsWith('ask')).length === 3) return Promise.reject(new TypeError('network connection lost'));
      }
      return fetch(input, init);
    };
    const a = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: cutOnThirdPage, engine: { pullBatch: 4, pullBatchMax: 16 } });
    devices.push(a);
    // Written on the device before its first pull, about a document in the server's first page.
    const first = exampleOf('participant', { scope: pages, groupKey: key, participant: extra[0]!._id }) as NewDoc<'participant'>;
    expect((await a.store.create('participant', { ...first, displayName: 'written here first' })).ok).toBe(true);
    const subscription = a.db.docs.insert$.subscribe(() => events.push('stored'));

    await expect(a.engine.syncScope(pages)).rejects.toMatchObject({ kind: 'network' });
    const asks = () => events.filter((e) => e.startsWith('ask'));
    expect(asks()).toEqual(['ask 4', 'ask 8', 'ask 16']);
    // The second page was asked for before anything of the first was stored.
    expect(events.indexOf('ask 8')).toBeLessThan(events.indexOf('stored'));
    const stored = (await a.db.docs.find({ selector: { scope: pages } }).exec()).length;
    expect(stored).toBeGreaterThanOrEqual(4);
    expect(stored).toBeLessThan(40);

    cut = false;
    events.length = 0;
    await a.engine.syncScope(pages);
    subscription.unsubscribe();
    expect((await a.db.docs.find({ selector: { scope: pages } }).exec()).length).toBe(40);
    // Resumed from the checkpoint of the last stored page (after 4 + 8), not from the start.
    expect(asks()).toEqual(['ask 4', 'ask 8', 'ask 16', 'ask 16']);
    // The local write was combined with the server's copy, neither lost nor duplicated.
    expect((await a.store.get('participant', pages, extra[0]!._id))?.displayName).toBe('written here first');
    expect((await a.db.docs.find({ selector: { scope: pages, id: extra[0]!._id } }).exec()).length).toBe(1);
  });

  it('merges concurrent offline edits of one session field by field, identically everywhere', async () => {
    const a = await device('ohjaaja1');
    const b = await device('ohjaaja2');
    const session = newSession({ theme: 'original' });
    await a.store.create('session', session);
    await a.engine.syncScope(scope);
    await syncUntil(b, scope, async () => (await b.store.get('session', scope, session.id)) !== undefined);

    expect((await a.store.edit('session', scope, session.id, { theme: 'Kelan asiointi' })).ok).toBe(true);
    expect((await b.store.edit('session', scope, session.id, { address: 'Kylätalo, Kylmälä' })).ok).toBe(true);
    await a.engine.syncScope(scope);
    await b.engine.syncScope(scope); // conflict → merge → push
    await syncUntil(a, scope, async () => (await a.store.get('session', scope, session.id))?.address === 'Kylätalo, Kylmälä');

    const onA = await a.store.get('session', scope, session.id);
    const onB = await b.store.get('session', scope, session.id);
    const onServer = await server.admin.ok<Record<string, unknown>>('GET', `/${scope}/${session.id}`);
    for (const doc of [onA, onB, onServer]) expect(doc).toMatchObject({ theme: 'Kelan asiointi', address: 'Kylätalo, Kylmälä' });
    expect(onA?.syncState).toBe('synced');
    expect(onB?.syncState).toBe('synced');
    // The device that combined the edits keeps a note of it for the participant's timeline.
    const merges = (await b.db.local.find({ selector: { kind: 'merge' } }).exec()).flatMap((m) => ofKind('merge', m.toMutableJSON()));
    expect(merges.map((m) => [m.docId, m.with])).toEqual([[session.id, 'ohjaaja1']]);
  });

  it("sends an offline edit older than another instructor's synced one as its own write: the merge is accepted, not refused as another's", async () => {
    const a = await device('ohjaaja1');
    const b = await device('ohjaaja2');
    const session = newSession({ theme: 'older edit' });
    await a.store.create('session', session);
    await a.engine.syncScope(scope);
    await syncUntil(b, scope, async () => (await b.store.get('session', scope, session.id)) !== undefined);

    // a's edit is the older one: the merge takes the document's last update (and its author) from b's.
    expect((await a.store.edit('session', scope, session.id, { address: 'Seurantalo' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect((await b.store.edit('session', scope, session.id, { capacity: 7 })).ok).toBe(true);
    await b.engine.syncScope(scope);
    const report = await a.engine.syncScope(scope);
    expect(report.refused).toBe(0);
    const onServer = await server.admin.ok<Record<string, unknown>>('GET', `/${scope}/${session.id}`);
    expect(onServer).toMatchObject({ address: 'Seurantalo', capacity: 7, updatedBy: 'ohjaaja1' });
    expect((await a.store.get('session', scope, session.id))?.syncState).toBe('synced');
  });
});
