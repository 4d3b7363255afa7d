import { ADMIN_OPERATIONS, check, claimSchema, type AdminInput, type AdminOperation, type Problem } from '../domain/index.ts';

/**
 * The coordinator's account operations, through the gateway's admin API (which holds the
 * server-admin credentials and checks the caller's role; the browser never does). Input is
 * checked here first with the same zod rules, so mistakes show before anything is sent.
 */
export type AdminResult = { ok: true; value: Record<string, unknown> } | { ok: false; problems: Problem[] };

export interface OneTimeCode {
  name: string;
  code: string;
  expiresAt: string;
}

async function post(path: string, body: unknown): Promise<AdminResult> {
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
  const payload = (await response.json().catch(() => ({}))) as { reason?: string; problems?: Problem[] } & Record<string, unknown>;
  if (response.ok) return { ok: true, value: payload };
  if (payload.problems?.length) return { ok: false, problems: payload.problems };
  return { ok: false, problems: [{ path: '', key: payload.reason ?? 'srv.internal' }] };
}

export async function adminCall<O extends AdminOperation>(op: O, input: AdminInput<O>): Promise<AdminResult> {
  const checked = check(ADMIN_OPERATIONS[op], input);
  if (!checked.ok) return checked;
  return post(`/api/admin/${op}`, checked.value);
}

/** First sign-in, or after a reset: set one's own password with the one-time code. */
export async function claimCode(input: { name: string; code: string; password: string }): Promise<AdminResult> {
  const checked = check(claimSchema, input);
  if (!checked.ok) return checked;
  return post('/api/account/claim', checked.value);
}

export const codeOf = (result: AdminResult): OneTimeCode | undefined =>
  result.ok ? ((result.value.code as OneTimeCode | undefined) ?? undefined) : undefined;
