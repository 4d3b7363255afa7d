import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { constants as zlib, createBrotliCompress, createGzip, gunzip } from 'node:zlib';
import { sessionUserOf } from '../src/wire/couch.ts';
import { checkBody, decideRoute } from './allow-list.ts';

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
  api?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
}

/** Who is calling, from their own CouchDB session cookie (or Basic auth): never trusted from the body. */
export function couchWhoIs(couchUrl: string) {
  return async (req: IncomingMessage): Promise<{ name: string; roles: string[] } | null> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (typeof req.headers.cookie === 'string') headers.cookie = req.headers.cookie;
    if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
    const r = await fetch(new URL('_session', couchUrl.endsWith('/') ? couchUrl : `${couchUrl}/`), { headers }).catch(() => null);
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
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|javascript)|image\/svg)/;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

/**
 * The session cookie as the browser should keep it: same-site only, and kept across a
 * browser restart for as long as the server session lasts (a tablet is closed at night and
 * opened offline in the morning). A cookie that clears the session is left as it is.
 */
export function sessionCookie(cookie: string, maxAgeSeconds: number): string {
  let out = /samesite/i.test(cookie) ? cookie : `${cookie}; SameSite=Strict`;
  const clearing = /^AuthSession=;/.test(out) || /max-age=0|expires=thu, 01 jan 1970/i.test(out);
  if (/^AuthSession=/.test(out) && !clearing && !/max-age|expires/i.test(out)) out += `; Max-Age=${maxAgeSeconds}`;
  return out;
}

function acceptsGzip(req: IncomingMessage) {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

/**
 * Database answers travel compressed: Brotli where the browser takes it (about 11 % fewer
 * bytes than gzip on a page of changes, at the same server time with quality 6 — the
 * slower qualities cost more time than they save even on 2G), else gzip.
 */
function couchEncoder(req: IncomingMessage, type: string): { name: 'br' | 'gzip'; create(): Transform } | null {
  if (!COMPRESSIBLE.test(type)) return null;
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return { name: 'br', create: () => createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }) };
  if (acceptsGzip(req)) return { name: 'gzip', create: () => createGzip({ level: 6 }) };
  return null;
}

const gunzipAsync = promisify(gunzip);

/**
 * The body as JSON text: devices send large bodies gzipped (uploads are slow in the field),
 * unpacked here so that CouchDB sees plain JSON; the size limit holds after unpacking too.
 */
async function unpackBody(req: IncomingMessage, raw: Buffer, max: number): Promise<Buffer | 'tooLarge' | 'unsupported' | 'broken'> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return raw;
  if (encoding !== 'gzip') return 'unsupported';
  try {
    return await gunzipAsync(raw, { maxOutputLength: max });
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError ? 'tooLarge' : 'broken';
  }
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return 'tooLarge';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function createGateway(opts: GatewayOptions): Server {
  const maxBody = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  const sessionSeconds = opts.sessionSeconds ?? 8 * 3600;
  const couch = new URL(opts.couchUrl);
  const upstreamRequest = couch.protocol === 'https:' ? httpsRequest : httpRequest;
  const log = opts.log ?? (() => undefined);
  // A CouchDB the gateway does not supervise (POLKU_COUCH_URL) is asked: `/_up` needs no sign-in.
  const couchReachable = async () =>
    opts.couchUp
      ? opts.couchUp()
      : (await fetch(new URL(`${couch.pathname.replace(/\/$/, '')}/_up`, couch), { signal: AbortSignal.timeout(2000) }).catch(() => null))?.ok === true;

  async function proxyCouch(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? 'GET';
    const decision = decideRoute(method, url.pathname.slice('/couch'.length), url.search);
    if (!decision.ok) {
      req.resume();
      return sendJson(res, decision.status, { error: 'not_allowed', reason: decision.reason });
    }
    let body: Buffer | undefined;
    if (method === 'POST' || method === 'PUT') {
      const raw = await readBody(req, maxBody).catch(() => 'broken' as const);
      if (raw === 'broken') return void res.destroy();
      const read = raw === 'tooLarge' ? raw : await unpackBody(req, raw, maxBody);
      if (read === 'tooLarge') {
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, { error: 'too_large', reason: 'request body too large' });
      }
      if (read === 'unsupported') return sendJson(res, 415, { error: 'bad_content_type', reason: 'only gzip-encoded bodies are accepted' });
      if (read === 'broken') return sendJson(res, 400, { error: 'bad_request', reason: 'body could not be unpacked' });
      let parsed: unknown;
      try {
        parsed = JSON.parse(read.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'bad_request', reason: 'invalid JSON' });
      }
      const problem = checkBody(decision.kind, parsed);
      if (problem) return sendJson(res, 400, { error: 'bad_request', reason: problem });
      body = read;
    }
    if (opts.couchUp && !opts.couchUp()) {
      return sendJson(res, 503, { error: 'unavailable', reason: 'database server is restarting' }, { 'Retry-After': '2' });
    }
    const search = new URLSearchParams(url.search);
    const target = new URL(`${couch.pathname.replace(/\/$/, '')}${decision.path}`, couch);
    target.search = search.toString();
    const headers: Record<string, string> = { Accept: 'application/json' };
    for (const name of ['content-type', 'cookie', 'authorization', 'if-none-match'] as const) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    if (body) headers['content-length'] = String(body.length);
    const upstream = upstreamRequest(target, { method, headers, timeout: 120_000 }, (up) => {
      const out: Record<string, string | string[]> = { 'Cache-Control': 'no-store' };
      const type = up.headers['content-type'];
      if (type) out['Content-Type'] = type;
      if (up.headers.etag) out.ETag = up.headers.etag;
      const cookies = up.headers['set-cookie'];
      if (cookies) out['Set-Cookie'] = cookies.map((c) => sessionCookie(c, sessionSeconds));
      const encoder = couchEncoder(req, String(type ?? ''));
      if (encoder) {
        out['Content-Encoding'] = encoder.name;
        out.Vary = 'Accept-Encoding';
      } else if (up.headers['content-length']) {
        out['Content-Length'] = up.headers['content-length'];
      }
      res.writeHead(up.statusCode ?? 502, out);
      if (decision.kind === 'bulkDocs' && (up.statusCode ?? 500) < 300) {
        up.once('end', () => opts.onWrite?.(decision.path.split('/')[1]!));
      }
      const stream = encoder ? up.pipe(encoder.create()) : up;
      stream.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', (error) => {
      log(`couch proxy: ${error.message}`);
      sendJson(res, 503, { error: 'unavailable', reason: 'database server unavailable' }, { 'Retry-After': '2' });
    });
    req.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
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

  return createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway.invalid');
    } catch {
      return sendJson(res, 400, { error: 'bad_request' });
    }
    if (url.pathname === '/couch' || url.pathname.startsWith('/couch/')) {
      proxyCouch(req, res, url).catch((error: unknown) => {
        log(`gateway: ${String(error)}`);
        sendJson(res, 500, { error: 'internal' });
      });
      return;
    }
    if (opts.api && url.pathname.startsWith('/api/') && url.pathname !== '/api/health') {
      opts.api(req, res, url.pathname).then(
        (handled) => handled || sendJson(res, 404, { error: 'not_found' }),
        (error: unknown) => {
          log(`api: ${String(error)}`);
          sendJson(res, 500, { error: 'internal' });
        },
      );
      return;
    }
    if (url.pathname === '/api/health') {
      void couchReachable().then((up) => sendJson(res, 200, { ok: true, couch: up }));
      return;
    }
    serveStatic(req, res, url);
  });
}
