import { createRevision, now, wrapRxStorageInstance, type RxCollection, type RxDocumentData, type RxStorage, type RxStorageInstance, type RxStorageInstanceCreationParams } from 'rxdb/plugins/core';
import { AT_REST, sealedFieldsOf, unclassifiedFieldsOf } from '../domain/at-rest.ts';
import { isRowField } from './stored.ts';
import { seal, unseal } from './device-keys.ts';

/**
 * RxDB storage that keeps the personal fields of each row encrypted under the person's data
 * key (src/domain/at-rest.ts says which): they leave the row into one `sealed` string, bound
 * to the row's primary key so it cannot be moved to another row. Everything above the
 * storage (queries, the store, merges, sync) sees the fields as they are; IndexedDB never
 * does. Queries select and index only clear fields. Rows written before encryption (no
 * `sealed`) read as they are, and are sealed when next written.
 */
type Row = RxDocumentData<Record<string, unknown>>;

/** Per collection: which fields of a row to seal. `local` keeps a quarantined document's raw text. */
const SEALED_BY_COLLECTION: Record<string, (row: Row) => readonly string[]> = {
  // What a newer app version added (neither sealed nor clear here) is sealed too; the row's own bookkeeping stays clear.
  docs: (row) => [...sealedFieldsOf(row.type), ...unclassifiedFieldsOf(row).filter((f) => !isRowField(f))],
  local: (row) => (row.kind === 'quarantine' ? ['raw'] : []),
};

/** `dataKey` may come later (a database opened while the lock screen waits): sealing and unsealing wait for it. */
export function sealedStorage<I, O>(storage: RxStorage<I, O>, dataKey: CryptoKey | Promise<CryptoKey>): RxStorage<I, O> {
  return {
    ...storage,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, O>) {
      const instance = await storage.createStorageInstance(params);
      const fieldsOf = SEALED_BY_COLLECTION[params.collectionName];
      if (!fieldsOf) return instance;
      const primary = params.schema.primaryKey as string;
      const toStorage = async (row: Row): Promise<Row> => {
        const fields = fieldsOf(row).filter((f) => row[f] !== undefined);
        if (fields.length === 0) return row;
        const out: Row = { ...row };
        const picked: Record<string, unknown> = {};
        for (const f of fields) {
          picked[f] = row[f];
          delete out[f];
        }
        out.sealed = await seal(await dataKey, JSON.stringify(picked), String(row[primary]));
        return out;
      };
      const fromStorage = async (row: Row): Promise<Row> => {
        if (typeof row.sealed !== 'string') return row;
        const { sealed, ...rest } = row;
        return { ...rest, ...(JSON.parse(await unseal(await dataKey, sealed, String(row[primary]))) as object) } as Row;
      };
      return wrapRxStorageInstance(params.schema as never, instance as never, toStorage as never, fromStorage as never) as never;
    },
  };
}

/**
 * Rows written before this device encrypted (an app updated with data on it) are sealed
 * once: written again as they are, through the sealing storage. Returns how many.
 */
export async function sealRowsInClear(collection: RxCollection, token: string): Promise<number> {
  const sealing = collection.storageInstance as RxStorageInstance<Row, unknown, unknown> & { originalStorageInstance?: RxStorageInstance<Row, unknown, unknown> };
  const underneath = sealing.originalStorageInstance;
  if (!underneath) return 0;
  const types = Object.entries(AT_REST).filter(([, c]) => c.sealed.length > 0).map(([t]) => t);
  const ids = (await collection.find({ selector: { type: { $in: types } } }).exec()).map((d) => d.primary);
  let sealed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await underneath.findDocumentsById(ids.slice(i, i + 500), false);
    const clear = rows.filter((r) => typeof r.sealed !== 'string' && sealedFieldsOf(r.type).some((f) => r[f] !== undefined));
    if (clear.length === 0) continue;
    await sealing.bulkWrite(clear.map((r) => ({ previous: r, document: { ...r, _rev: createRevision(token, r), _meta: { ...r._meta, lwt: now() } } })), 'polku-seal');
    sealed += clear.length;
  }
  return sealed;
}
