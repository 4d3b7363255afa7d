import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { scopesOf } from '../src/domain/roles.ts';
import { sessionUserOf } from '../src/wire/couch.ts';
import { SYNC_CHECK_PATH, VERSION_MAX_LENGTH, type SyncCheckAnswer, type SyncCheckRequest } from '../src/wire/sync-check.ts';
import type { AccessRecord } from './access-log.ts';
import type { Client } from './client.ts';
import { DEFAULT_SESSION_SECONDS, identityHeaders, sessionCookie } from './gateway.ts';
import { BAD_REQUEST, jsonBodyOf } from './http-body.ts';
import type { ScopeVersions } from './scope-versions.ts';
import { isLimit, isSince, readChanges, scopeEntries, sendPacked } from './sync-changes.ts';

export { SYNC_CHECK_PATH };

const MAX_BODY = 256 * 1024;

/**
 * `GET /api/sync/check`: a sync round's first question, in one request whatever the number of
 * scopes — whose session this is, which scopes they may read (from the roles CouchDB holds
 * for them) and a version of each. With `If-None-Match` set to the `ETag` of its last answer,
 * a device with nothing new is answered `304` and no body. CouchDB clients other than the
 * app never need it: they sync each database as CouchDB lets them.
 *
 * `POST`, with the scopes the device pulled before (where it read each to, and at which
 * version): the same answer, and beside it the next changes of each of those scopes whose
 * version now differs, read as the many-scope read reads them (sync-changes.ts: each scope's
 * `_changes` with the caller's own cookie, so CouchDB decides each; every part that sent
 * documents is in the access log). A device back in range then has its week in one round
 * trip; with nothing new it still gets its `304`. Only scopes the session may read are read,
 * whatever the body names; a version tells only that such a database changed.
 *
 * The session is checked with CouchDB's `_session` on the caller's own cookie (or Basic
 * credentials, which the gateway has already judged), and a renewed cookie CouchDB sends
 * back is passed on: a device that only checks stays signed in as one that syncs does.
 */
export function createSyncCheck(opts: {
  couchUrl: string;
  versions: ScopeVersions;
  sessionSeconds?: number;
  accessLog?: { record(record: Promise<AccessRecord | undefined>): void; accepting(): boolean };
  couchUp?: () => boolean;
}) {
  const base = opts.couchUrl.endsWith('/') ? opts.couchUrl : `${opts.couchUrl}/`;
  const sessionUrl = new URL('_session', base);
  const sessionSeconds = opts.sessionSeconds ?? DEFAULT_SESSION_SECONDS;

  return async function handle(req: IncomingMessage, res: ServerResponse, client: Client): Promise<void> {
    const send = (status: number, headers: Record<string, string | string[]>, body?: unknown) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    let asked: SyncCheckRequest | undefined;
    if (req.method === 'POST') {
      const read = await jsonBodyOf(req, MAX_BODY);
      if (!read) return void res.destroy();
      if ('refusal' in read) return send(read.refusal[0], {}, read.refusal[1]);
      asked = askedOf(read.json);
      if (!asked) return send(400, {}, BAD_REQUEST);
    } else {
      req.resume();
      if (req.method !== 'GET') return send(405, {}, { error: 'method_not_allowed', reason: 'srv.notAllowed' });
    }
    const session = await fetch(sessionUrl, { headers: identityHeaders(req) }).catch(() => null);
    if (!session) return send(503, {}, { error: 'unavailable', reason: 'srv.unavailable' });
    const user = session.ok ? sessionUserOf(await session.json().catch(() => null)) : null;
    let cookies = session.headers.getSetCookie();
    const renewed = (): Record<string, string[]> => (cookies.length ? { 'Set-Cookie': cookies.map((c) => sessionCookie(c, sessionSeconds, client.https)) } : {});
    if (!user) return send(401, renewed(), { error: 'unauthorized', reason: 'sync.err.auth' });

    let versions: SyncCheckAnswer['versions'];
    try {
      versions = await opts.versions.of(scopesOf(user));
    } catch {
      return send(503, renewed(), { error: 'unavailable', reason: 'srv.unavailable' });
    }
    const answer: SyncCheckAnswer = { name: user.name, roles: user.roles, versions };
    const body = JSON.stringify(answer);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    // Scopes the device read before, that this session may read, at a version that is no longer theirs.
    const stale = Object.entries(asked?.pulled ?? {}).filter(([db, kept]) => typeof versions[db] === 'string' && versions[db] !== kept.version);
    // No read without a log to record it, as on /couch: then the device reads on its own and is told why.
    const reading = stale.length > 0 && (!opts.accessLog || opts.accessLog.accepting()) && opts.couchUp?.() !== false;
    if (!reading && req.headers['if-none-match'] === etag) return send(304, { ETag: etag, ...renewed() });
    if (!reading) return send(200, { ETag: etag, ...renewed() }, answer);
    const log = opts.accessLog;
    let changes: { text: string; renewed?: string[] };
    try {
      changes = await readChanges(base, req, Object.fromEntries(stale.map(([db, kept]) => [db, kept.since])), asked!.limit, log && ((entry) => log.record(Promise.resolve({ user: user.name, ...entry }))));
    } catch {
      // The versions still answer the question; the device reads those scopes on its own.
      return send(200, { ETag: etag, ...renewed() }, answer);
    }
    if (changes.renewed) cookies = changes.renewed;
    sendPacked(req, res, `${body.slice(0, -1)},"changes":${changes.text}}`, { ETag: etag, ...renewed() });
  };
}

/** The POST's body, or undefined when it is not one this check answers. */
function askedOf(body: unknown): SyncCheckRequest | undefined {
  const { pulled, limit } = (body ?? {}) as { pulled?: unknown; limit?: unknown };
  const entries = scopeEntries(pulled, (kept) => {
    const { since, version, ...rest } = (kept ?? {}) as { since?: unknown; version?: unknown };
    const versionOk = version === undefined || (typeof version === 'string' && version.length <= VERSION_MAX_LENGTH);
    return typeof kept === 'object' && kept !== null && isSince(since) && versionOk && Object.keys(rest).length === 0;
  });
  if (!entries || !isLimit(limit)) return undefined;
  return { pulled: Object.fromEntries(entries) as SyncCheckRequest['pulled'], limit };
}
