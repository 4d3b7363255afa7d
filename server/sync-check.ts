import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { scopesOf } from '../src/domain/roles.ts';
import { sessionUserOf } from '../src/wire/couch.ts';
import { SYNC_CHECK_PATH, type SyncCheckAnswer } from '../src/wire/sync-check.ts';
import type { Client } from './client.ts';
import { DEFAULT_SESSION_SECONDS, identityHeaders, sessionCookie } from './gateway.ts';
import type { ScopeVersions } from './scope-versions.ts';

export { SYNC_CHECK_PATH };

/**
 * `GET /api/sync/check`: a sync round's first question, in one request whatever the number of
 * scopes — whose session this is, which scopes they may read (from the roles CouchDB holds
 * for them) and a version of each. With `If-None-Match` set to the `ETag` of its last answer,
 * a device with nothing new is answered `304` and no body. Nothing here reads or sends a
 * document, so the access log has nothing to record; versions say only that a database the
 * caller may read has changed. CouchDB clients other than the app never need it: they sync
 * each database as CouchDB lets them.
 *
 * The session is checked with CouchDB's `_session` on the caller's own cookie (or Basic
 * credentials, which the gateway has already judged), and a renewed cookie CouchDB sends
 * back is passed on: a device that only checks stays signed in as one that syncs does.
 */
export function createSyncCheck(opts: { couchUrl: string; versions: ScopeVersions; sessionSeconds?: number }) {
  const sessionUrl = new URL('_session', opts.couchUrl.endsWith('/') ? opts.couchUrl : `${opts.couchUrl}/`);
  const sessionSeconds = opts.sessionSeconds ?? DEFAULT_SESSION_SECONDS;

  return async function handle(req: IncomingMessage, res: ServerResponse, client: Client): Promise<void> {
    req.resume();
    const send = (status: number, headers: Record<string, string | string[]>, body?: unknown) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, {}, { error: 'method_not_allowed', reason: 'srv.notAllowed' });
    const session = await fetch(sessionUrl, { headers: identityHeaders(req) }).catch(() => null);
    if (!session) return send(503, {}, { error: 'unavailable', reason: 'srv.unavailable' });
    const user = session.ok ? sessionUserOf(await session.json().catch(() => null)) : null;
    const cookies = session.headers.getSetCookie().map((c) => sessionCookie(c, sessionSeconds, client.https));
    const renewed: Record<string, string[]> = cookies.length ? { 'Set-Cookie': cookies } : {};
    if (!user) return send(401, renewed, { error: 'unauthorized', reason: 'sync.err.auth' });

    let versions: SyncCheckAnswer['versions'];
    try {
      versions = await opts.versions.of(scopesOf(user));
    } catch {
      return send(503, renewed, { error: 'unavailable', reason: 'srv.unavailable' });
    }
    const answer: SyncCheckAnswer = { name: user.name, roles: user.roles, versions };
    const body = JSON.stringify(answer);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    if (req.headers['if-none-match'] === etag) return send(304, { ETag: etag, ...renewed });
    send(200, { ETag: etag, ...renewed }, answer);
  };
}
