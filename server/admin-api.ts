import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_OPERATIONS, claimSchema, isAdminOperation, problemsOf, type AdminOperation } from '../src/domain/index.ts';
import { AccountError, type Accounts } from './accounts.ts';
import { adminHandlers, runAdmin, type Caller } from './admin-operations.ts';
import { NotOpenedError } from './design-docs.ts';

/**
 * The small admin API the coordinator's screens call: `POST /api/admin/<operation>` with
 * JSON. The gateway holds the server-admin credentials; here the caller is identified from
 * their own CouchDB session (cookie) and must coordinate the group concerned.
 * `POST /api/account/claim` (no session yet) sets a password with a one-time code.
 */

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
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

export function createAdminApi(opts: { accounts: Accounts; whoIs: (req: IncomingMessage) => Promise<Caller | null> }) {
  const { accounts } = opts;
  const handlers = adminHandlers(accounts);

  /** Input parsed once, against the operation's own schema; the handler gets that type. */
  async function answer<O extends AdminOperation>(op: O, body: unknown, caller: Caller): Promise<{ status: number; body: object }> {
    const parsed = ADMIN_OPERATIONS[op].input.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: 'bad_request', reason: 'srv.badRequest', problems: problemsOf(parsed.error) } };
    return { status: 200, body: { ok: true, ...(await runAdmin(handlers, op, parsed.data, caller)) } };
  }

  /** Handles `/api/admin/*` and `/api/account/claim`; returns false for other paths. */
  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const claim = pathname === '/api/account/claim';
    const op = pathname.startsWith('/api/admin/') ? pathname.slice('/api/admin/'.length) : undefined;
    if (!claim && op === undefined) return false;
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method_not_allowed' });
      return true;
    }
    try {
      const body = await readJson(req);
      if (claim) {
        const parsed = claimSchema.safeParse(body);
        if (!parsed.success) return (send(res, 400, { error: 'bad_request', reason: 'srv.badRequest', problems: problemsOf(parsed.error) }), true);
        await accounts.claimCode(parsed.data.name, parsed.data.code, parsed.data.password);
        send(res, 200, { ok: true });
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
