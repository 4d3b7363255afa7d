import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { databaseNameFor, openDatabase, type PolkuDatabase } from './database.ts';
import { sealedStorage } from './sealed-storage.ts';

/**
 * A staff member's database, opened while their lock screen waits for the PIN: on a slow
 * tablet, opening it is a good part of the wait after the PIN. Nothing is read through it
 * before then: its personal fields stay sealed until the key the PIN unwraps is given, and no
 * screen has it. The opening that follows takes it; anything else closes it.
 */
interface Ahead {
  user: string;
  db: Promise<PolkuDatabase>;
  giveKey: (key: CryptoKey) => void;
  /** Closed without a key: whatever waited for it (a migration reading sealed rows) fails instead of waiting for ever. */
  refuseKey: () => void;
}
let ahead: Ahead | undefined;
/** People whose data is being wiped (or was): never opened ahead again in this page. */
const barred = new Set<string>();

export function openAhead(user: string): void {
  if (ahead?.user === user || barred.has(user)) return;
  void closeAhead();
  let giveKey: (key: CryptoKey) => void = () => undefined;
  let refuseKey: () => void = () => undefined;
  const key = new Promise<CryptoKey>((resolve, reject) => {
    giveKey = resolve;
    refuseKey = () => reject(new Error('closed before the PIN'));
  });
  // Nothing awaits the key if nothing read a sealed row.
  key.catch(() => undefined);
  const db = openDatabase(databaseNameFor(user), sealedStorage(getRxStorageDexie(), key));
  const opened: Ahead = { user, db, giveKey, refuseKey };
  // A failed opening is left to the ordinary one after the PIN.
  db.catch(() => ahead === opened && (ahead = undefined));
  ahead = opened;
}

/** The database opened ahead for `user`, now with their key; none when none was (or it failed). */
export async function takeAhead(user: string, key: CryptoKey): Promise<PolkuDatabase | undefined> {
  const taken = ahead;
  if (taken?.user !== user) {
    await closeAhead();
    return undefined;
  }
  ahead = undefined;
  taken.giveKey(key);
  return taken.db.catch(() => undefined);
}

/** Closes the database opened ahead: nobody is going to open it now. */
export async function closeAhead(): Promise<void> {
  const dropped = ahead;
  if (!dropped) return;
  ahead = undefined;
  dropped.refuseKey();
  await dropped.db.then((db) => db.close(), () => undefined);
}

/** Before `user`'s data is wiped: their database is closed if it was opened ahead, and not opened ahead again. */
export async function barAhead(user: string): Promise<void> {
  barred.add(user);
  if (ahead?.user === user) await closeAhead();
}
