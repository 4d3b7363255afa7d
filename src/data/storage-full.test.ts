import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupScope, noteId, SCHEMA_VERSION } from '../domain/index.ts';
import type { CouchDoc } from '../wire/couch.ts';
import { openDatabase, type PolkuDatabase } from './database.ts';
import { checkpointId } from './local-records.ts';
import { isStorageFull } from './storage-full.ts';
import { Store } from './store.ts';
import { CouchClient } from './sync/couch-client.ts';
import { SyncScheduler } from './sync/scheduler.ts';
import { SyncEngine } from './sync/sync-engine.ts';

const SCOPE = groupScope('full0001');
const AINO = 'participant:aino0001';
const AT = '2026-11-24T08:00:00.000Z';

/**
 * A full device, as Chromium makes one: a read-write transaction that wrote something is
 * aborted when it commits, its error a `QuotaExceededError`, and everything it wrote rolled
 * back (fake-indexeddb's own abort). Reads and empty transactions go on as usual.
 */
let full = false;
type FakeTransaction = { mode: string; _state: string; error: unknown; _rollbackLog: unknown[]; _requests: { request: { readyState: string } }[]; _abort(name: string): void; _markFinished(): void };
const proto = (globalThis.IDBTransaction as unknown as { prototype: { _start(this: FakeTransaction): void } }).prototype;
const start = proto._start;
proto._start = function (this: FakeTransaction) {
  const committing = this._state !== 'finished' && !this.error && this._requests.every((r) => r.request.readyState === 'done');
  if (full && committing && this.mode === 'readwrite' && this._rollbackLog.length > 0) {
    this._abort('QuotaExceededError');
    this._markFinished();
    return;
  }
  start.call(this);
};

/** A CouchDB scope as the engine sees it: changes in order, in pages of `limit`. `beforePage` runs before a page after the first is answered. */
class FakeCouch {
  readonly docs: CouchDoc[] = [];
  changesAsked: string[] = [];
  beforePage: (since: string) => Promise<void> = async () => undefined;

  readonly fetch: typeof fetch = async (input) => {
    const url = new URL(String(input));
    const [, , id] = url.pathname.split('/').map(decodeURIComponent);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
    if (id === '_changes') {
      const since = url.searchParams.get('since') ?? '0';
      this.changesAsked.push(since);
      if (since !== '0') await this.beforePage(since);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const from = Number(since);
      const results = this.docs.slice(from, from + limit).map((doc, i) => ({ id: doc._id, seq: from + i + 1, changes: [{ rev: doc._rev }], doc }));
      const last = from + results.length;
      return json({ results, last_seq: last, pending: this.docs.length - last });
    }
    return json({ error: 'not_found' }, 404);
  };
}

const note = (i: number): CouchDoc => ({
  _id: `note:fill${String(i).padStart(4, '0')}`,
  _rev: '1-a',
  type: 'note',
  schemaVersion: SCHEMA_VERSION,
  scope: SCOPE,
  createdAt: AT,
  updatedAt: AT,
  createdBy: 'ohjaaja2',
  updatedBy: 'ohjaaja2',
  participantId: AINO,
  category: 'wellbeing',
  text: `Muistiinpano ${i}`,
});

let db: PolkuDatabase;
let couch: FakeCouch;
let engine: SyncEngine;
let counter = 0;
beforeEach(async () => {
  full = false;
  db = await openDatabase(`full${++counter}${Date.now().toString(36)}`, getRxStorageDexie());
  couch = new FakeCouch();
  for (let i = 0; i < 10; i++) couch.docs.push(note(i));
  engine = new SyncEngine(db, new CouchClient({ baseUrl: 'http://couch.test', fetch: couch.fetch }), { pullBatch: 4, pullBatchMax: 4, now: () => new Date(AT) });
});
afterEach(async () => {
  full = false;
  await db.close();
});

const storedIds = async () => (await db.docs.find({ selector: { scope: SCOPE } }).exec()).map((d) => d.get('id') as string).sort();
const since = async () => (await engine.checkpoint(SCOPE))?.since;
/** Page 1 (4 changes) stored and checkpointed; then the device fills up before page 2 is stored. */
const fillAfterFirstPage = () => {
  let filled = false;
  couch.beforePage = async (from) => {
    if (from !== '4' || filled) return;
    filled = true;
    await vi.waitFor(async () => expect(await since()).toBe('4'));
    full = true;
  };
};

