/** Random lowercase base36 key (16 chars ≈ 82 bits), valid in CouchDB database names. */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return out;
}

export const keyOf = (id: string): string => id.slice(id.lastIndexOf(':') + 1);

export { groupScope, participantScope } from '../wire/scopes.ts';
