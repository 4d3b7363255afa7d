import { removeRxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { forgetSignIn, forgetUser, rememberedUser } from './auth.ts';
import { databaseNameFor } from './database.ts';
import { forgetProfile } from './device-lock.ts';
import { barAhead } from './open-ahead.ts';
import { forgetStartSnapshot } from './start-snapshot.ts';

/** RxDB's Dexie storage leaves its empty IndexedDB databases behind on remove(): delete them too. */
async function deleteLeftovers(prefix: string) {
  const all = (await globalThis.indexedDB?.databases?.().catch(() => [])) ?? [];
  await Promise.all(
    all
      .filter((d) => d.name?.startsWith(prefix))
      .map((d) => new Promise<void>((done) => {
        const request = indexedDB.deleteDatabase(d.name!);
        request.onsuccess = request.onerror = request.onblocked = () => done();
      })),
  );
}

/**
 * Everything of this person's on the device goes: their local database (unsent work with
 * it), their keys, what the start screen kept, when they signed in, and the remembered user
 * if it is them. Sign-out and a coordinator's cut-off both end here. The database must be closed
 * first (the caller's open instance would otherwise keep writing). `storage`: tests pass
 * RxDB's memory storage; the app's is Dexie.
 */
export async function wipePersonData(name: string, storage: RxStorage<unknown, unknown> = getRxStorageDexie()): Promise<void> {
  const dbName = databaseNameFor(name);
  // Opened while their lock screen waited (a cut-off found then): closed before it goes, and not opened again.
  await barAhead(name);
  await removeRxDatabase(dbName, storage);
  await deleteLeftovers(`rxdb-dexie-${dbName}--`);
  forgetStartSnapshot(name);
  forgetSignIn(name);
  forgetProfile(name);
  if (rememberedUser()?.name === name) forgetUser();
}
