import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { localSchema, summarySchema, upgradeLocalRecord, type LocalRecord, type SummaryRecord } from './local-records.ts';
import { docsSchema } from './rx-schema.ts';
import { indexFields, type StoredDoc } from './stored.ts';

addRxPlugin(RxDBMigrationSchemaPlugin);
export type PolkuCollections = { docs: RxCollection<StoredDoc>; local: RxCollection<LocalRecord>; summaries: RxCollection<SummaryRecord> };
export type PolkuDatabase = RxDatabase<PolkuCollections>;

/** One local database per signed-in user, so a shared tablet never mixes people's data. */
export function databaseNameFor(user: string): string {
  const safe = user.toLowerCase().replace(/[^a-z0-9]/g, '');
  let hash = 0;
  for (const ch of user) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return `polku_${safe.slice(0, 20)}_${hash.toString(36)}`;
}

export async function openDatabase(name: string, storage: RxStorage<unknown, unknown>): Promise<PolkuDatabase> {
  const db = await createRxDatabase<PolkuCollections>({ name, storage, multiInstance: true, eventReduce: true, closeDuplicates: true });
  await db.addCollections({
    docs: {
      schema: docsSchema,
      // Documents stored by the previous version get their derived index fields.
      migrationStrategies: { 1: (doc: StoredDoc) => ({ ...doc, ...indexFields(doc) }) },
    },
    local: { schema: localSchema, migrationStrategies: { 1: upgradeLocalRecord, 2: (record: Record<string, unknown>) => record } },
    summaries: { schema: summarySchema },
  } as never);
  return db;
}
