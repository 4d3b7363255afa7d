import { isScope } from '../src/wire/scopes.ts';

/**
 * The CouchDB routes a browser may reach through the gateway, and nothing else.
 * PouchDB Server 4.2.0 crashes on a non-admin `PUT /{db}`, on `_changes?filter=_selector`
 * and on `_replicator` documents with a `selector`; none of those can pass here.
 * Apache CouchDB enforces the same rules itself; this list keeps the surface small anyway.
 */
export type RouteDecision =
  | { ok: true; path: string; kind: RouteKind }
  | { ok: false; status: 400 | 403 | 404 | 405 | 414; reason: string };

export type RouteKind = 'root' | 'session' | 'dbInfo' | 'changes' | 'bulkDocs' | 'bulkGet' | 'allDocs' | 'revsDiff' | 'doc';

const MAX_ID = 250;
const MAX_QUERY = 2000;

const CHANGES_PARAMS = new Set(['since', 'limit', 'include_docs', 'feed', 'timeout', 'heartbeat', 'style', 'conflicts', 'seq_interval', 'attachments']);
const ALL_DOCS_PARAMS = new Set(['include_docs', 'keys', 'key', 'startkey', 'endkey', 'start_key', 'end_key', 'limit', 'skip', 'conflicts', 'descending', 'inclusive_end', 'update_seq']);
const DOC_PARAMS = new Set(['rev', 'revs', 'open_revs', 'latest', 'conflicts', 'revs_info', 'attachments']);

/** Refusals name a catalogue key: the app (or whoever reads it) learns what, never the inner server's text. */
const deny = (status: 400 | 403 | 404 | 405 | 414, reason = 'srv.notAllowed'): RouteDecision => ({ ok: false, status, reason });

/** Split and decode a path; refuse dot segments, empty segments and control characters. */
function segments(rawPath: string): string[] | null {
  if (!rawPath.startsWith('/')) return null;
  const parts = rawPath.slice(1).split('/');
  const out: string[] = [];
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[\u0000-\u001f\\]/.test(decoded)) return null;
    out.push(decoded);
  }
  return out;
}

function paramsAllowed(query: URLSearchParams, allowed: Set<string>): boolean {
  for (const key of query.keys()) if (!allowed.has(key)) return false;
  return true;
}

