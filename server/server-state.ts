import type { CouchAdmin } from './couch-admin.ts';
import { ensureSecurity } from './design-docs.ts';

/**
 * What the server side remembers between starts — the relay's place in `_db_updates`, the
 * write rules last deployed — in a database only server admins may read or write, so that
 * nothing a member writes can change it (a scope database's `_local` documents could).
 */
export const SERVER_DB = 'polku-server';
const ADMINS_ONLY = { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles: ['_admin'] } };

/** Made, and closed to all but server admins, at every start (a start cut between the two leaves no open database). */
export async function ensureServerDb(admin: CouchAdmin) {
  await admin.ensureDb(SERVER_DB);
  await ensureSecurity(admin, SERVER_DB, ADMINS_ONLY);
}

export async function readState<T extends object>(admin: CouchAdmin, id: string): Promise<Partial<T>> {
  const r = await admin.request<T>('GET', `/${SERVER_DB}/${encodeURIComponent(id)}`);
  return r.status === 200 ? r.body : {};
}

/** False when it could not be written now (another process wrote it meanwhile): written next time. */
export async function writeState(admin: CouchAdmin, id: string, state: object): Promise<boolean> {
  try {
    await admin.put(SERVER_DB, { _id: id, ...state });
    return true;
  } catch {
    return false;
  }
}
