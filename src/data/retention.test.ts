import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupScope, SCHEMA_VERSION, type AnyDoc } from '../domain/index.ts';
import type { CouchDoc } from '../wire/couch.ts';
import { openDatabase, type PolkuDatabase } from './database.ts';
import { expiryPurger, purgeExpired, schedulePurges } from './retention.ts';
import { toRow, type SyncState } from './stored.ts';
import { CouchClient } from './sync/couch-client.ts';
import { SyncEngine } from './sync/sync-engine.ts';

const SCOPE = groupScope('retention1');
// 10:00 in Helsinki on 15 March 2026; with the default 24 months, 15 March 2024 is the first day kept.
const NOW = new Date('2026-03-15T08:00:00Z');
const AINO = 'participant:aino0001';
const EERO = 'participant:eero0001';

const base = (createdAt: string) => ({ scope: SCOPE, schemaVersion: SCHEMA_VERSION, createdAt, updatedAt: createdAt, createdBy: 'ohjaaja1', updatedBy: 'ohjaaja1' });
const note = (key: string, createdAt: string, participantId = AINO) =>
  ({ id: `note:${key}`, type: 'note', ...base(createdAt), participantId, category: 'wellbeing', text: `Muistiinpano ${key}` }) as AnyDoc;
const observation = (key: string, date: string) => ({ id: `observation:${key}`, type: 'observation', ...base(NOW.toISOString()), participantId: AINO, date, social: 3 }) as AnyDoc;
const participant = (id: string) =>
  ({ id, type: 'participant', ...base('2024-01-01T08:00:00.000Z'), clock: {}, groupKey: 'retention1', displayName: 'Aino', homeVillage: 'Kylmälä', language: 'fi', status: 'active', startDate: '2024-01-01' }) as AnyDoc;
const toServer = ({ id, ...rest }: AnyDoc, rev = '1-a'): CouchDoc => ({ _id: id, _rev: rev, ...rest });

/**
 * A CouchDB as the sync engine sees it: one database, its changes in order, and every
 * `_bulk_docs` body kept, so a test sees exactly what a round would have pushed.
 */
class FakeCouch {
  readonly docs = new Map<string, CouchDoc>();
  readonly changes: { seq: number; id: string; deleted?: boolean }[] = [];
  readonly pushed: CouchDoc[][] = [];

  put(doc: CouchDoc) {
    this.docs.set(doc._id, doc);
    this.changes.push({ seq: this.changes.length + 1, id: doc._id, ...(doc._deleted ? { deleted: true } : {}) });
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const [, , id] = url.pathname.split('/').map(decodeURIComponent);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
    if (id === '_bulk_docs') {
      const { docs } = JSON.parse(String(init?.body)) as { docs: CouchDoc[] };
      this.pushed.push(docs);
      return json(docs.map((d) => {
        const rev = `${(Number.parseInt(d._rev ?? '0', 10) || 0) + 1}-x`;
        this.put({ ...d, _rev: rev });
        return { id: d._id, ok: true, rev };
      }), 201);
    }
    if (id === '_changes') {
      const since = Number(url.searchParams.get('since'));
      const latest = new Map<string, number>();
      for (const c of this.changes) latest.set(c.id, c.seq);
      const results = this.changes
        .filter((c) => c.seq > since && latest.get(c.id) === c.seq)
        .map((c) => ({ id: c.id, seq: c.seq, ...(c.deleted ? { deleted: true } : {}), doc: this.docs.get(c.id) }));
      return json({ results, last_seq: this.changes.length, pending: 0 });
    }
    const doc = id ? this.docs.get(id) : undefined;
    return doc && !doc._deleted ? json(doc) : json({ error: 'not_found' }, 404);
  };
}

// RxDB's Dexie storage over fake-indexeddb (src/test-setup.ts), as on a tablet.
let db: PolkuDatabase;
let couch: FakeCouch;
let engine: SyncEngine;
let counter = 0;
beforeEach(async () => {
  db = await openDatabase(`retention${++counter}${Date.now().toString(36)}`, getRxStorageDexie());
  couch = new FakeCouch();
  engine = new SyncEngine(db, new CouchClient({ baseUrl: 'http://couch.test', fetch: couch.fetch }), { now: () => NOW });
});
afterEach(() => db.close());

