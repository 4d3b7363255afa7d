import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ADMIN_OPERATIONS, claimSchema, isAdminOperation, isoDateTime, problemsOf, userNameSchema, type AdminOperation } from '../src/domain/index.ts';
import type { AccessLog } from './access-log.ts';
import { AccountError, type Accounts } from './accounts.ts';
import { adminHandlers, runAdmin, type Caller } from './admin-operations.ts';
import type { Client } from './client.ts';
import { NotOpenedError } from './design-docs.ts';
import { claimLimits, GuessGuard } from './rate-limit.ts';

/**
 * The small admin API the coordinator's screens call: `POST /api/admin/<operation>` with
 * JSON. The gateway holds the server-admin credentials; here the caller is identified from
 * their own CouchDB session (cookie) and must coordinate the group concerned.
 * `POST /api/account/claim` (no session yet) sets a password with a one-time code.
 * `POST /api/account/device-secret` gives the session's own account its device secret.
 * `GET /api/device/status` tells a device whose session was refused whether to wipe.
 */

/**
 * What a device asks when its session is refused: whose data it holds and when the server
 * said that person signed in on it (the `Date` of that sign-in's answer: the server's clock).
 */
const deviceQuery = z.object({ name: userNameSchema, since: isoDateTime.optional() });
/** A device id is only ever logged: kept to what `crypto.randomUUID()` makes, nothing a log line could be steered by. */
const deviceIdPattern = /^[A-Za-z0-9-]{1,64}$/;

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage, max = 64 * 1024): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new AccountError(400, 'srv.badRequest');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AccountError(400, 'srv.badRequest');
  }
}

