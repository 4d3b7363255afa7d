import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { sessionUserOf } from '../src/wire/couch.ts';
import { isScope } from '../src/wire/scopes.ts';
import { VERSION_HEADER } from '../src/wire/sync-check.ts';
import { docsSent, docsWritten, type AccessRecord } from './access-log.ts';
import { checkBody, decideRoute, type RouteKind } from './allow-list.ts';
import { clientOf, crossSite, jsonBody, type Client, type ClientTrust } from './client.ts';
import { acceptsGzip, COMPRESSIBLE, couchEncoder, readBody, sendJson, unpackBody } from './http-body.ts';
import { GuessGuard, signInLimits } from './rate-limit.ts';

export interface GatewayOptions {
  /** CouchDB base URL without credentials. */
  couchUrl: string;
  /** False while the embedded server restarts: answer 503 instead of waiting. */
  couchUp?: () => boolean;
  /** The built PWA (`dist/`); without it only `/couch/` and `/api/` are served. */
  staticDir?: string;
  maxBodyBytes?: number;
  /** How long a sign-in lasts (as the server's session timeout): the cookie outlives a browser restart. */
  sessionSeconds?: number;
  log?: (line: string) => void;
  /** A write reached this database (the relay follows what changed). */
  onWrite?: (db: string) => void;
  /** `/api/admin/*` and `/api/account/*`; returns false when the path is not its own. */
  api?: (req: IncomingMessage, res: ServerResponse, pathname: string, client: Client) => Promise<boolean>;
  /** The server-admin name the gateway itself signs in with: no browser may sign in with it. */
  adminName?: string;
  /** Which of these participants the controller has erased: their documents are refused (SECURITY.md, "Retention and erasure"). */
  erasedAmong?: (participantKeys: string[]) => Promise<Set<string>>;
  /** Proxies whose `X-Forwarded-*` headers are believed, and the app's public address. */
  trust?: ClientTrust;
  /** Password guesses throttled (`_session`, Basic auth); one is made when not given. */
  signInGuard?: GuessGuard;
  /**
   * A scope database's version now (server/scope-versions.ts): sent with each answer of its
   * `_changes` as `X-Polku-Version`, asked before CouchDB is, so a complete read holds
   * everything that version counts and the device can keep it (sync-check.ts).
   */
  scopeVersion?: (db: string) => Promise<string | null>;
  /** Every read that sent documents of a scope database, and every write to one, is recorded here (server/access-log.ts). */
  accessLog?: { record(record: Promise<AccessRecord | undefined>): void; accepting(): boolean };
}

/** How long a sign-in lasts unless the gateway is told otherwise. */
export const DEFAULT_SESSION_SECONDS = 8 * 3600;

/** Reads whose answers carry documents: what the access log looks into. */
const DOC_READS = new Set<RouteKind>(['changes', 'allDocs', 'bulkGet', 'doc']);
/** The largest answer the access log reads through; a larger one is logged as a read of unknown documents. */
const MAX_LOGGED_ANSWER = 64 * 1024 * 1024;

/** The headers that ask CouchDB's `_session` who is calling: one identity a request, Basic credentials (checked by the gateway) or else the cookie. */
export function identityHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
  else if (typeof req.headers.cookie === 'string') headers.cookie = req.headers.cookie;
  return headers;
}

