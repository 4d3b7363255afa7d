/**
 * Who can open this device, and with what (SECURITY.md, "Lock and PIN"). Each staff member
 * who has signed in here has a profile in localStorage: their name and roles, and their
 * data key wrapped by their PIN, their password and their account's server secret — never
 * the key itself, the PIN or the password. Participants' phones hold only their own data
 * and open without a PIN (the lock would keep the people Polku is for out of it).
 */
import { pinProblem, pinWait } from '../domain/pin.ts';
import { ROLE } from '../domain/roles.ts';
import { COUCH_BASE, signIn, wasCutOff, type SessionUser, type SignInResult } from './auth.ts';
import { newDataKey, seal, SECRET_ROUNDS, unseal, unwrapKey, wrapKey, type Wrap } from './device-keys.ts';

export interface DeviceProfile {
  name: string;
  roles: string[];
  wraps: { pin?: Wrap; password?: Wrap; server?: Wrap };
  /**
   * The password, sealed under the data key: opening with the PIN signs the person in to the
   * server again, so each person on a shared device has their own server session while they
   * use it, and none while it is locked.
   */
  password?: string;
  /** Wrong PINs in a row, and when the next try may be made (ms since epoch). */
  failures: number;
  waitUntil?: number;
}

export type Opened = { user: SessionUser; key: CryptoKey };
type SignInRefusal = Exclude<SignInResult, { ok: true }>;

const PROFILES_KEY = 'polku.profiles';

/** Staff devices carry other people's data: they lock, and keep it encrypted. */
export const needsLock = (roles: readonly string[]) => roles.includes(ROLE.instructor) || roles.includes(ROLE.coordinator);

export function deviceProfiles(): DeviceProfile[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PROFILES_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((p): p is DeviceProfile => typeof p?.name === 'string' && Array.isArray(p.roles) && typeof p.wraps === 'object') : [];
  } catch {
    return [];
  }
}

export const profileOf = (name: string) => deviceProfiles().find((p) => p.name === name);

function saveProfile(profile: DeviceProfile) {
  localStorage.setItem(PROFILES_KEY, JSON.stringify([...deviceProfiles().filter((p) => p.name !== profile.name), profile]));
}

/** The person's keys leave the device (signed out, wiped): their encrypted data can no longer be opened. */
export function forgetProfile(name: string) {
  localStorage.setItem(PROFILES_KEY, JSON.stringify(deviceProfiles().filter((p) => p.name !== name)));
}

/** The account's own secret from the server: handed only to that account's signed-in session. */
export async function serverSecret(): Promise<string | null> {
  try {
    const response = await fetch('/api/account/device-secret', { method: 'POST', credentials: 'include', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: '{}' });
    const body = response.ok ? ((await response.json()) as { secret?: unknown }) : null;
    return typeof body?.secret === 'string' ? body.secret : null;
  } catch {
    return null;
  }
}

/**
 * Just signed in online with this password: the person's data key, from their profile or new.
 * `needsPin`: they have no PIN on this device yet (first sign-in, or the PIN was used up).
 * A profile whose wraps no longer open (the password was reset with a one-time code) is
 * opened with the server secret, and wrapped again with the new password.
 */
export async function openAfterSignIn(user: SessionUser, password: string, secret: () => Promise<string | null> = serverSecret): Promise<{ key: CryptoKey; needsPin: boolean } | { lost: true }> {
  const profile = profileOf(user.name);
  let key = profile?.wraps.password ? await unwrapKey(profile.wraps.password, password) : null;
  const fromServer = await secret();
  if (!key && profile?.wraps.server && fromServer) key = await unwrapKey(profile.wraps.server, fromServer);
  // A profile nothing opens any more: its data is unreadable; only a cut-off leads here.
  if (!key && profile) return { lost: true };
  key ??= await newDataKey();
  const wraps: DeviceProfile['wraps'] = { ...profile?.wraps, password: await wrapKey(key, password) };
  if (fromServer) wraps.server = await wrapKey(key, fromServer, SECRET_ROUNDS);
  saveProfile({ name: user.name, roles: user.roles, wraps, failures: 0, password: await seal(key, password, passwordContext(user.name)) });
  return { key, needsPin: !wraps.pin };
}

/** A new PIN for the open data key; refused with the reason when it will not do. */
export async function setPin(name: string, key: CryptoKey, pin: string): Promise<ReturnType<typeof pinProblem>> {
  const problem = pinProblem(pin);
  const profile = profileOf(name);
  if (problem || !profile) return problem ?? 'v.pinShort';
  saveProfile({ ...profile, wraps: { ...profile.wraps, pin: await wrapKey(key, pin) }, failures: 0, waitUntil: undefined });
  return null;
}

