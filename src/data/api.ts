import { BehaviorSubject, distinctUntilChanged, filter, map } from 'rxjs';
import type { RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { databaseNameFor, openDatabase, type PolkuDatabase } from './database.ts';
import { takeAhead } from './open-ahead.ts';
import { rememberPassword, signInAgain } from './device-lock.ts';
import { sealedStorage, sealRowsInClear } from './sealed-storage.ts';
import { COUCH_BASE, currentSession, deviceId, ROLE, rememberUser, scopesOf, signIn, signOutOfServer, wasCutOff, type SessionUser, type SignInResult } from './auth.ts';
import { keepStartSnapshot } from './keep-start-snapshot.ts';
import { expiryPurger, schedulePurges } from './retention.ts';
import { readStartSnapshot, type StartSnapshot } from './start-snapshot.ts';
import { Store } from './store.ts';
import { Summaries } from './summaries.ts';
import { CouchClient } from './sync/couch-client.ts';
import { browserEnv, SyncScheduler, type SchedulerEnv } from './sync/scheduler.ts';
import { sessionCheck } from './sync/session-check.ts';
import { SyncEngine } from './sync/sync-engine.ts';
import { wipePersonData } from './wipe.ts';
import { SYNC_CHECK_PATH } from '../wire/sync-check.ts';
import { SYNC_CHANGES_PATH } from '../wire/sync-changes.ts';

export type Persistence = 'granted' | 'refused' | 'unsupported' | 'unknown';

/** Everything the UI may do with data. Loaded lazily: this module pulls in RxDB. */
export interface DataApi {
  user: SessionUser;
  /** The remote databases this user syncs; changes when the server's roles for them change. */
  scopes$: BehaviorSubject<string[]>;
  /** The user's roles as the server last said: the navigation follows a role given or taken without a new sign-in. */
  roles$: BehaviorSubject<string[]>;
  store: Store;
  /** What the start screen showed last time (null: nothing kept), to draw until the database has answered. */
  lastStart: StartSnapshot | null;
  sync: SyncScheduler;
  persistence$: BehaviorSubject<Persistence>;
  /** Per-session summaries for the coordinator's dashboard, kept up to date as documents change (coordinators only). */
  summaries: Summaries;
  /** Sign in again after the server session expired; the local data stays as it is. */
  /** 'ok', or why not (with the wait when sign-ins are throttled). */
  reauthenticate(password: string): Promise<'ok' | 'signIn.wrongUser' | { key: Exclude<SignInResult, { ok: true }>['key']; params?: { minutes: number } }>;
  /** Sign out and wipe this user's local database from the device. */
  signOut(): Promise<void>;
  /**
   * True once a coordinator's cut-off has reached this device: the server refused the
   * session and said this person was cut off after signing in here, and their data is gone.
   */
  cutOff$: BehaviorSubject<boolean>;
  close(): Promise<void>;
}

async function askPersistence(subject: BehaviorSubject<Persistence>) {
  const storage = navigator.storage;
  if (!storage?.persist) return subject.next('unsupported');
  try {
    const already = await storage.persisted();
    subject.next(already || (await storage.persist()) ? 'granted' : 'refused');
  } catch {
    subject.next('refused');
  }
}

export interface OpenOptions {
  /** Default: Dexie on IndexedDB. Tests pass RxDB's memory storage. */
  storage?: RxStorage<unknown, unknown>;
  /** Default: one database per user name. */
  dbName?: string;
  /** Default: the page's own online/visibility events. */
  env?: SchedulerEnv;
  /** A database opened by the caller (tests keep it to look inside); default: opened here. */
  database?: PolkuDatabase;
  /** The person's data key (staff): personal fields are then stored encrypted under it. */
  key?: CryptoKey;
  /** A sync round every this many ms (default 30 s); null: only the rounds asked for. */
  syncEveryMs?: number | null;
}

const SEALED_MARKER = 'marker|sealed-at-rest';

/** Encrypted from now on: what an earlier version stored in clear is sealed once. */
async function sealOnce(db: PolkuDatabase) {
  if (await db.local.findOne(SEALED_MARKER).exec()) return;
  await sealRowsInClear(db.docs, db.token);
  await db.local.upsert({ id: SEALED_MARKER, kind: 'marker' });
}

export async function openData(user: SessionUser, options: OpenOptions = {}): Promise<DataApi> {
  const storage = options.storage ?? getRxStorageDexie();
  const db =
    options.database ??
    (options.key && (await takeAhead(user.name, options.key))) ??
    (await openDatabase(options.dbName ?? databaseNameFor(user.name), options.key ? sealedStorage(storage, options.key) : storage));
  if (options.key) await sealOnce(db);
  const client = new CouchClient({ baseUrl: COUCH_BASE, checkUrl: SYNC_CHECK_PATH, changesUrl: SYNC_CHANGES_PATH, compressBodies: true });
  const engine = new SyncEngine(db, client);
  const scopes$ = new BehaviorSubject(scopesOf(user));
  const roles$ = new BehaviorSubject(user.roles);
  const summaries = new Summaries(db);
  // On a shared device the browser's one server session may be another person's: checked before the first round sends anything.
  let sessionConfirmed = false;
  // Notes and observations past the retention period leave the device: on the schedule of
  // schedulePurges, and after a round when there can be something new to remove.
  const purger = expiryPurger(db, () => new Date());
  const purge = (sent = false) => void purger(sent).catch(() => undefined);
  const stopPurges = schedulePurges(() => purge());
  const askServer = sessionCheck(client, () => currentSession(COUCH_BASE));
  const sync: SyncScheduler = new SyncScheduler(db, engine, {
    sessionFirst: () => options.key !== undefined && !sessionConfirmed,
    scopes: () => scopes$.value,
    env: options.env ?? browserEnv(),
    intervalMs: options.syncEveryMs,
    forgetScope: (scope) => engine.forgetScope(scope),
    onReport: (reports) => purge(reports.some((r) => r.pushed > 0)),
    async refreshScopes(ask) {
      let now = await askServer(ask);
      if (now === undefined) return undefined;
      // Another person used the device meanwhile, or the session ran out: a staff member's sealed password signs them in again.
      if ((now === null || now.name !== user.name) && options.key && (await signInAgain(user.name, options.key))) now = await askServer(ask);
      if (now === undefined) return undefined;
      if (now === null || now.name !== user.name) return null;
      rememberUser({ name: now.name, roles: now.roles });
      if (now.roles.join() !== roles$.value.join()) {
        roles$.next(now.roles);
        // A new coordinator's dashboard needs its summaries from now on.
        if (now.roles.includes(ROLE.coordinator)) void summaries.start();
      }
      const scopes = scopesOf(now);
      if (scopes.join() !== scopes$.value.join()) scopes$.next(scopes);
      sessionConfirmed = true;
      return { scopes, versions: now.versions, changes: now.changes };
    },
  });
  const lastStart = readStartSnapshot(user.name);
  const store = new Store(db, { user: user.name, device: deviceId(), onWrite: () => sync.request() });
  const startSnapshot = keepStartSnapshot(user.name, store, scopes$, roles$);
  const api: DataApi = {
    user,
    scopes$,
    roles$,
    store,
    lastStart,
    sync,
    persistence$: new BehaviorSubject<Persistence>('unknown'),
    summaries,
    async reauthenticate(password) {
      const result = await signIn(COUCH_BASE, user.name, password);
      if (!result.ok) return { key: result.key, params: result.params };
      if (result.user.name !== user.name) return 'signIn.wrongUser';
      rememberUser(result.user);
      if (options.key) await rememberPassword(user.name, options.key, password);
      sync.resume();
      return 'ok';
    },
    async signOut() {
      await leave();
      await signOutOfServer(COUCH_BASE);
      await wipe();
    },
    cutOff$: new BehaviorSubject(false),
    async close() {
      startSnapshot.flush();
      await leave();
      await db.close();
    },
  };
  async function leave() {
    stopPurges();
    watchCutOff.unsubscribe();
    startSnapshot.stop();
    summaries.stop();
    await sync.stop();
  }
  /** The open database itself (whatever its name), then everything else of the person's. */
  async function wipe() {
    await db.remove();
    await wipePersonData(user.name, storage);
  }
  let asking = false;
  // Each time the server refuses the session, it is asked why: only its record of a cut-off
  // wipes; a session that merely expired keeps everything and asks for the password again.
  const watchCutOff = sync.state$
    .pipe(
      map((s) => s.status),
      distinctUntilChanged(),
      filter((status) => status === 'signIn'),
    )
    .subscribe(() => {
      if (asking) return;
      asking = true;
      void wasCutOff(user.name)
        .then(async (cut) => {
          if (cut !== true || api.cutOff$.value) return;
          await leave();
          await wipe();
          api.cutOff$.next(true);
        })
        .catch(() => undefined)
        .finally(() => (asking = false));
    });
  sync.start();
  // Only coordinators have a dashboard: nobody else pays for keeping its summaries.
  if (user.roles.includes(ROLE.coordinator)) await summaries.start();
  void askPersistence(api.persistence$);
  return api;
}
