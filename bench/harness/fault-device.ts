/**
 * One instructor's device for the fault-injection bench, in a browser page: the app's Store
 * and sync engine on RxDB/Dexie (IndexedDB), talking to the server through the page's own
 * origin — a proxy that drops, cuts and stalls requests (tooling/fault-proxy.ts).
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COUCH_BASE } from '../../src/data/auth.ts';
import { openDatabase } from '../../src/data/database.ts';
import { Store } from '../../src/data/store.ts';
import { CouchClient } from '../../src/data/sync/couch-client.ts';
import { SyncEngine } from '../../src/data/sync/sync-engine.ts';
import { scenarioDevice, type ScenarioDevice } from '../../tooling/scenario-device.ts';

let device: ScenarioDevice | undefined;

export async function faultDeviceOpen(user: string, scope: string): Promise<void> {
  const db = await openDatabase(`fault-${user}`, getRxStorageDexie());
  const engine = new SyncEngine(db, new CouchClient({ baseUrl: COUCH_BASE, compressBodies: true }));
  device = scenarioDevice({ db, engine, scope, store: new Store(db, { user, device: `${user}-browser` }) });
}

/** `faultDevice('sync')` and so on: the open device's methods, called from the bench. */
export async function faultDevice(method: keyof ScenarioDevice, ...args: unknown[]): Promise<unknown> {
  if (!device) throw new Error('no device open');
  return (device[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}
