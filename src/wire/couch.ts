/** CouchDB's wire format as both the app's sync and the server's relay read it. */

export interface CouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

export interface Change {
  id: string;
  /** Left out (null) on all but the last row of a page when `seq_interval` is asked for. */
  seq?: string | number | null;
  deleted?: boolean;
  changes?: { rev: string }[];
  doc?: CouchDoc;
}

export interface ChangesPage {
  results: Change[];
  last_seq: string | number;
  pending?: number;
}

export type BulkResult = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

export interface AllDocsPage {
  rows: { id?: string; key: string; value?: { rev: string; deleted?: boolean }; doc?: CouchDoc | null; error?: string }[];
}

/** A server document → the domain fields it claims (CouchDB's `_id` is the domain `id`); to be checked. */
export function fromCouch(doc: CouchDoc): Record<string, unknown> {
  const out: Record<string, unknown> = { id: doc._id };
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

/** The type of a document from its id (`attendance:<session>:<participant>` → `attendance`). */
export const typeOfId = (id: string) => (id.includes(':') ? id.slice(0, id.indexOf(':')) : id);

export interface SessionUser {
  name: string;
  roles: string[];
}

/**
 * Who a `_session` answer names: `GET /_session` wraps it in `userCtx`, `POST /_session`
 * answers it bare. Null when nobody is signed in or the answer is not one.
 */
export function sessionUserOf(body: unknown): SessionUser | null {
  if (!body || typeof body !== 'object') return null;
  const ctx = 'userCtx' in body ? (body as { userCtx: unknown }).userCtx : body;
  if (!ctx || typeof ctx !== 'object') return null;
  const { name, roles } = ctx as { name?: unknown; roles?: unknown };
  if (typeof name !== 'string' || !name) return null;
  return { name, roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [] };
}