describe('a full device', () => {
  it('tells a full device from other failures in every wrapping it comes in', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isStorageFull(quota)).toBe(true);
    // Dexie, when the transaction aborts at commit: AbortError carrying it.
    expect(isStorageFull({ name: 'AbortError', message: 'QuotaExceededError The quota has been exceeded.', inner: quota })).toBe(true);
    expect(isStorageFull({ name: 'AbortError', message: 'aborted', inner: quota })).toBe(true);
    // RxDB's errors carry the storage's in their parameters.
    expect(isStorageFull({ name: 'RxError', message: 'RxError (SNH)', parameters: { error: { inner: quota } } })).toBe(true);
    expect(isStorageFull(new Error('wrapped', { cause: quota }))).toBe(true);

    expect(isStorageFull(new TypeError('Failed to fetch'))).toBe(false);
    expect(isStorageFull({ name: 'AbortError', message: 'Transaction aborted', inner: new DOMException('x', 'ConstraintError') })).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
    expect(isStorageFull('QuotaExceededError')).toBe(false);
  });

  it('refuses a local write whole, with the storage-full problem, and takes it once there is space', async () => {
    const store = new Store(db, { user: 'ohjaaja1', device: 'd1' });
    const fields = { scope: SCOPE, participantId: AINO, category: 'wellbeing' as const, text: 'Kirjoitettu täydelle laitteelle.' };
    full = true;
    const refused = await store.createAll('note', [{ id: noteId(), ...fields }, { id: noteId(), ...fields }]);
    expect(refused).toEqual({ ok: false, problems: [{ path: '', key: 'storage.quotaFull' }] });
    full = false;
    expect(await db.docs.count().exec()).toBe(0);

    // An edit too: the stored copy stays as it was.
    const made = await store.create('session', { id: 'session:full0001', scope: SCOPE, groupKey: 'full0001', date: '2026-12-01', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 0, status: 'planned' });
    expect(made.ok).toBe(true);
    full = true;
    expect(await store.edit('session', SCOPE, 'session:full0001', { village: 'Hietala' })).toEqual({ ok: false, problems: [{ path: '', key: 'storage.quotaFull' }] });
    full = false;
    expect((await store.get('session', SCOPE, 'session:full0001'))?.village).toBe('Kylmälä');

    expect((await store.createAll('note', [{ id: noteId(), ...fields }])).ok).toBe(true);
    expect(await db.docs.count({ selector: { type: 'note' } }).exec()).toBe(1);
  });

  it('a first pull that fills the device keeps what it stored, its checkpoint no further, and says so', async () => {
    fillAfterFirstPage();
    const error = await engine.syncScope(SCOPE).then(() => undefined, (e: unknown) => e);
    expect(isStorageFull(error)).toBe(true);
    // Page 1 whole, nothing of page 2, the checkpoint at page 1's end.
    expect(await storedIds()).toEqual(couch.docs.slice(0, 4).map((d) => d._id));
    expect(await since()).toBe('4');

    // Space freed: the next pull resumes at page 2 and completes.
    full = false;
    couch.changesAsked = [];
    const report = await engine.syncScope(SCOPE);
    expect(couch.changesAsked).toEqual(['4', '8']);
    expect(report.pulled).toBe(6);
    expect(await storedIds()).toEqual(couch.docs.map((d) => d._id));
    expect(await since()).toBe('10');
  });

  it('the scheduler shows the storage-full problem, backs off instead of retrying at once, and resumes when asked after space is freed', async () => {
    fillAfterFirstPage();
    const scheduler = new SyncScheduler(db, engine, { scopes: () => [SCOPE], intervalMs: 3_600_000 });
    await scheduler.syncNow();
    expect(scheduler.state$.value).toMatchObject({ status: 'error', error: { key: 'sync.err.storageFull' } });
    expect(await since()).toBe('4');

    // Backing off (2 s at first): no new round in the next second.
    const asked = couch.changesAsked.length;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(couch.changesAsked.length).toBe(asked);

    full = false;
    await scheduler.syncNow();
    expect(scheduler.state$.value).toMatchObject({ status: 'idle', error: undefined });
    expect(await storedIds()).toEqual(couch.docs.map((d) => d._id));
    expect((await db.local.findOne(checkpointId(SCOPE)).exec())?.get('since')).toBe('10');
    await scheduler.stop();
  });

  it("the periodic round does not cut the back-off short while the device stays full", async () => {
    fillAfterFirstPage();
    const scheduler = new SyncScheduler(db, engine, { scopes: () => [SCOPE], intervalMs: 200 });
    scheduler.start();
    await vi.waitFor(() => expect(scheduler.state$.value.error?.key).toBe('sync.err.storageFull'), { timeout: 5_000 });
    // The first back-off is 2 s (and up to 0.5 s more): several intervals pass meanwhile, none asks.
    const asked = couch.changesAsked.length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(couch.changesAsked.length).toBe(asked);
    // The back-off's own retry comes.
    await vi.waitFor(() => expect(couch.changesAsked.length).toBeGreaterThan(asked), { timeout: 3_000 });
    await scheduler.stop();
  });

  it('runs no round by itself when its interval is null (the sync bench times only rounds it asks for)', async () => {
    const scheduler = new SyncScheduler(db, engine, { scopes: () => [SCOPE], intervalMs: null });
    scheduler.start();
    await vi.waitFor(() => expect(scheduler.state$.value.lastSyncAt).toBeDefined(), { timeout: 5_000 });
    const asked = couch.changesAsked.length;
    // Null is not a timer of 0 ms: nothing is asked meanwhile.
    await new Promise((r) => setTimeout(r, 500));
    expect(couch.changesAsked.length).toBe(asked);
    await scheduler.syncNow();
    expect(couch.changesAsked.length).toBe(asked + 1);
    await scheduler.stop();
  });
});