const store = (doc: AnyDoc, syncState: SyncState) => db.docs.insert(toRow(doc, { syncState, ...(syncState === 'synced' ? { couchRev: '1-a' } : {}) }));
const held = async () => (await db.docs.find().exec()).map((d) => d.get('id') as string).sort();

describe('retention on the device', () => {
  it('removes old synced notes and observations here only: the next round pushes no deletion, and its pull brings nothing back', async () => {
    const old = [note('old1', '2024-03-14T12:00:00.000Z'), observation('old2', '2024-03-01')];
    const kept = [note('new1', '2024-03-15T12:00:00.000Z'), observation('new2', '2025-06-01'), participant(AINO)];
    for (const doc of [...old, ...kept]) couch.put(toServer(doc));
    // The device has synced all of them before.
    await engine.syncScope(SCOPE);
    expect(await held()).toEqual([...kept.map((d) => d.id)].sort());
    for (const doc of old) await store(doc, 'synced');
    // Typed long ago on a device that stayed offline: not on the server yet.
    const unsent = note('unsent', '2024-01-02T12:00:00.000Z');
    await store(unsent, 'pending');

    expect(await purgeExpired(db, NOW)).toBe(2);
    expect(await held()).toEqual([unsent.id, ...kept.map((d) => d.id)].sort());

    const report = await engine.syncScope(SCOPE);
    // Only the unsent note went up; nothing was deleted on the server.
    expect(couch.pushed.flat().map((d) => d._id)).toEqual([unsent.id]);
    expect(couch.pushed.flat().some((d) => d._deleted)).toBe(false);
    expect(report.pushed).toBe(1);
    for (const doc of old) expect(couch.docs.get(doc.id)?._deleted).toBeUndefined();
    expect(await held()).toEqual([unsent.id, ...kept.map((d) => d.id)].sort());

    // On the server now: the next purge removes it.
    expect(await purgeExpired(db, NOW)).toBe(1);
    expect(await held()).toEqual(kept.map((d) => d.id).sort());
  });

  it('follows the organisation’s period, and a new device’s first sync does not store what it would remove', async () => {
    const org = { id: 'organisation', type: 'organisation', ...base('2026-01-01T08:00:00.000Z'), clock: {}, name: 'Yhdistys', defaults: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 0 }, privacy: { retentionMonths: 6 } } as AnyDoc;
    // Notes first in the changes, the organisation's record last.
    couch.put(toServer(note('eight', '2025-07-01T08:00:00.000Z')));
    couch.put(toServer(note('five', '2025-10-01T08:00:00.000Z')));
    couch.put(toServer(org));
    await engine.syncScope(SCOPE);
    expect(await held()).toEqual(['note:five', 'organisation']);
  });

  it('keeps no copy of a removed note in the database’s own storage', async () => {
    await store(note('old1', '2023-01-01T12:00:00.000Z'), 'synced');
    await purgeExpired(db, NOW);
    const raw = await db.docs.storageInstance.findDocumentsById(['' + SCOPE + '|note:old1'], true);
    expect(raw).toEqual([]);
  });
});