/** Who is calling, from their own CouchDB session cookie (or Basic auth): never trusted from the body. */
export function couchWhoIs(couchUrl: string) {
  return async (req: IncomingMessage): Promise<{ name: string; roles: string[] } | null> => {
    const r = await fetch(new URL('_session', couchUrl.endsWith('/') ? couchUrl : `${couchUrl}/`), { headers: identityHeaders(req) }).catch(() => null);
    if (!r?.ok) return null;
    return sessionUserOf(await r.json().catch(() => null));
  };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * The session cookie as the browser should keep it: same-site only, and kept across a
 * browser restart for as long as the server session lasts (a tablet is closed at night and
 * opened offline in the morning). A cookie that clears the session is left as it is.
 */
export function sessionCookie(cookie: string, maxAgeSeconds: number, secure = false): string {
  let out = /samesite/i.test(cookie) ? cookie : `${cookie}; SameSite=Strict`;
  const clearing = /^AuthSession=;/.test(out) || /max-age=0|expires=thu, 01 jan 1970/i.test(out);
  if (/^AuthSession=/.test(out) && !clearing && !/max-age|expires/i.test(out)) out += `; Max-Age=${maxAgeSeconds}`;
  // Behind TLS the cookie never travels in clear text.
  if (secure && !/;\s*secure\b/i.test(out)) out += '; Secure';
  return out;
}

/** The name and password of a `Basic` Authorization header; null when there is none. */
function basicCredentials(req: IncomingMessage): { name: string; password: string } | null | 'malformed' {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return 'malformed';
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? 'malformed' : { name: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** A catalogue key as CouchDB's write rules give them; anything else is the inner server's own text. */
const isKey = (reason: unknown): reason is string => typeof reason === 'string' && /^(srv|v|sync|signIn)\.[A-Za-z.]+$/.test(reason);
const safeError = (error: unknown) => (typeof error === 'string' && /^[a-z_]{1,40}$/.test(error) ? error : 'internal');

const STATUS_REASON: Record<number, string> = {
  400: 'srv.badRequest',
  401: 'sync.err.auth',
  403: 'srv.forbidden',
  404: 'srv.notFound',
  409: 'srv.conflict',
  412: 'srv.conflict',
  413: 'srv.tooLarge',
  415: 'srv.notJson',
};

/** A refusal from CouchDB as the app reads it: its error word and a catalogue key, never inner text. */
export function stableRefusal(status: number, body: unknown): { error: string; reason: string } {
  const { error, reason } = (body ?? {}) as { error?: unknown; reason?: unknown };
  if (status >= 500) return { error: 'internal', reason: 'srv.internal' };
  return { error: safeError(error), reason: isKey(reason) ? reason : (STATUS_REASON[status] ?? 'srv.badRequest') };
}

/** One row of a `_bulk_docs` answer: a refused row keeps its rule's key, other reasons become keys. */
function stableRow(row: unknown): unknown {
  if (!row || typeof row !== 'object' || !('error' in row)) return row;
  const { id, rev, error, reason } = row as { id?: unknown; rev?: unknown; error?: unknown; reason?: unknown };
  const byError: Record<string, string> = { forbidden: 'srv.forbidden', conflict: 'srv.conflict', unauthorized: 'sync.err.auth' };
  const word = safeError(error);
  return { id, ...(rev === undefined ? {} : { rev }), error: word, reason: isKey(reason) ? reason : (byError[word] ?? 'srv.internal') };
}

/** The participant a document is about: its own record's key or its `participantId`'s. */
function participantKeyIn(doc: Record<string, unknown>): string | undefined {
  const ref = typeof doc._id === 'string' && doc._id.startsWith('participant:') ? doc._id : doc.participantId;
  return typeof ref === 'string' && ref.startsWith('participant:') ? ref.slice('participant:'.length) : undefined;
}

/**
 * A write about an erased participant never reaches CouchDB (a device offline at the erasure
 * pushing its unsent work would otherwise bring the person back). One question to the server
 * state per write that names participants at all.
 */
async function withoutErased(body: { docs: Record<string, unknown>[] }, erasedAmong: (keys: string[]) => Promise<Set<string>>) {
  const keys = [...new Set(body.docs.map(participantKeyIn).filter((k): k is string => k !== undefined))];
  const erased = keys.length ? await erasedAmong(keys) : new Set<string>();
  const docs = body.docs.filter((d) => !erased.has(participantKeyIn(d) ?? ''));
  const refused = body.docs.filter((d) => erased.has(participantKeyIn(d) ?? '')).map((d) => String(d._id ?? ''));
  return { docs, refused };
}

export function createGateway(opts: GatewayOptions): Server {
  const maxBody = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  const sessionSeconds = opts.sessionSeconds ?? DEFAULT_SESSION_SECONDS;
  const couch = new URL(opts.couchUrl);
  const upstreamRequest = couch.protocol === 'https:' ? httpsRequest : httpRequest;
  const log = opts.log ?? (() => undefined);
  const trust = opts.trust ?? {};
  const guard = opts.signInGuard ?? new GuessGuard(signInLimits);
  const tooMany = (res: ServerResponse, seconds: number) =>
    sendJson(res, 429, { error: 'too_many_requests', reason: 'srv.tooManySignIns', params: { minutes: Math.ceil(seconds / 60) } }, { 'Retry-After': String(seconds) });
  /**
   * The user CouchDB signs the request in as, from the credentials the gateway forwards
   * (never from anything else the caller sends); kept a minute per cookie or Authorization
   * value (a given cookie always belongs to the same person). null: no one, or not known.
   */
  const names = new Map<string, { name: string; until: number }>();
  async function sessionName(identity: { authorization?: string; cookie?: string }): Promise<string | null> {
    const key = identity.authorization !== undefined ? `a:${identity.authorization}` : identity.cookie !== undefined ? `c:${identity.cookie}` : undefined;
    if (key === undefined) return null;
    const known = names.get(key);
    if (known && known.until > Date.now()) return known.name;
    const headers: Record<string, string> = { Accept: 'application/json', ...(identity.authorization !== undefined ? { authorization: identity.authorization } : { cookie: identity.cookie! }) };
    const r = await fetch(new URL(`${couch.pathname.replace(/\/$/, '')}/_session`, couch), { headers, signal: AbortSignal.timeout(10_000) }).catch(() => null);
    const name = r?.ok ? (sessionUserOf(await r.json().catch(() => null))?.name ?? null) : null;
    if (name !== null) {
      if (names.size >= 10_000) names.clear();
      names.set(key, { name, until: Date.now() + 60_000 });
    }
    return name;
  }

  // A CouchDB the gateway does not supervise (POLKU_COUCH_URL) is asked: `/_up` needs no sign-in.
  const couchReachable = async () =>
    opts.couchUp
      ? opts.couchUp()
      : (await fetch(new URL(`${couch.pathname.replace(/\/$/, '')}/_up`, couch), { signal: AbortSignal.timeout(2000) }).catch(() => null))?.ok === true;

  async function proxyCouch(req: IncomingMessage, res: ServerResponse, url: URL, client: Client) {
    const method = req.method ?? 'GET';
    const decision = decideRoute(method, url.pathname.slice('/couch'.length), url.search);
    if (!decision.ok) {
      req.resume();
      return sendJson(res, decision.status, { error: 'not_allowed', reason: decision.reason });
    }
    const kind = decision.kind;
    const db = decision.kind === 'root' || decision.kind === 'session' ? undefined : decision.path.split('/')[1];
    const accessLog = db !== undefined && isScope(db) ? opts.accessLog : undefined;
    // No access without a log: while entries cannot be written, scope databases wait.
    if (accessLog && !accessLog.accepting()) {
      req.resume();
      return sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '5' });
    }
    let body: Buffer | undefined;
    let sent: unknown;
    /** Documents about an erased participant, answered as refused without reaching CouchDB. */
    let erasedRows: { id: string; error: string; reason: string }[] = [];
    let signIn: { done(success: boolean): void } | undefined;
    if (method === 'POST' || method === 'PUT') {
      const raw = await readBody(req, maxBody).catch(() => 'broken' as const);
      if (raw === 'broken') return void res.destroy();
      const read = raw === 'tooLarge' ? raw : await unpackBody(req, raw, maxBody);
      if (read === 'tooLarge') {
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, { error: 'too_large', reason: 'srv.tooLarge' });
      }
      if (read === 'unsupported') return sendJson(res, 415, { error: 'bad_content_type', reason: 'srv.notJson' });
      if (read === 'broken') return sendJson(res, 400, { error: 'bad_request', reason: 'srv.badRequest' });
      let parsed: unknown;
      try {
        parsed = JSON.parse(read.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'bad_request', reason: 'srv.badRequest' });
      }
      sent = parsed;
      const problem = checkBody(decision.kind, parsed);
      if (problem) return sendJson(res, 400, { error: 'bad_request', reason: problem });
      if (decision.kind === 'session') {
        const { name, password } = parsed as { name?: unknown; password?: unknown };
        if (typeof name !== 'string' || typeof password !== 'string') return sendJson(res, 400, { error: 'bad_request', reason: 'srv.badRequest' });
        const admitted = guard.admit({ name, address: client.address }, password);
        if (!admitted.ok) return tooMany(res, admitted.retryAfterSeconds);
        // The gateway's own server-admin name never signs in from outside: a guess for it is
        // a failed guess, and CouchDB never sees it (its lockout would stop the service).
        if (opts.adminName !== undefined && name === opts.adminName) {
          admitted.done(false);
          return sendJson(res, 401, { error: 'unauthorized', reason: 'signIn.failed' });
        }
        signIn = admitted;
        res.once('close', () => signIn?.done(false));
      }
      body = read;
      if (decision.kind === 'bulkDocs' && opts.erasedAmong) {
        const kept = await withoutErased(parsed as { docs: Record<string, unknown>[] }, opts.erasedAmong).catch(() => null);
        if (!kept) return sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '2' });
        if (kept.refused.length) {
          body = Buffer.from(JSON.stringify({ docs: kept.docs }));
          erasedRows = kept.refused.map((id) => ({ id, error: 'forbidden', reason: 'srv.erased' }));
        }
      }
    }
    if (opts.couchUp && !opts.couchUp()) {
      signIn?.done(true);
      return sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '2' });
    }
    const search = new URLSearchParams(url.search);
    const target = new URL(`${couch.pathname.replace(/\/$/, '')}${decision.path}`, couch);
    target.search = search.toString();
    const headers: Record<string, string> = { Accept: 'application/json' };
    for (const name of ['content-type', 'authorization', 'if-none-match'] as const) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    // One identity a request: with Basic credentials (checked above) the cookie is not sent.
    if (typeof req.headers.cookie === 'string' && headers.authorization === undefined) headers.cookie = req.headers.cookie;
    if (decision.kind === 'bulkGet') {
      // PouchDB Server 4.2.0 answers `_bulk_get` without asking whether the caller is a member
      // of the database, and dies on `latest` with a revision it does not have: the caller
      // must be let into the database itself first, and `latest` is not passed on.
      search.delete('latest');
      target.search = search.toString();
      const { cookie, authorization } = headers;
      const db = await fetch(new URL(`${couch.pathname.replace(/\/$/, '')}/${decision.path.split('/')[1]}`, couch), {
        headers: { Accept: 'application/json', ...(authorization ? { authorization } : cookie ? { cookie } : {}) },
      }).catch(() => null);
      if (!db) return sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '2' });
      if (db.status !== 200) return sendJson(res, db.status, stableRefusal(db.status, await db.json().catch(() => null)));
      await db.body?.cancel();
    }
    if (body) headers['content-length'] = String(body.length);
    const version = kind === 'changes' && method === 'GET' && db !== undefined && isScope(db) && opts.scopeVersion ? await opts.scopeVersion(db).catch(() => null) : null;
    // Asked while CouchDB answers, only for requests that may be logged.
    const who = accessLog && (kind === 'bulkDocs' || DOC_READS.has(kind)) ? sessionName({ authorization: headers.authorization, cookie: headers.cookie }) : undefined;
    const logRecord = (action: AccessRecord['action'], status: number, docs: AccessRecord['docs'], incomplete?: boolean) =>
      accessLog!.record(who!.then((user) => ({ user, db: db!, action, kind, method, status, docs, ...(incomplete ? { incomplete } : {}) })));
    /** A write whose outcome the gateway did not learn: every document sent is logged, as perhaps stored. */
    const logUnknownWrite = (status: number) => accessLog && kind === 'bulkDocs' && logRecord('write', status, docsWritten(sent), true);
    /** Set while an answer is logged: a caller gone mid-answer got part of it, so the rest is still read for the log. */
    let readOnForLog: (() => boolean) | undefined;
    const upstream = upstreamRequest(target, { method, headers, timeout: 120_000 }, (up) => {
      const status = up.statusCode ?? 502;
      signIn?.done(status !== 401);
      signIn = undefined;
      const out: Record<string, string | string[]> = { 'Cache-Control': 'no-store' };
      const cookies = up.headers['set-cookie'];
      if (cookies) out['Set-Cookie'] = cookies.map((c) => sessionCookie(c, sessionSeconds, client.https));
      // When the server let this person in, to the millisecond: a device measures a cut-off against it (SECURITY.md).
      if (decision.kind === 'session' && method === 'POST' && status === 200) out['X-Polku-Signed-In'] = new Date().toISOString();
      // Refusals and write results are rewritten (small): keys the app translates, never the inner server's text.
      if (status >= 400 || (decision.kind === 'bulkDocs' && status < 300)) {
        void readBody(up, 1024 * 1024).then(
          (raw) => {
            let parsed: unknown;
            try {
              parsed = raw === 'tooLarge' ? undefined : JSON.parse(raw.toString('utf8'));
            } catch {
              parsed = undefined;
            }
            if (status >= 400) return sendJson(res, status, stableRefusal(status, parsed), cookies ? { 'Set-Cookie': out['Set-Cookie']! } : {});
            if (!Array.isArray(parsed)) {
              logUnknownWrite(status);
              return sendJson(res, 502, { error: 'internal', reason: 'srv.internal' });
            }
            sendJson(res, status, [...parsed.map(stableRow), ...erasedRows]);
            if (accessLog) logRecord('write', status, docsWritten(sent, parsed));
            opts.onWrite?.(decision.path.split('/')[1]!);
          },
          () => {
            logUnknownWrite(status);
            res.destroy();
          },
        );
        return;
      }
      const type = up.headers['content-type'];
      if (type) out['Content-Type'] = type;
      if (version !== null && status === 200) out[VERSION_HEADER] = version;
      if (up.headers.etag) out.ETag = up.headers.etag;
      const encoder = couchEncoder(req, String(type ?? ''));
      if (encoder) {
        out['Content-Encoding'] = encoder.name;
        out.Vary = 'Accept-Encoding';
      } else if (up.headers['content-length']) {
        out['Content-Length'] = up.headers['content-length'];
      }
      res.writeHead(status, out);
      if (accessLog && status < 300 && method !== 'HEAD' && DOC_READS.has(decision.kind)) logAnswer(up, status);
      const stream = encoder ? up.pipe(encoder.create()) : up;
      stream.pipe(res);
      up.on('error', () => res.destroy());
    });
    /** The answer's documents, from a copy of what passes (parsed once it has all passed). */
    function logAnswer(up: IncomingMessage, status: number) {
      const chunks: Buffer[] = [];
      let size = 0;
      let logged = false;
      up.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_LOGGED_ANSWER) chunks.push(chunk);
        else chunks.length = 0;
      });
      const finish = (whole: boolean) => {
        if (logged) return;
        logged = true;
        if (size === 0) return;
        let parsed: unknown;
        try {
          parsed = whole && size <= MAX_LOGGED_ANSWER ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          parsed = undefined;
        }
        if (parsed === undefined) return logRecord('read', status, [], true);
        const docs = docsSent(kind, parsed);
        if (docs.length) logRecord('read', status, docs);
      };
      up.on('end', () => finish(true));
      up.on('close', () => finish(false));
      readOnForLog = () => {
        if (size === 0) return false;
        up.unpipe();
        up.resume();
        return true;
      };
    }
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', (error) => {
      log(`couch proxy: ${error.message}`);
      logUnknownWrite(503);
      signIn?.done(true);
      sendJson(res, 503, { error: 'unavailable', reason: 'srv.unavailable' }, { 'Retry-After': '2' });
    });
    // A write is never cut off when its caller leaves: CouchDB may store it all the same, and its outcome is logged.
    req.on('close', () => {
      if (!res.writableFinished && !(accessLog && kind === 'bulkDocs') && !readOnForLog?.()) upstream.destroy();
    });
    upstream.end(body);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!opts.staticDir) return sendJson(res, 404, { error: 'not_found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method_not_allowed' });
    const root = resolve(opts.staticDir);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, { error: 'bad_request' });
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 404, { error: 'not_found' });
    const isFile = existsSync(file) && statSync(file).isFile();
    if (!isFile) {
      // App routes fall back to the shell; a missing asset is a plain 404.
      if (extname(pathname)) return sendJson(res, 404, { error: 'not_found' });
      file = join(root, 'index.html');
      if (!existsSync(file)) return sendJson(res, 404, { error: 'not_found' });
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const immutable = pathname.startsWith('/assets/');
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const gzip = acceptsGzip(req) && COMPRESSIBLE.test(type);
    if (gzip) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    } else {
      headers['Content-Length'] = String(statSync(file).size);
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip({ level: 9 })) : stream).pipe(res);
  }

  function serveOthers(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (url.pathname === '/api/health') {
      void couchReachable().then((up) => sendJson(res, 200, { ok: true, couch: up }));
      return;
    }
    serveStatic(req, res, url);
  }

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway.invalid');
    } catch {
      return sendJson(res, 400, { error: 'bad_request' });
    }
    const couchRoute = url.pathname === '/couch' || url.pathname.startsWith('/couch/');
    const apiRoute = opts.api !== undefined && url.pathname.startsWith('/api/') && url.pathname !== '/api/health';
    if (!couchRoute && !apiRoute) return serveOthers(req, res, url);
    const client = clientOf(req, trust);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      const refuse = (status: number, body: object) => {
        req.resume();
        sendJson(res, status, body);
      };
      if (crossSite(req, client)) return refuse(403, { error: 'forbidden', reason: 'srv.crossSite' });
      if ((method === 'POST' || method === 'PUT') && !jsonBody(req)) return refuse(415, { error: 'bad_content_type', reason: 'srv.notJson' });
    }
    // Basic auth is a password guess on every request: throttled as a sign-in is.
    const basic = basicCredentials(req);
    if (basic === 'malformed') return (req.resume(), sendJson(res, 401, { error: 'unauthorized', reason: 'signIn.failed' }));
    if (basic) {
      const admitted = guard.admit({ name: basic.name, address: client.address }, basic.password);
      if (!admitted.ok) return (req.resume(), tooMany(res, admitted.retryAfterSeconds));
      if (opts.adminName !== undefined && basic.name === opts.adminName) {
        admitted.done(false);
        return (req.resume(), sendJson(res, 401, { error: 'unauthorized', reason: 'signIn.failed' }));
      }
      if (!admitted.known) {
        // The guess is judged by CouchDB on these credentials alone: never by the answer to
        // the request they came with, which a session cookie beside them (or a route that
        // needs no sign-in) would answer for someone else.
        void verifyBasic(req.headers.authorization!, basic.name).then((right) => {
          admitted.done(right);
          if (!right) return (req.resume(), sendJson(res, 401, { error: 'unauthorized', reason: 'signIn.failed' }));
          route(req, res, url, client, couchRoute);
        });
        return;
      }
    }
    route(req, res, url, client, couchRoute);
  });

  /** Is `authorization` (Basic) `name`'s, as CouchDB sees it? */
  async function verifyBasic(authorization: string, name: string): Promise<boolean> {
    const r = await fetch(new URL(`${couch.pathname.replace(/\/$/, '')}/_session`, couch), { headers: { Authorization: authorization, Accept: 'application/json' } }).catch(() => null);
    return r?.status === 200 && sessionUserOf(await r.json().catch(() => null))?.name === name;
  }

  function route(req: IncomingMessage, res: ServerResponse, url: URL, client: Client, couchRoute: boolean) {
    if (couchRoute) {
      proxyCouch(req, res, url, client).catch((error: unknown) => {
        log(`gateway: ${String(error)}`);
        sendJson(res, 500, { error: 'internal', reason: 'srv.internal' });
      });
      return;
    }
    opts.api!(req, res, url.pathname, client).then(
      (handled) => handled || sendJson(res, 404, { error: 'not_found', reason: 'srv.notFound' }),
      (error: unknown) => {
        log(`api: ${String(error)}`);
        sendJson(res, 500, { error: 'internal', reason: 'srv.internal' });
      },
    );
  }

  return server;
}
