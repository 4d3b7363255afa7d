import type { PolkuDatabase } from '../src/data/database.ts';
import { domainOf } from '../src/data/stored.ts';
import type { Store } from '../src/data/store.ts';
import type { SyncEngine } from '../src/data/sync/sync-engine.ts';

/**
 * What the fault scenario does with a device: the app's own Store and sync engine, in Node
 * (RxDB on Dexie over fake-indexeddb) or in a browser page (RxDB on IndexedDB). Kept free of Node
 * modules so the bench harness page can use it too.
 */
export interface ScenarioDevice {
  ids(type: 'session' | 'participant'): Promise<string[]>;
  createSession(input: Record<string, unknown>): Promise<boolean>;
  /** The attendance id when stored. */
  markAttendance(sessionId: string, participantId: string, status: string): Promise<string | undefined>;
  editSession(id: string, patch: Record<string, unknown>): Promise<boolean>;
  /** One sync of the group; undefined when the network failed it. */
  sync(): Promise<{ pushed: number; pulled: number; merged: number; refused: number } | undefined>;
  count(synced: boolean): Promise<number>;
  /** Ids of the documents the server has acknowledged (stored here as synced). */
  syncedIds(): Promise<string[]>;
  /** Every stored document of the group, without the device's own fields. */
  docs(): Promise<Record<string, unknown>[]>;
  /** A field of a stored document as it is here now, with its clock (who set it, when). */
  field(id: string, name: string): Promise<{ value: unknown; clock?: string } | undefined>;
}

export function scenarioDevice(parts: { db: PolkuDatabase; store: Store; engine: SyncEngine; scope: string }): ScenarioDevice {
  const { db, store, engine, scope } = parts;
  return {
    ids: async (type) => (await db.docs.find({ selector: { type, scope } }).exec()).map((d) => d.get('id') as string),
    createSession: async (input) => (await store.create('session', input as never)).ok,
    async markAttendance(sessionId, participantId, status) {
      const r = await store.markAttendance(scope, sessionId, participantId, status as never);
      return r.ok ? r.value.id : undefined;
    },
    editSession: async (id, patch) => (await store.edit('session', scope, id, patch)).ok,
    sync: () => engine.syncScope(scope).catch(() => undefined),
    async count(synced) {
      // Counted by the indexed (syncState, scope): Dexie refuses a count its index cannot answer.
      const states = synced ? ['synced'] : ['pending', 'refused'];
      const counts = await Promise.all(states.map((syncState) => db.docs.count({ selector: { syncState, scope } }).exec()));
      return counts.reduce((a, b) => a + b, 0);
    },
    syncedIds: async () => (await db.docs.find({ selector: { syncState: 'synced', scope } }).exec()).map((d) => d.get('id') as string),
    docs: async () => (await db.docs.find({ selector: { scope } }).exec()).map((d) => domainOf(d.toJSON())),
    async field(id, name) {
      const doc = (await db.docs.find({ selector: { scope, id } }).exec())[0]?.toJSON() as (Record<string, unknown> & { clock?: Record<string, string> }) | undefined;
      return doc && { value: doc[name], clock: doc.clock?.[name] };
    },
  };
}
