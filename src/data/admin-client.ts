import { z } from 'zod';
import { ADMIN_OPERATIONS, check, claimSchema, type AdminInput, type AdminOperation, type AdminResult, type Problem } from '../domain/index.ts';

/**
 * The coordinator's account operations, through the gateway's admin API (which holds the
 * server-admin credentials and checks the caller's role; the browser never does). Input is
 * checked here first with the same zod rules, so mistakes show before anything is sent;
 * the answer is checked with the operation's result schema before anyone reads it.
 */
export type AdminResponse<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
export type { OneTimeCode } from '../domain/index.ts';

const problemSchema = z.object({
  path: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
const refusalSchema = z.object({ reason: z.string().optional(), problems: z.array(problemSchema).optional() });
const internal: AdminResponse<never> = { ok: false, problems: [{ path: '', key: 'srv.internal' }] };

async function post<T>(path: string, body: unknown, answer: z.ZodType<T>): Promise<AdminResponse<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, problems: [{ path: '', key: navigator.onLine ? 'signIn.serverDown' : 'admin.needsNetwork' }] };
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    // An answer of the wrong shape (an old server, a proxy's page) is the server's fault, not a crash.
    const value = answer.safeParse(payload);
    return value.success ? { ok: true, value: value.data } : internal;
  }
  const refusal = refusalSchema.safeParse(payload);
  if (!refusal.success) return internal;
  if (refusal.data.problems?.length) return { ok: false, problems: refusal.data.problems };
  return { ok: false, problems: [{ path: '', key: refusal.data.reason ?? 'srv.internal' }] };
}

/** Values from a form, checked here like any input; `adminCall` when the input is typed. */
export async function adminSubmit<O extends AdminOperation>(op: O, input: unknown): Promise<AdminResponse<AdminResult<O>>> {
  const spec = ADMIN_OPERATIONS[op];
  const checked = check(spec.input, input);
  if (!checked.ok) return checked;
  return post(`/api/admin/${op}`, checked.value, spec.result);
}

export const adminCall = <O extends AdminOperation>(op: O, input: AdminInput<O>) => adminSubmit(op, input);

/** First sign-in, or after a reset: set one's own password with the one-time code. */
export async function claimCode(input: { name: string; code: string; password: string }): Promise<AdminResponse<object>> {
  const checked = check(claimSchema, input);
  if (!checked.ok) return checked;
  return post('/api/account/claim', checked.value, z.object({}));
}
