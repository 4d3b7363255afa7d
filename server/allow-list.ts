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

export type RouteKind = 'root' | 'session' | 'dbInfo' | 'changes' | 'bulkDocs' | 'bulkGet' | 'allDocs' | 'revsDiff' | 'doc' | 'localDoc';

const MAX_ID = 250;
const MAX_QUERY = 2000;

const CHANGES_PARAMS = new Set(['since', 'limit', 'include_docs', 'feed', 'timeout', 'heartbeat', 'style', 'conflicts', 'seq_interval', 'attachments']);
const ALL_DOCS_PARAMS = new Set(['include_docs', 'keys', 'key', 'startkey', 'endkey', 'start_key', 'end_key', 'limit', 'skip', 'conflicts', 'descending', 'inclusive_end', 'update_seq']);
const DOC_PARAMS = new Set(['rev', 'revs', 'open_revs', 'latest', 'conflicts', 'revs_info', 'attachments']);

const deny = (status: 400 | 403 | 404 | 405 | 414, reason: string): RouteDecision => ({ ok: false, status, reason });

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
  if (search.length > MAX_QUERY) return deny(414, 'query too long');
  const query = new URLSearchParams(search);
  // The server's welcome (version and uuid): CouchDB clients such as PouchDB ask for it.
  if (path === '/') return method === 'GET' || method === 'HEAD' ? { ok: true, path: '/', kind: 'root' } : deny(405, 'method not allowed');
  // `GET /db/` is the database's info, as in CouchDB (PouchDB asks so).
  const parts = segments(/^\/[^/]+\/$/.test(path) ? path.slice(0, -1) : path);
  if (!parts || parts.length === 0) return deny(404, 'unknown route');
  const [first, second, third, fourth] = parts;

  if (first === '_session' && parts.length === 1) {
    if (!['GET', 'POST', 'DELETE'].includes(method)) return deny(405, 'method not allowed');
    return { ok: true, path: '/_session', kind: 'session' };
  }
  if (!first || !isScope(first)) return deny(404, 'unknown route');
  const db = `/${first}`;

  if (parts.length === 1) {
    // Creating or deleting a database is an admin task (and crashes PouchDB Server).
    if (method !== 'GET' && method !== 'HEAD') return deny(405, 'method not allowed');
    return { ok: true, path: db, kind: 'dbInfo' };
  }
  if (second === '_changes' && parts.length === 2) {
    if (method !== 'GET') return deny(405, 'method not allowed');
    if (!paramsAllowed(query, CHANGES_PARAMS)) return deny(400, 'query parameter not allowed');
    const feed = query.get('feed');
    if (feed && feed !== 'normal' && feed !== 'longpoll') return deny(400, 'feed not allowed');
    const timeout = Number(query.get('timeout') ?? 0);
    if (!Number.isFinite(timeout) || timeout > 60_000 || timeout < 0) return deny(400, 'timeout not allowed');
    return { ok: true, path: `${db}/_changes`, kind: 'changes' };
  }
  if (second === '_bulk_docs' && parts.length === 2) {
    return method === 'POST' ? { ok: true, path: `${db}/_bulk_docs`, kind: 'bulkDocs' } : deny(405, 'method not allowed');
  }
  if (second === '_bulk_get' && parts.length === 2) {
    return method === 'POST' ? { ok: true, path: `${db}/_bulk_get`, kind: 'bulkGet' } : deny(405, 'method not allowed');
  }
  if (second === '_revs_diff' && parts.length === 2) {
    return method === 'POST' ? { ok: true, path: `${db}/_revs_diff`, kind: 'revsDiff' } : deny(405, 'method not allowed');
  }
  if (second === '_all_docs' && parts.length === 2) {
    if (method !== 'GET' && method !== 'POST') return deny(405, 'method not allowed');
    if (!paramsAllowed(query, ALL_DOCS_PARAMS)) return deny(400, 'query parameter not allowed');
    return { ok: true, path: `${db}/_all_docs`, kind: 'allDocs' };
  }
  // Replication checkpoints (used by PouchDB clients).
  if (second === '_local' && third && parts.length === 3 && third.length <= MAX_ID) {
    if (!['GET', 'PUT'].includes(method)) return deny(405, 'method not allowed');
    return { ok: true, path: `${db}/_local/${encodeURIComponent(third)}`, kind: 'localDoc' };
  }
  if (second && !second.startsWith('_') && parts.length === 2 && fourth === undefined) {
    if (second.length > MAX_ID) return deny(400, 'id too long');
    if (method !== 'GET' && method !== 'HEAD') return deny(405, 'method not allowed');
    if (!paramsAllowed(query, DOC_PARAMS)) return deny(400, 'query parameter not allowed');
    return { ok: true, path: `${db}/${encodeURIComponent(second)}`, kind: 'doc' };
  }
  return deny(404, 'unknown route');
}

/**
 * Check a JSON body before it is forwarded: it must parse, and no document may be a
 * design document or carry an absurd id. Returns a reason when the body is refused.
 */
export function checkBody(kind: RouteKind, body: unknown): string | null {
  if (kind === 'bulkDocs') {
    const docs = (body as { docs?: unknown } | null)?.docs;
    if (!Array.isArray(docs)) return 'docs must be an array';
    if (docs.length > 10_000) return 'too many documents';
    for (const doc of docs) {
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'each document must be an object';
      const id = (doc as { _id?: unknown })._id;
      if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID)) return 'bad document id';
      if (typeof id === 'string' && (id.startsWith('_design/') || id.startsWith('_local/'))) return 'design documents are not written here';
    }
    return null;
  }
  if (kind === 'bulkGet' || kind === 'revsDiff' || kind === 'allDocs' || kind === 'session' || kind === 'localDoc') {
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? null : 'body must be a JSON object';
  }
  return null;
}
