/**
 * The keys that keep a staff member's data on the device encrypted (SECURITY.md, "Data at
 * rest"). Each person on a device has one random data key (AES-GCM, 256 bits). It is never
 * stored as it is: only wrapped — encrypted — by keys derived from what opens it (the PIN,
 * the password, and a secret the server hands to that account's own session), each wrap
 * beside its salt. The unwrapped key lives in memory while the app is open, and goes with
 * the data layer on lock.
 */

/** PBKDF2-SHA-256 rounds for a PIN or a password (OWASP's advice for 2023 onwards). */
export const SLOW_ROUNDS = 600_000;
/** The server's secret is already 256 random bits: stretching it adds nothing. */
export const SECRET_ROUNDS = 1;

export interface Wrap {
  salt: string;
  iv: string;
  key: string;
  rounds: number;
}

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const b64 = (data: ArrayBuffer | Uint8Array) => {
  const view = data instanceof Uint8Array ? data : new Uint8Array(data);
  let out = '';
  for (let i = 0; i < view.length; i += 0x8000) out += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(out);
};
const random = (size: number) => crypto.getRandomValues(new Uint8Array(size));

const AES = { name: 'AES-GCM', length: 256 } as const;

export function newDataKey(): Promise<CryptoKey> {
  // Extractable, so that a new PIN or password can wrap it again while the device is open.
  return crypto.subtle.generateKey(AES, true, ['encrypt', 'decrypt']) as Promise<CryptoKey>;
}

async function keyFrom(secret: string, salt: Uint8Array, rounds: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds }, material, AES, false, ['wrapKey', 'unwrapKey']);
}

export async function wrapKey(dataKey: CryptoKey, secret: string, rounds = SLOW_ROUNDS): Promise<Wrap> {
  const salt = random(16);
  const iv = random(12);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, await keyFrom(secret, salt, rounds), { name: 'AES-GCM', iv: iv as BufferSource });
  return { salt: b64(salt), iv: b64(iv), key: b64(wrapped), rounds };
}

/** The data key, or null when the secret is not the one it was wrapped with. */
export async function unwrapKey(wrap: Wrap, secret: string): Promise<CryptoKey | null> {
  try {
    const kek = await keyFrom(secret, bytes(wrap.salt), wrap.rounds);
    return await crypto.subtle.unwrapKey('raw', bytes(wrap.key) as BufferSource, kek, { name: 'AES-GCM', iv: bytes(wrap.iv) as BufferSource }, AES, true, ['encrypt', 'decrypt']);
  } catch {
    return null;
  }
}

/** `text` encrypted under the data key, bound to `context` (the row it belongs to): iv and ciphertext, base64. */
export async function seal(dataKey: CryptoKey, text: string, context: string): Promise<string> {
  const iv = random(12);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: new TextEncoder().encode(context) }, dataKey, new TextEncoder().encode(text));
  const out = new Uint8Array(12 + data.byteLength);
  out.set(iv);
  out.set(new Uint8Array(data), 12);
  return b64(out);
}

export async function unseal(dataKey: CryptoKey, sealed: string, context: string): Promise<string> {
  const all = bytes(sealed);
  const data = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: all.subarray(0, 12) as BufferSource, additionalData: new TextEncoder().encode(context) }, dataKey, all.subarray(12) as BufferSource);
  return new TextDecoder().decode(data);
}