/** `path` is what follows `/couch`; `search` is the raw query string (with or without `?`). */
export function decideRoute(method: string, path: string, search: string): RouteDecision {
  if (search.length > MAX_QUERY) return deny(414, 'srv.tooLarge');
  const query = new URLSearchParams(search);
  // The server's welcome (version and uuid): CouchDB clients such as PouchDB ask for it.
  if (path === '/') return method === 'GET' || method === 'HEAD' ? { ok: true, path: '/', kind: 'root' } : deny(405);
  // `GET /db/` is the database's info, as in CouchDB (PouchDB asks so).
  const parts = segments(/^\/[^/]+\/$/.test(path) ? path.slice(0, -1) : path);
  if (!parts || parts.length === 0) return deny(404);
  const [first, second] = parts;

  if (first === '_session' && parts.length === 1) {
    if (!['GET', 'POST', 'DELETE'].includes(method)) return deny(405);
    return { ok: true, path: '/_session', kind: 'session' };
  }
  if (!first || !isScope(first)) return deny(404);
  const db = `/${first}`;

  if (parts.length === 1) {
    // Creating or deleting a database is an admin task (and crashes PouchDB Server).
    if (method !== 'GET' && method !== 'HEAD') return deny(405);
    return { ok: true, path: db, kind: 'dbInfo' };
  }
  if (second === '_changes' && parts.length === 2) {
    if (method !== 'GET') return deny(405);
    if (!paramsAllowed(query, CHANGES_PARAMS)) return deny(400);
    const feed = query.get('feed');
    if (feed && feed !== 'normal' && feed !== 'longpoll') return deny(400);
    const timeout = Number(query.get('timeout') ?? 0);
    if (!Number.isFinite(timeout) || timeout > 60_000 || timeout < 0) return deny(400);
    return { ok: true, path: `${db}/_changes`, kind: 'changes' };
  }
  if (second === '_bulk_docs' && parts.length === 2) {
    if (method !== 'POST') return deny(405);
    // No `new_edits=false` (nor anything else): the app sends none.
    if ([...query.keys()].length > 0) return deny(400);
    return { ok: true, path: `${db}/_bulk_docs`, kind: 'bulkDocs' };
  }
  if (second === '_bulk_get' && parts.length === 2) {
    return method === 'POST' ? { ok: true, path: `${db}/_bulk_get`, kind: 'bulkGet' } : deny(405);
  }
  if (second === '_revs_diff' && parts.length === 2) {
    return method === 'POST' ? { ok: true, path: `${db}/_revs_diff`, kind: 'revsDiff' } : deny(405);
  }
  if (second === '_all_docs' && parts.length === 2) {
    if (method !== 'GET' && method !== 'POST') return deny(405);
    if (!paramsAllowed(query, ALL_DOCS_PARAMS)) return deny(400);
    return { ok: true, path: `${db}/_all_docs`, kind: 'allDocs' };
  }
  // `_local` documents are never written or read from a browser: the app keeps its sync
  // checkpoints on the device, and CouchDB runs no write rules on them.
  if (second === '_local') return deny(403);
  if (second && !second.startsWith('_') && parts.length === 2) {
    // Read only: documents are written through `_bulk_docs` alone, so no path id can disagree with a body's `_id`.
    if (second.length > MAX_ID) return deny(400, 'srv.idTooLong');
    if (method !== 'GET' && method !== 'HEAD') return deny(405);
    if (!paramsAllowed(query, DOC_PARAMS)) return deny(400);
    return { ok: true, path: `${db}/${encodeURIComponent(second)}`, kind: 'doc' };
  }
  return deny(404);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isId = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
const MAX_ITEMS = 10_000;

/**
 * Check a JSON body before it is forwarded, in the shape the route takes (PouchDB Server
 * answers a wrong shape with its own inner error text, or dies): no design or `_local`
 * document, no id over the limit, no `new_edits: false` (a revision history of one's own
 * choosing, which lets an edit pass as a new document). Returns a catalogue key when refused.
 */
export function checkBody(kind: RouteKind, body: unknown): string | null {
  if (!isObject(body)) return 'srv.badRequest';
  if (kind === 'bulkDocs') {
    const { docs, new_edits: newEdits, ...rest } = body;
    if (newEdits !== undefined && newEdits !== true) return 'srv.notAllowed';
    if (Object.keys(rest).length > 0) return 'srv.notAllowed';
    if (!Array.isArray(docs) || docs.length > MAX_ITEMS) return 'srv.badRequest';
    for (const doc of docs) {
      if (!isObject(doc)) return 'srv.badRequest';
      if ('_revisions' in doc || '_attachments' in doc) return 'srv.notAllowed';
      const id = doc._id;
      if (id !== undefined && !isId(id)) return typeof id === 'string' && id.length > MAX_ID ? 'srv.idTooLong' : 'srv.badRequest';
      if (typeof id === 'string' && id.startsWith('_')) return 'srv.notAllowed';
    }
    return null;
  }
  if (kind === 'bulkGet') {
    const docs = body.docs;
    if (!Array.isArray(docs) || docs.length > MAX_ITEMS) return 'srv.badRequest';
    for (const doc of docs) {
      if (!isObject(doc)) return 'srv.badRequest';
      if (!isId(doc.id)) return typeof doc.id === 'string' && doc.id.length > MAX_ID ? 'srv.idTooLong' : 'srv.badRequest';
      if (doc.rev !== undefined && typeof doc.rev !== 'string') return 'srv.badRequest';
    }
    return null;
  }
  if (kind === 'revsDiff') {
    const entries = Object.entries(body);
    if (entries.length > MAX_ITEMS) return 'srv.badRequest';
    for (const [id, revs] of entries) {
      if (id.length > MAX_ID) return 'srv.idTooLong';
      if (!Array.isArray(revs) || !revs.every((r) => typeof r === 'string' && r.length <= 200)) return 'srv.badRequest';
    }
    return null;
  }
  if (kind === 'allDocs') {
    const { keys, ...rest } = body;
    if (Object.keys(rest).length > 0) return 'srv.notAllowed';
    if (keys === undefined) return null;
    if (!Array.isArray(keys) || keys.length > MAX_ITEMS) return 'srv.badRequest';
    for (const key of keys) if (!isId(key)) return typeof key === 'string' && key.length > MAX_ID ? 'srv.idTooLong' : 'srv.badRequest';
    return null;
  }
  return kind === 'session' ? null : 'srv.notAllowed';
}