export type PinResult =
  | { ok: true; opened: Opened }
  | { ok: false; reason: 'wrong' | 'wait'; waitSeconds: number; triesBeforeWait: number }
  | { ok: false; reason: 'exhausted' };

/** Opens with the PIN, offline too. Wrong PINs slow down; too many remove the PIN (the password opens then). */
export async function openWithPin(name: string, pin: string, now = Date.now()): Promise<PinResult> {
  const profile = profileOf(name);
  if (!profile?.wraps.pin) return { ok: false, reason: 'exhausted' };
  if (profile.waitUntil && now < profile.waitUntil) return { ok: false, reason: 'wait', waitSeconds: Math.ceil((profile.waitUntil - now) / 1000), triesBeforeWait: 0 };
  const key = await unwrapKey(profile.wraps.pin, pin);
  if (key) {
    saveProfile({ ...profile, failures: 0, waitUntil: undefined });
    return { ok: true, opened: { user: { name: profile.name, roles: profile.roles }, key } };
  }
  const failures = profile.failures + 1;
  const wait = pinWait(failures);
  if (wait.exhausted) {
    const { pin: _gone, ...wraps } = profile.wraps;
    saveProfile({ ...profile, wraps, failures: 0, waitUntil: undefined });
    return { ok: false, reason: 'exhausted' };
  }
  saveProfile({ ...profile, failures, waitUntil: wait.waitSeconds ? now + wait.waitSeconds * 1000 : undefined });
  return { ok: false, reason: 'wrong', waitSeconds: wait.waitSeconds, triesBeforeWait: wait.triesBeforeWait };
}

/**
 * Opens with the password: offline against the profile, or — when that does not open it (a
 * new password, a person new to this device) — by signing in online.
 */
export async function openWithPassword(
  name: string,
  password: string,
): Promise<{ ok: true; opened: Opened; needsPin: boolean } | { ok: false; key: SignInRefusal['key'] | 'lock.dataLost'; params?: { minutes: number } }> {
  const profile = profileOf(name);
  const key = profile?.wraps.password ? await unwrapKey(profile.wraps.password, password) : null;
  if (profile && key) {
    saveProfile({ ...profile, failures: 0, waitUntil: undefined, password: await seal(key, password, passwordContext(name)) });
    return { ok: true, opened: { user: { name: profile.name, roles: profile.roles }, key }, needsPin: !profile.wraps.pin };
  }
  const online = await signIn(COUCH_BASE, name, password);
  if (!online.ok) return { ok: false, key: online.key, params: online.params };
  const opened = await openAfterSignIn(online.user, password);
  if ('lost' in opened) return { ok: false, key: 'lock.dataLost' };
  return { ok: true, opened: { user: online.user, key: opened.key }, needsPin: opened.needsPin };
}

const passwordContext = (name: string) => `password:${name}`;

/** The password as the server knows it now (a re-entered one after an expiry, say), kept sealed. */
export async function rememberPassword(name: string, key: CryptoKey, password: string) {
  const profile = profileOf(name);
  if (profile) saveProfile({ ...profile, password: await seal(key, password, passwordContext(name)) });
}

/**
 * Signs the person in to the server again with their sealed password (after the PIN opened
 * the device, or when their session expired). False when offline or the password changed:
 * they are then asked for it as after any expiry.
 */
export async function signInAgain(name: string, key: CryptoKey): Promise<boolean> {
  const sealed = profileOf(name)?.password;
  if (!sealed) return false;
  const password = await unseal(key, sealed, passwordContext(name)).catch(() => null);
  return password !== null && (await signIn(COUCH_BASE, name, password)).ok;
}

/**
 * A locked device asks, whenever it is in range, whether a coordinator cut off anyone who
 * has data on it; their data and keys go at once, before anyone tries a PIN. The names wiped.
 */
export async function wipeCutOffPeople(): Promise<string[]> {
  const people = deviceProfiles().map((p) => p.name);
  const cut = (await Promise.all(people.map(async (name) => ((await wasCutOff(name)) === true ? name : null)))).filter((n): n is string => n !== null);
  if (cut.length === 0) return [];
  // The database layer loads only when there is something to wipe.
  const { wipePersonData } = await import('./wipe.ts');
  for (const name of cut) await wipePersonData(name);
  return cut;
}
