import type { IncomingMessage, ServerResponse } from 'node:http';
import { isScope } from '../src/wire/scopes.ts';
import { SYNC_CHANGES_MAX_LIMIT, SYNC_CHANGES_MAX_SCOPES, SYNC_CHANGES_PATH } from '../src/wire/sync-changes.ts';
import { docsSent, type AccessRecord } from './access-log.ts';
import type { Client } from './client.ts';
import { DEFAULT_SESSION_SECONDS, identityHeaders, sessionCookie, stableRefusal } from './gateway.ts';
import { BAD_REQUEST, couchEncoder, jsonBodyOf, sendJson } from './http-body.ts';

export { SYNC_CHANGES_PATH };

/** Upstream reads at once: a coordinator's 20 groups in about three waves on the loopback. */
const PARALLEL_READS = 6;
/** A `since` as CouchDB spells one (a number, or a cluster's `<n>-<opaque>`). */
const SINCE = /^[\x21-\x7e]{1,400}$/;
const MAX_BODY = 256 * 1024;

type Part = { db: string; status: number; text: string };

/**
 * `POST /api/sync/changes`: the changes of several scopes in one request (a device back in
 * range after a week pulls its 20 changed groups in one round trip, not 20). Each scope's
 * part is read from CouchDB as `GET /{db}/_changes` with the caller's own cookie or
 * credentials, so CouchDB decides each one exactly as it would decide that request: a scope
 * the caller may not read is that request's refusal, and nothing else is asked. Only scope
 * databases can be named. Every part that sent documents is in the access log as that read.
 */
export function createSyncChanges(opts: {
  couchUrl: string;
  whoIs: (req: IncomingMessage) => Promise<{ name: string } | null>;
  accessLog?: { record(record: Promise<AccessRecord | undefined>): void; accepting(): boolean };
  couchUp?: () => boolean;
  sessionSeconds?: number;
}) {
  const base = opts.couchUrl.endsWith('/') ? opts.couchUrl : `${opts.couchUrl}/`;
  const sessionSeconds = opts.sessionSeconds ?? DEFAULT_SESSION_SECONDS;

  return async function handle(req: IncomingMessage, res: ServerResponse, client: Client): Promise<void> {
    if (req.method !== 'POST') return (req.resume(), sendJson(res, 405, { error: 'method_not_allowed', reason: 'srv.notAllowed' }));
    const read = await jsonBodyOf(req, MAX_BODY);
    if (!read) return void res.destroy();
    if ('refusal' in read) return sendJson(res, ...read.refusal);
    const asked = requestOf(read.json);
    if (!asked) return sendJson(res, 400, BAD_REQUEST);
    // No access without a log, as on /couch.
    if ((opts.accessLog && !opts.accessLog.accepting()) || opts.couchUp?.() === false) {
      return sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '5' });
    }

    const who = opts.accessLog ? opts.whoIs(req).then((u) => u?.name ?? null, () => null) : undefined;
    let parts: { text: string; renewed?: string[] };
    try {
      parts = await readChanges(base, req, asked.scopes, asked.limit, who && ((entry) => opts.accessLog!.record(who.then((user) => ({ user, ...entry })))));
    } catch {
      return sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '2' });
    }
    const headers: Record<string, string | string[]> = {};
    if (parts.renewed) headers['Set-Cookie'] = parts.renewed.map((c) => sessionCookie(c, sessionSeconds, client.https));
    sendPacked(req, res, `{"results":${parts.text}}`, headers);
  };
}

/**
 * Each scope's part as `GET /{db}/_changes?since=…&limit=…&include_docs=true` answers the
 * caller (with their own cookie or credentials, so CouchDB decides each as it would decide
 * that request), a few at a time: the parts as one JSON object's text, scope by scope, and
 * a session cookie CouchDB renewed meanwhile. `logRead` is told of every part that sent
 * documents. Throws when CouchDB cannot be reached.
 */
export async function readChanges(
  base: string,
  req: IncomingMessage,
  scopes: Record<string, string>,
  limit: number,
  logRead?: (entry: Omit<AccessRecord, 'user'>) => void,
): Promise<{ text: string; renewed?: string[] }> {
  const identity = identityHeaders(req);
  let renewed: string[] | undefined;
  const readOne = async ([db, since]: [string, string]): Promise<Part> => {
    const q = new URLSearchParams({ since, limit: String(limit), include_docs: 'true', seq_interval: String(limit) });
    const up = await fetch(`${base}${encodeURIComponent(db)}/_changes?${q}`, { headers: identity, signal: AbortSignal.timeout(120_000) });
    const cookies = up.headers.getSetCookie();
    if (cookies.length) renewed = cookies;
    return { db, status: up.status, text: await up.text() };
  };
  const parts = await inWaves(Object.entries(scopes), readOne);
  const pieces: string[] = [];
  for (const part of parts) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(part.text);
    } catch {
      parsed = undefined;
    }
    if (part.status === 200 && parsed !== undefined) {
      // CouchDB's own text goes on as it came (it parsed, so it is JSON): no second encoding of a week's documents.
      pieces.push(`${JSON.stringify(part.db)}:${part.text}`);
      const docs = docsSent('changes', parsed);
      if (docs.length) logRead?.({ db: part.db, action: 'read', kind: 'changes', method: 'GET', status: 200, docs });
    } else {
      const status = part.status === 200 ? 502 : part.status;
      pieces.push(`${JSON.stringify(part.db)}:${JSON.stringify({ ...stableRefusal(status, parsed), status })}`);
    }
  }
  return { text: `{${pieces.join(',')}}`, renewed };
}

/** A JSON answer, compressed as the browser takes it (Brotli or gzip). */
export function sendPacked(req: IncomingMessage, res: ServerResponse, body: string, extra: Record<string, string | string[]>) {
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra };
  const encoder = couchEncoder(req, 'application/json');
  if (encoder) {
    headers['Content-Encoding'] = encoder.name;
    headers.Vary = 'Accept-Encoding';
  }
  res.writeHead(200, headers);
  if (!encoder) return void res.end(body);
  const stream = encoder.create();
  stream.pipe(res);
  stream.end(body);
}

/** The request's scopes and page size, or undefined when it is not one this endpoint answers. */
function requestOf(body: unknown): { scopes: Record<string, string>; limit: number } | undefined {
  const { scopes, limit } = (body ?? {}) as { scopes?: unknown; limit?: unknown };
  const entries = scopeEntries(scopes, isSince);
  if (!entries || entries.length === 0 || !isLimit(limit)) return undefined;
  return { scopes: Object.fromEntries(entries) as Record<string, string>, limit };
}

/** A request's scopes (only scope databases, at most as many as one request may name), each value as `valid` says; undefined otherwise. */
export function scopeEntries(scopes: unknown, valid: (value: unknown) => boolean): [string, unknown][] | undefined {
  if (!scopes || typeof scopes !== 'object' || Array.isArray(scopes)) return undefined;
  const entries = Object.entries(scopes);
  if (entries.length > SYNC_CHANGES_MAX_SCOPES) return undefined;
  return entries.every(([db, value]) => isScope(db) && valid(value)) ? entries : undefined;
}

export const isSince = (since: unknown): since is string => typeof since === 'string' && SINCE.test(since);
export const isLimit = (limit: unknown): limit is number => typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= SYNC_CHANGES_MAX_LIMIT;

async function inWaves<T, R>(items: T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await each(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, items.length) }, worker));
  return out;
}
