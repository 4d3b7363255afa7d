/**
 * What the device keeps beside each domain document, never sent to the server:
 * - `pk`: local primary key `${scope}|${id}` (the same id may exist in several scopes);
 * - `ref`: the type's main foreign key, for indexed queries (see rx-schema.ts);
 * - `person`: the participant a document is about ('' when none), for the timeline's query;
 * - `syncState`: `pending` (changed here, not yet on the server), `synced`, or `refused`
 *   (the server rejected it: kept here with the reason, never blocking other documents);
 * - `couchRev`: the server revision this local copy descends from;
 * - `syncError`: the server's reason for a refusal.
 */
export type SyncState = 'pending' | 'synced' | 'refused';

export interface LocalFields {
  pk: string;
  ref: string;
  person: string;
  syncState: SyncState;
  couchRev?: string;
  syncError?: string;
}

export const LOCAL_FIELD_NAMES = ['pk', 'ref', 'person', 'syncState', 'couchRev', 'syncError'] as const;

export const pkOf = (scope: string, id: string) => `${scope}|${id}`;

export function stripLocal<T extends object>(stored: T): Omit<T, keyof LocalFields> {
  const out = { ...stored } as Record<string, unknown>;
  for (const name of LOCAL_FIELD_NAMES) delete out[name];
  // RxDB's own bookkeeping, in case a raw stored document is passed in.
  delete out._rev;
  delete out._meta;
  delete out._deleted;
  delete out._attachments;
  return out as Omit<T, keyof LocalFields>;
}
