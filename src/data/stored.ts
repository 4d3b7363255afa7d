import { specNamed, type AnyDoc, type Clocked, type DocOf, type DocType } from '../domain/index.ts';
import type { CouchDoc } from '../wire/couch.ts';

export { fromCouch } from '../wire/couch.ts';

/**
 * The one boundary between a domain document and its stored forms: the row the device
 * keeps (RxDB), the document the server keeps (CouchDB) and the view the UI reads. Only
 * here does a value change type by assertion; everywhere else goes through these.
 *
 * What the device keeps beside each domain document, never sent to the server:
 * - `pk`: local primary key `${scope}|${id}` (the same id may exist in several scopes);
 * - `ref`: the type's main reference, for indexed queries (its descriptor's `ref`);
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

/** A row of the local `docs` collection: a domain document's fields and the local ones. */
export type StoredDoc = Record<string, unknown> & LocalFields & { id: string; scope: string; type: string };

/** A domain document as the UI sees it: with its sync state, without storage internals. */
export type LocalDoc<T extends DocType> = DocOf<T> & { syncState: SyncState; syncError?: string };

const LOCAL_FIELD_NAMES = ['pk', 'ref', 'person', 'syncState', 'couchRev', 'syncError'] as const;
/** RxDB's own bookkeeping, in case a raw stored row is passed in. */
const RXDB_FIELDS = ['_rev', '_meta', '_deleted', '_attachments'] as const;

/** A field of the stored row that is not the document's: the device's own bookkeeping, RxDB's, or the sealed fields' string. */
export const isRowField = (field: string) => (LOCAL_FIELD_NAMES as readonly string[]).includes(field) || (RXDB_FIELDS as readonly string[]).includes(field) || field === 'sealed';

export const pkOf = (scope: string, id: string) => `${scope}|${id}`;

/** The fields the local indexes use, derived from a document on every write: its type's `ref` and whom it is about. */
export function indexFields(doc: Readonly<Record<string, unknown>>): { ref: string; person: string } {
  const field = specNamed(doc.type)?.ref;
  const ref = field ? doc[field] : undefined;
  return { ref: typeof ref === 'string' ? ref : '', person: typeof doc.participantId === 'string' ? doc.participantId : '' };
}

/** A (checked) domain document → its row, with the local fields given. */
export function toRow(doc: AnyDoc, local: Pick<LocalFields, 'syncState' | 'couchRev' | 'syncError'>, pk = pkOf(doc.scope, doc.id)): StoredDoc {
  const { couchRev, syncError } = local;
  return { ...doc, pk, ...indexFields(doc), syncState: local.syncState, ...(couchRev ? { couchRev } : {}), ...(syncError ? { syncError } : {}) };
}

/** A row → the domain document it holds. Rows are written only from checked documents (toRow). */
export function domainOf<T extends DocType = DocType>(row: object): DocOf<T> {
  const out: Record<string, unknown> = { ...row };
  for (const name of [...LOCAL_FIELD_NAMES, ...RXDB_FIELDS]) delete out[name];
  return out as DocOf<T>;
}

/** A row of a type whose documents carry field clocks (every type but the append-only ones), to edit. */
export const editableOf = <T extends DocType>(row: StoredDoc): DocOf<T> & Clocked => domainOf<T>(row) as DocOf<T> & Clocked;

/** A row → what the UI reads: the domain document and its sync state. */
export function viewOf<T extends DocType>(row: StoredDoc): LocalDoc<T> {
  return { ...domainOf<T>(row), syncState: row.syncState, ...(row.syncError ? { syncError: row.syncError } : {}) };
}

/** A row → what is sent to the server. */
export function toCouch(row: StoredDoc): CouchDoc {
  const { id, ...rest } = domainOf(row);
  return { _id: id, ...(row.couchRev ? { _rev: row.couchRev } : {}), ...rest };
}