describe('when the app purges: after its rounds, and on a timer', () => {
  const org = (retentionMonths: number) =>
    ({ id: 'organisation', type: 'organisation', ...base('2026-01-01T08:00:00.000Z'), clock: {}, name: 'Yhdistys', defaults: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 0 }, privacy: { retentionMonths } }) as AnyDoc;

  it('reads the database again only when it can find something: a new day, a shorter period, or something sent', async () => {
    let at = NOW;
    const purge = expiryPurger(db, () => at);
    await store(note('old1', '2024-03-14T12:00:00.000Z'), 'synced');
    expect(await purge()).toBe(1);

    // Stored past the cutoff behind its back (a round that only reads never stores one): left until there is a reason to look.
    await store(note('old2', '2024-03-14T12:00:00.000Z'), 'synced');
    expect(await purge()).toBe(0);
    expect(await held()).toContain('note:old2');
    // A round that sent something: a note typed long ago may have reached the server only now.
    expect(await purge(true)).toBe(1);

    // The next day moves the cutoff by a day.
    await store(note('day', '2024-03-15T12:00:00.000Z'), 'synced');
    expect(await purge()).toBe(0);
    at = new Date('2026-03-16T08:00:00Z');
    expect(await purge()).toBe(1);

    // The organisation shortens its period: the next round's purge follows at once.
    await store(note('year', '2025-03-15T12:00:00.000Z'), 'synced');
    await store(note('month', '2026-03-01T12:00:00.000Z'), 'synced');
    expect(await purge()).toBe(0);
    await store(org(6), 'synced');
    expect(await purge()).toBe(1);
    expect(await held()).toEqual(['note:month', 'organisation']);
  });

  it('lets a note go on the day it expires while the app stays open offline, with no round at all', async () => {
    let at = NOW;
    const purger = expiryPurger(db, () => at);
    const runs: Promise<number>[] = [];
    // The app's schedule, its hours made milliseconds.
    const stop = schedulePurges(() => void runs.push(purger()), { firstAfterMs: 5, everyMs: 20 });
    try {
      await store(note('lastday', '2024-03-15T12:00:00.000Z'), 'synced');
      await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(2));
      await Promise.all(runs);
      expect(await held()).toEqual(['note:lastday']);
      // Midnight passes in Helsinki: 16 March 2024 is now the first day kept.
      at = new Date('2026-03-15T22:30:00Z');
      await vi.waitFor(async () => expect(await held()).toEqual([]));
    } finally {
      stop();
    }
    const after = runs.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(runs.length).toBe(after);
  });

  it('runs one purge at a time: a round ending during a purge does not read everything a second time', async () => {
    const purge = expiryPurger(db, () => NOW);
    await store(note('old1', '2024-03-14T12:00:00.000Z'), 'synced');
    await store(observation('old2', '2024-03-01'), 'synced');
    expect(await Promise.all([purge(), purge()])).toEqual([2, 0]);
  });
});

describe('an erased participant on the device', () => {
  it('leaves with everything about them, unsent work too, when their record’s deletion arrives; others stay', async () => {
    for (const doc of [participant(AINO), participant(EERO), note('aino1', '2026-03-01T08:00:00.000Z'), note('eero1', '2026-03-01T08:00:00.000Z', EERO)]) couch.put(toServer(doc));
    await engine.syncScope(SCOPE);
    await store(note('aino2', '2026-03-14T08:00:00.000Z'), 'pending');
    // A malformed note about her, kept aside on this device, and one about Eero.
    couch.put({ _id: 'note:aino3', _rev: '1-q', type: 'note', participantId: AINO, text: 'Rikki' });
    couch.put({ _id: 'note:eero3', _rev: '1-q', type: 'note', participantId: EERO, text: 'Rikki' });
    await engine.syncScope(SCOPE);
    expect(await db.local.count({ selector: { kind: 'quarantine' } }).exec()).toBe(2);
    // The controller erases Aino: tombstones with no fields, the note a1 and her record.
    couch.put({ _id: 'note:aino1', _rev: '2-z', _deleted: true });
    couch.put({ _id: AINO, _rev: '2-z', _deleted: true });
    // The server refuses the unsent note (the gateway's answer is tested in tests/integration/erasure.test.ts): here the fake takes it.
    await engine.syncScope(SCOPE);
    expect(await held()).toEqual(['note:eero1', EERO]);
    expect((await db.local.find({ selector: { kind: 'quarantine' } }).exec()).map((r) => r.get('docId'))).toEqual(['note:eero3']);
    const raw = await db.docs.storageInstance.findDocumentsById([`${SCOPE}|${AINO}`, `${SCOPE}|note:aino1`, `${SCOPE}|note:aino2`], true);
    expect(raw).toEqual([]);
  });
});
