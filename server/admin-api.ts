import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_OPERATIONS, claimSchema, problemsOf, ROLE, selfKeyOf, type AdminOperation } from '../src/domain/index.ts';
import { AccountError, type Accounts } from './accounts.ts';
import { NotOpenedError } from './design-docs.ts';

/**
 * The small admin API the coordinator's screens call: `POST /api/admin/<operation>` with
 * JSON. The gateway holds the server-admin credentials; here the caller is identified from
 * their own CouchDB session (cookie) and must coordinate the group concerned.
 * `POST /api/account/claim` (no session yet) sets a password with a one-time code.
 */

type Operation = AdminOperation;
const OPERATIONS = ADMIN_OPERATIONS;

export interface Caller {
  name: string;
  roles: string[];
}

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
  const coordinates = (caller: Caller, group: string) => caller.roles.includes(ROLE.coordinator) && caller.roles.includes(ROLE.group(group));

  async function run(op: Operation, input: Record<string, string>, caller: Caller): Promise<unknown> {
    const need = (group: string) => {
      if (!coordinates(caller, group)) throw new AccountError(403, 'srv.notCoordinator');
    };
    switch (op) {
      case 'createGroup':
        if (!caller.roles.includes(ROLE.coordinator)) throw new AccountError(403, 'srv.notCoordinator');
        return accounts.createGroup({ name: input.name!, municipality: input.municipality, key: input.key }, caller.name);
      case 'addInstructor':
      case 'addCoordinator':
        need(input.groupKey!);
        return { code: await accounts.addStaff(input.groupKey!, input.name!, op === 'addInstructor' ? 'instructor' : 'coordinator') };
      case 'removeStaff':
        need(input.groupKey!);
        return accounts.removeStaff(input.groupKey!, input.name!);
      case 'enrol':
        need(input.groupKey!);
        return accounts.enrol(input.groupKey!, input as never, caller.name);
      case 'move': {
        const from = await accounts.groupOfParticipant(input.participantKey!);
        if (!from) throw new AccountError(404, 'srv.noSuchParticipant');
        need(from);
        need(input.toGroup!);
        return accounts.move(input.participantKey!, from, input.toGroup!, caller.name);
      }
      case 'end': {
        const from = await accounts.groupOfParticipant(input.participantKey!);
        if (!from) throw new AccountError(404, 'srv.noSuchParticipant');
        need(from);
        return accounts.end(input.participantKey!, from, caller.name);
      }
      case 'resetPassword': {
        need(input.groupKey!);
        // Only for people of that group: its participants and staff.
        const user = await accounts.user(input.name!);
        const ofGroup = user?.roles.includes(ROLE.group(input.groupKey!));
        const self = user ? selfKeyOf(user.roles) : undefined;
        const participantOfGroup = self ? (await accounts.groupOfParticipant(self)) === input.groupKey : false;
        if (!ofGroup && !participantOfGroup) throw new AccountError(403, 'srv.notCoordinator');
        return { code: await accounts.issueCode(input.name!) };
      }
    }
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
      if (!Object.hasOwn(OPERATIONS, op!)) {
        send(res, 404, { error: 'not_found', reason: 'srv.badRequest' });
        return true;
      }
      const caller = await opts.whoIs(req);
      if (!caller) {
        send(res, 401, { error: 'unauthorized', reason: 'sync.err.auth' });
        return true;
      }
      const parsed = OPERATIONS[op as Operation].safeParse(body);
      if (!parsed.success) {
        send(res, 400, { error: 'bad_request', reason: 'srv.badRequest', problems: problemsOf(parsed.error) });
        return true;
      }
      const result = await run(op as Operation, parsed.data as Record<string, string>, caller);
      send(res, 200, { ok: true, ...(result && typeof result === 'object' ? result : {}) });
    } catch (error) {
      if (error instanceof AccountError) send(res, error.status, { error: 'refused', reason: error.key, problems: error.problems });
      else if (error instanceof NotOpenedError) send(res, 503, { error: 'unavailable', reason: error.key });
      else send(res, 500, { error: 'internal', reason: 'srv.internal' });
    }
    return true;
  };
}
