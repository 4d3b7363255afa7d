/**
 * Sign-in through CouchDB's `_session` (proxied by the gateway: same origin, HttpOnly
 * cookie). The last signed-in user is remembered so the app opens offline; the password
 * is never stored.
 */
import { sessionUserOf, type SessionUser } from '../wire/couch.ts';
import { forgetStartSnapshots } from './start-snapshot.ts';

export type { SessionUser };

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; key: 'signIn.failed' | 'signIn.offline' | 'signIn.serverDown' | 'srv.tooManySignIns' | 'srv.crossSite'; params?: { minutes: number } };

const USER_KEY = 'polku.user';

/** The CouchDB API, proxied by the gateway on the app's own origin. */
export const COUCH_BASE = '/couch';

export { ROLE, scopesOf } from '../domain/roles.ts';

export async function signIn(baseUrl: string, name: string, password: string): Promise<SignInResult> {
  let response: Response;
  await signingOut;
  try {
    response = await fetch(`${baseUrl}/_session`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    return { ok: false, key: navigator.onLine ? 'signIn.serverDown' : 'signIn.offline' };
  }
  if (response.status === 401) return { ok: false, key: 'signIn.failed' };
  // The gateway's throttle: too many wrong guesses for this name or from this address.
  if (response.status === 429) {
    const minutes = Math.max(1, Math.ceil(Number(response.headers.get('Retry-After') ?? 60) / 60));
    return { ok: false, key: 'srv.tooManySignIns', params: { minutes } };
  }
  if (response.status === 403) return { ok: false, key: 'srv.crossSite' };
  if (!response.ok) return { ok: false, key: 'signIn.serverDown' };
  const user = sessionUserOf(await response.json().catch(() => null)) ?? { name, roles: [] };
  rememberUser(user);
  rememberSignIn(user.name, signedInTime(response));
  return { ok: true, user };
}

/** Who the server says this session is now: null when it has expired, undefined when it cannot be asked. */
export async function currentSession(baseUrl: string): Promise<SessionUser | null | undefined> {
  try {
    const response = await fetch(`${baseUrl}/_session`, { credentials: 'include', headers: { Accept: 'application/json' } });
    if (!response.ok) return undefined;
    return sessionUserOf(await response.json());
  } catch {
    return undefined;
  }
}

/** A sign-out still on its way: a sign-in waits for it, or its answer would clear the new session's cookie. */
let signingOut: Promise<unknown> = Promise.resolve();

export async function signOutOfServer(baseUrl: string): Promise<void> {
  signingOut = fetch(`${baseUrl}/_session`, { method: 'DELETE', credentials: 'include' }).catch(() => undefined);
  await signingOut;
}

export function rememberedUser(): SessionUser | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    const parsed = raw ? (JSON.parse(raw) as SessionUser) : null;
    return parsed && typeof parsed.name === 'string' && Array.isArray(parsed.roles) ? parsed : null;
  } catch {
    return null;
  }
}

export function rememberUser(user: SessionUser) {
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  // Someone else signing in on a shared device never sees the last one's start screen.
  forgetStartSnapshots(user.name);
}

/** Signed out: the remembered user and their last known start screen go. */
export function forgetUser() {
  localStorage.removeItem(USER_KEY);
  forgetStartSnapshots();
}

const SIGNED_IN_KEY = 'polku.signedIn';

/** When the server let the person in: its own clock (the gateway's header, else the answer's date), this device's only as a last resort. */
function signedInTime(response: Response): string {
  for (const header of ['X-Polku-Signed-In', 'Date']) {
    const at = Date.parse(response.headers.get(header) ?? '');
    if (!Number.isNaN(at)) return new Date(at).toISOString();
  }
  return new Date().toISOString();
}

function signIns(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SIGNED_IN_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function rememberSignIn(name: string, at: string) {
  localStorage.setItem(SIGNED_IN_KEY, JSON.stringify({ ...signIns(), [name]: at }));
}

/** When `name` last signed in on this device, as the server said; undefined when not kept (a sign-in from before this was). */
export function signedInAt(name: string): string | undefined {
  const at = signIns()[name];
  return typeof at === 'string' ? at : undefined;
}

export function forgetSignIn(name: string) {
  const { [name]: _gone, ...rest } = signIns();
  localStorage.setItem(SIGNED_IN_KEY, JSON.stringify(rest));
}

/**
 * After the server refused the session: was this person cut off by a coordinator after they
 * signed in here (SECURITY.md, "Cut off from afar")? Only the server's own record decides;
 * true only on its plain yes, undefined when it cannot be asked (offline, an old server).
 */
export async function wasCutOff(name: string): Promise<boolean | undefined> {
  const since = signedInAt(name);
  const query = new URLSearchParams({ name, ...(since ? { since } : {}) });
  try {
    const response = await fetch(`/api/device/status?${query}`, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Polku-Device': deviceId() } });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    return body && typeof body === 'object' && 'wipe' in body && typeof body.wipe === 'boolean' ? body.wipe : undefined;
  } catch {
    return undefined;
  }
}

/** A stable id for this device, used to break ties in field merges. */
export function deviceId(): string {
  let id = localStorage.getItem('polku.device');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('polku.device', id);
  }
  return id;
}
