// The browser's storage engine (RxDB on Dexie) over an in-memory IndexedDB: its limits (a
// count must be answered by an index, say) show up here as they would on a tablet.
import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase, type PolkuDatabase } from '../src/data/database.ts';
import { Store } from '../src/data/store.ts';
import { CouchClient } from '../src/data/sync/couch-client.ts';
import { SyncEngine, type SyncEngineOptions } from '../src/data/sync/sync-engine.ts';
import { SYNC_CHECK_PATH } from '../src/wire/sync-check.ts';
import { SYNC_CHANGES_PATH } from '../src/wire/sync-changes.ts';
import { basicAuth } from './test-server.ts';

export interface Device {
  db: PolkuDatabase;
  store: Store;
  engine: SyncEngine;
  client: CouchClient;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Signs in with `POST /_session` as the app does, then sends only the session cookie,
 * kept up to date from each answer as a browser keeps it.
 */
async function cookieFetch(serverUrl: string, user: string, password: string, base: typeof fetch = fetch): Promise<typeof fetch> {
  let cookie = '';
  const withCookie: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('Cookie', cookie);
    const response = await base(input, { ...init, headers });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('AuthSession='));
    if (set) cookie = set.split(';')[0]!;
    return response;
  };
  const signIn = await withCookie(`${serverUrl}/couch/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: user, password }),
  });
  if (!signIn.ok || !cookie) throw new Error(`sign-in as ${user}: ${signIn.status}`);
  return withCookie;
}

/**
 * A device as the app builds it (real RxDB, real sync engine), talking to the gateway with
 * Basic auth, or with a session cookie as the app does (`cookie: true`).
 */
export async function openDevice(
  serverUrl: string,
  user: string,
  password: string,
  opts: { fetch?: typeof fetch; engine?: SyncEngineOptions; cookie?: boolean } = {},
): Promise<Device> {
  const auth = opts.cookie
    ? { fetch: await cookieFetch(serverUrl, user, password, opts.fetch) }
    : { fetch: opts.fetch, headers: { Authorization: basicAuth(user, password) } };
  const db = await openDatabase(`device${++counter}${Date.now().toString(36)}`, getRxStorageDexie());
  // Bodies gzipped as the app sends them (the gateway unpacks them).
  const client = new CouchClient({ baseUrl: `${serverUrl}/couch`, checkUrl: `${serverUrl}${SYNC_CHECK_PATH}`, changesUrl: `${serverUrl}${SYNC_CHANGES_PATH}`, ...auth, compressBodies: true });
  const engine = new SyncEngine(db, client, opts.engine);
  const store = new Store(db, { user, device: `${user}-device` });
  return { db, store, engine, client, close: () => db.close().then(() => undefined) };
}

/**
 * Sync until `done` holds, for a device that is to see what another client has just written.
 * On an Apache CouchDB cluster a write is acknowledged once two of three copies have it, and
 * the third gets it a moment later (measured here: up to ~25 ms); a `_changes` read in that
 * moment may come from the third, so the write arrives in the next round instead. PouchDB
 * Server has one copy: there the first round is enough.
 */
export async function syncUntil(device: Device, scope: string, done: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await device.engine.syncScope(scope);
    if ((await done()) || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