export function createAdminApi(opts: { accounts: Accounts; accessLog: AccessLog; whoIs: (req: IncomingMessage) => Promise<Caller | null>; claimGuard?: GuessGuard; log?: (line: string) => void }) {
  const { accounts } = opts;
  const handlers = adminHandlers(accounts, opts.accessLog);
  const guard = opts.claimGuard ?? new GuessGuard(claimLimits);
  /** One claim at a time per name: parallel claims neither race on the `_users` document nor answer 500. */
  const claiming = new Map<string, Promise<unknown>>();

  /**
   * A code is tried against a throttle per person and client address: wrong tries from an
   * attacker slow the attacker's address, never use up the person's code (it has no try
   * count of its own). The person is told how many tries they have left before a pause.
   */
  async function claimWith(res: ServerResponse, input: { name: string; code: string; password: string }, client: Client) {
    const who = { name: input.name, address: client.address };
    const tooMany = (seconds: number) =>
      send(res, 429, { error: 'too_many_requests', reason: 'srv.tooManyTries', problems: [{ path: '', key: 'srv.tooManyTries', params: { minutes: Math.ceil(seconds / 60) } }] }, { 'Retry-After': String(seconds) });
    const admitted = guard.admit(who);
    if (!admitted.ok) return tooMany(admitted.retryAfterSeconds);
    const before = claiming.get(input.name) ?? Promise.resolve();
    const attempt = before.catch(() => undefined).then(() => accounts.claimCode(input.name, input.code, input.password));
    claiming.set(input.name, attempt);
    try {
      await attempt;
      admitted.done(true);
      send(res, 200, { ok: true });
    } catch (error) {
      if (!(error instanceof AccountError) || error.key !== 'srv.badCode') {
        admitted.done(true);
        throw error;
      }
      admitted.done(false);
      const left = guard.left(who);
      const problem = left > 0 ? { path: '', key: 'srv.badCodeLeft', params: { left } } : { path: '', key: 'srv.tooManyTries', params: { minutes: 1 } };
      send(res, 403, { error: 'refused', reason: 'srv.badCode', problems: [problem] });
    } finally {
      if (claiming.get(input.name) === attempt) claiming.delete(input.name);
    }
  }

  /** Input parsed once, against the operation's own schema; the handler gets that type. */
  async function answer<O extends AdminOperation>(op: O, body: unknown, caller: Caller): Promise<{ status: number; body: object }> {
    const parsed = ADMIN_OPERATIONS[op].input.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: 'bad_request', reason: 'srv.badRequest', problems: problemsOf(parsed.error) } };
    return { status: 200, body: { ok: true, ...(await runAdmin(handlers, op, parsed.data, caller)) } };
  }

  /**
   * Wipe or keep: only the server's own record of a cut-off decides (SECURITY.md, "Cut off
   * from afar"). A device holding a session of the person that works now signed in after any
   * cut-off (it changed the password): nothing to wipe. Without a cut-off recorded after the
   * device's sign-in, a refused session is a plain expiry, answered `wipe: false`.
   */
  async function deviceStatus(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const query = deviceQuery.safeParse({ name: url.searchParams.get('name') ?? undefined, since: url.searchParams.get('since') ?? undefined });
    if (!query.success) return send(res, 400, { error: 'bad_request', reason: 'srv.badRequest', problems: problemsOf(query.error) });
    const { name, since } = query.data;
    const caller = await opts.whoIs(req);
    const cutOff = caller?.name === name ? undefined : await accounts.cutOffOf(name);
    // A device that does not know when it signed in (from before this was kept) held the session before any cut-off.
    const wipe = cutOff !== undefined && (since === undefined || Date.parse(since) < Date.parse(cutOff.at));
    if (wipe) {
      const device = String(req.headers['x-polku-device'] ?? '');
      opts.log?.(`device ${deviceIdPattern.test(device) ? device : '(unnamed)'} told to wipe ${name}'s data (cut off ${cutOff.at}, ${cutOff.reason})`);
    }
    send(res, 200, { wipe });
  }

  /** Handles `/api/admin/*`, `/api/account/*` and `/api/device/status`; returns false for other paths. */
  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string, client: Client): Promise<boolean> {
    if (pathname === '/api/device/status') {
      if (req.method !== 'GET') send(res, 405, { error: 'method_not_allowed', reason: 'srv.notAllowed' });
      else await deviceStatus(req, res).catch(() => send(res, 500, { error: 'internal', reason: 'srv.internal' }));
      return true;
    }
    if (pathname === '/api/account/device-secret') {
      req.resume();
      if (req.method !== 'POST') return (send(res, 405, { error: 'method_not_allowed', reason: 'srv.notAllowed' }), true);
      const caller = await opts.whoIs(req);
      if (!caller) return (send(res, 401, { error: 'unauthorized', reason: 'sync.err.auth' }), true);
      try {
        send(res, 200, { secret: await accounts.deviceSecret(caller.name) });
      } catch {
        send(res, 503, { error: 'unavailable', reason: 'srv.unavailable' });
      }
      return true;
    }
    const claim = pathname === '/api/account/claim';
    const op = pathname.startsWith('/api/admin/') ? pathname.slice('/api/admin/'.length) : undefined;
    if (!claim && op === undefined) return false;
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method_not_allowed', reason: 'srv.notAllowed' });
      return true;
    }
    try {
      const body = await readJson(req);
      if (claim) {
        const parsed = claimSchema.safeParse(body);
        if (!parsed.success) return (send(res, 400, { error: 'bad_request', reason: 'srv.badRequest', problems: problemsOf(parsed.error) }), true);
        await claimWith(res, parsed.data, client);
        return true;
      }
      if (op === undefined || !isAdminOperation(op)) {
        send(res, 404, { error: 'not_found', reason: 'srv.badRequest' });
        return true;
      }
      const caller = await opts.whoIs(req);
      if (!caller) {
        send(res, 401, { error: 'unauthorized', reason: 'sync.err.auth' });
        return true;
      }
      const answered = await answer(op, body, caller);
      send(res, answered.status, answered.body);
    } catch (error) {
      if (error instanceof AccountError) send(res, error.status, { error: 'refused', reason: error.key, problems: error.problems });
      else if (error instanceof NotOpenedError) send(res, 503, { error: 'unavailable', reason: error.key });
      else send(res, 500, { error: 'internal', reason: 'srv.internal' });
    }
    return true;
  };
}
