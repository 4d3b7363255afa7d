/**
 * Sync in the browser, driven by bench/sync.ts: the app's own data layer and sync engine
 * (openData, as the app opens it after sign-in) beside PouchDB replicating the same server
 * databases into IndexedDB, on the same page, server and (throttled) link.
 */
import PouchDB from 'pouchdb-browser';
import { filter, firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openData, type DataApi } from '../../src/data/api.ts';
import { openDatabase, type PolkuDatabase } from '../../src/data/database.ts';
import { COUCH_BASE, signIn, type SessionUser } from '../../src/data/auth.ts';
import type { StoredDoc } from '../../src/data/stored.ts';
import type { SchedulerEnv } from '../../src/data/sync/scheduler.ts';
import { weekDocuments } from './seed.ts';

export interface SyncResult {
  ms: number;
  /** Documents stored on the device afterwards (app: every scope; PouchDB: every local database). */
  docs: number;
  /** App only: arrivals refused by validation (must be 0 for a fair comparison). */
  quarantined?: number;
  pending?: number;
}

let user: SessionUser | null = null;
/** The app's data layer, and its database for the bench to count and fill. */
type OpenApp = DataApi & { db: PolkuDatabase };
const open = new Map<string, OpenApp>();
const pouches = new Map<string, PouchDB.Database>();

export async function signInAs(name: string, password: string): Promise<string[]> {
  const result = await signIn(COUCH_BASE, name, password);
  if (!result.ok) throw new Error(`sign-in as ${name} failed: ${result.key}`);
  user = result.user;
  return user.roles;
}

/** Rounds only when the bench asks: no interval or focus rounds in the middle of a timing. */
const quietEnv: SchedulerEnv = { isOnline: () => true, isVisible: () => false, addEventListener() {}, removeEventListener() {} };

async function roundDone(api: DataApi, after: string | undefined) {
  const state = await firstValueFrom(api.sync.state$.pipe(filter((s) => s.status === 'error' || s.status === 'signIn' || (s.status === 'idle' && s.lastSyncAt !== after))));
  if (state.status !== 'idle') throw new Error(`app sync failed: ${state.error?.key ?? state.status}`);
  return state;
}

async function countDocs(api: OpenApp) {
  return api.db.docs.count().exec();
}

/** The app opened for the first time on this device (as after sign-in) until its first round is done. */
export async function appFirstSync(dbName: string): Promise<SyncResult> {
  if (!user) throw new Error('not signed in');
  const started = performance.now();
  const db = await openDatabase(dbName, getRxStorageDexie());
  const api = Object.assign(await openData(user, { database: db, env: quietEnv, syncEveryMs: null }), { db });
  const state = await roundDone(api, undefined);
  const ms = performance.now() - started;
  open.set(dbName, api);
  return { ms, docs: await countDocs(api), quarantined: state.quarantined, pending: state.pending };
}

/** A week's record stored on the tablet (not yet sent), in the app's database. */
export async function appWriteWeek(dbName: string, groupKey: string, week: number): Promise<number> {
  const api = open.get(dbName);
  if (!api || !user) throw new Error(`${dbName} is not open`);
  const docs = weekDocuments(groupKey, week, user.name) as StoredDoc[];
  const { error } = await api.db.docs.bulkInsert(docs);
  if (error.length) throw new Error(`storing the week failed: ${JSON.stringify(error[0])}`);
  return docs.length;
}

/** One sync round of an app that is already open: what happens when the tablet finds a signal. */
export async function appSyncRound(dbName: string): Promise<SyncResult> {
  const api = open.get(dbName);
  if (!api) throw new Error(`${dbName} is not open`);
  // The app here runs no rounds of its own (syncEveryMs: null): one under way now would be a bench fault.
  if (api.sync.state$.value.status === 'syncing') throw new Error(`${dbName}: a round was already under way`);
  const before = api.sync.state$.value.lastSyncAt;
  const started = performance.now();
  const done = roundDone(api, before);
  void api.sync.syncNow();
  const state = await done;
  const ms = performance.now() - started;
  return { ms, docs: await countDocs(api), quarantined: state.quarantined, pending: state.pending };
}

// ---- PouchDB ------------------------------------------------------------------------

const remote = (db: string) => new PouchDB(`${location.origin}${COUCH_BASE}/${db}`, { skip_setup: true });

function pouch(name: string) {
  let db = pouches.get(name);
  if (!db) pouches.set(name, (db = new PouchDB(name)));
  return db;
}

/**
 * PouchDB's own replication of these server databases into local ones (fresh, or brought up
 * to date), all at once: with its defaults (batches of 100), or tuned as its documentation
 * advises for large replications (batches of 1,000, ten in flight). Its checkpoints are kept
 * on the device only: the gateway refuses `_local` documents (SECURITY.md), and PouchDB
 * stops a replication that finds the server's checkpoint refused.
 */
export async function pouchFirstSync(prefix: string, dbs: string[], tuned = false): Promise<SyncResult> {
  const options = { checkpoint: 'target' as const, ...(tuned ? { batch_size: 1000, batches_limit: 10 } : {}) };
  const started = performance.now();
  await Promise.all(dbs.map((db) => PouchDB.replicate(remote(db), pouch(`${prefix}-${db}`), options))).catch((error: unknown) => {
    // PouchDB rejects with plain objects: said in words, or the bench shows one letter.
    throw new Error(`PouchDB replication failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  });
  const ms = performance.now() - started;
  const counts = await Promise.all(dbs.map((db) => pouch(`${prefix}-${db}`).info()));
  return { ms, docs: counts.reduce((n, i) => n + i.doc_count, 0) };
}

/** What this origin holds on the device now (IndexedDB and all), as the browser counts it for its quota. */
export async function storageUsed(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

/** The rows an open app database holds, as JSON text (documents with the device's own fields): what IndexedDB is given to keep. */
export async function storedRowBytes(dbName: string): Promise<number> {
  const api = open.get(dbName);
  if (!api) throw new Error(`${dbName} is not open`);
  const rows = await api.db.docs.find().exec();
  return rows.reduce((n, row) => n + new TextEncoder().encode(JSON.stringify(row.toJSON(true))).length, 0);
}

/** Close an open app database (its IndexedDB connections end, which lets the browser tidy its files). */
export async function closeApp(dbName: string): Promise<void> {
  await open.get(dbName)?.close();
  open.delete(dbName);
}

/** Close and delete every local database this page made (app and PouchDB). */
export async function clearAll(): Promise<void> {
  for (const api of open.values()) await api.close();
  open.clear();
  for (const db of pouches.values()) await db.destroy();
  pouches.clear();
  const all = await indexedDB.databases();
  await Promise.all(
    all.map(
      (d) =>
        new Promise<void>((done) => {
          const request = indexedDB.deleteDatabase(d.name!);
          request.onsuccess = request.onerror = request.onblocked = () => done();
        }),
    ),
  );
}
