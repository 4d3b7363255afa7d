/** The scope databases: who may read them, and opening them only once their write rules are in force. */
import { isDeepStrictEqual } from 'node:util';
import { groupScope, ROLE } from '../src/domain/index.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { designDocFor } from './write-rules/write-rules.ts';

/** Who may read a group database: its staff, by role. */
export function groupSecurity(groupKey: string) {
  return {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [ROLE.group(groupKey)] },
  };
}

/** Who may read a participant's database: the participant and the staff of their group. */
export function participantSecurity(participantKey: string, groupKey: string) {
  return {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [ROLE.self(participantKey), ROLE.group(groupKey)] },
  };
}

/**
 * One shard per scope database (Apache CouchDB; PouchDB Server has no shards). There is a
 * database per group and per participant, each small (hundreds to a few thousand
 * documents): more shards would only multiply the files per database (q × n), the open
 * handles counted against `max_dbs_open`, and the shard answers every `_changes` and
 * `_all_docs` merges, for databases that never need to spread their load.
 */
const SCOPE_DB_SHARDS = 1;

/** Members nobody but a server admin matches: the database is closed while it is being set up. */
const CLOSED = { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } };

/** A database's `_security`: who administers it and who may read it. */
type Security = { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } };

/**
 * Write the design document (unless it is already this version) and say whether it is in
 * force on every copy of the database. On an Apache CouchDB cluster a write is acknowledged
 * by a quorum of copies (2 of 3) and reaches the rest a moment later; a copy without the
 * rules would accept any write it is asked to store. Written with `w` = the database's copy
 * count, the answer is 201 only once every copy has stored it — and a copy checks writes
 * against the design documents it has stored, so 201 means the rules are in force
 * everywhere. 202: some copy (a node that is down) does not have it yet. PouchDB Server has
 * one copy and answers 201.
 */
export async function putDesignDoc(admin: CouchAdmin, db: string): Promise<boolean> {
  const path = `/${db}/_design/polku`;
  const wanted = designDocFor(db);
  const current = await admin.request<{ _rev?: string }>('GET', path);
  if (current.status === 200) {
    const { _rev, ...stored } = current.body;
    // Unchanged: no new revision to spread to every copy at every start.
    if (isDeepStrictEqual(stored, wanted)) return true;
  }
  const info = await admin.ok<{ cluster?: { n?: number } }>('GET', `/${db}`);
  const copies = info.cluster?.n;
  const body = current.status === 200 ? { ...wanted, _rev: current.body._rev } : wanted;
  const r = await admin.request(`PUT`, `${path}${copies ? `?w=${copies}` : ''}`, body);
  if (r.status !== 201 && r.status !== 202) throw new Error(`PUT ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.status === 201;
}

/** A scope database whose write rules could not be confirmed on every copy: removed again, not opened. */
export class NotOpenedError extends Error {
  readonly key = 'srv.notEverywhere';
  constructor(db: string) {
    super(`the write rules of ${db} did not reach every copy of it (is a CouchDB node down?); not opened`);
  }
}

/**
 * Set a database's members. Written every time rather than after a read: on a cluster the
 * read comes from one copy, which may not have the latest `_security` yet, so "already
 * right" cannot be trusted (a restored database kept its stale members). The write is idempotent.
 */
export async function ensureSecurity(admin: CouchAdmin, db: string, security: Security) {
  await admin.ok('PUT', `/${db}/_security`, security);
}

/**
 * Create a scope database and open it to its members only once its write rules are in
 * force on every copy: closed first (PouchDB Server leaves a new database open to anyone,
 * CouchDB may be configured so), then the design document, confirmed, then the members.
 * A database that cannot be confirmed (a cluster node is down) is removed again rather
 * than left half made. An existing database gets its rules and members brought up to date.
 */
export async function openScopeDb(admin: CouchAdmin, db: string, security: Security) {
  const created = await admin.ensureDb(db, { q: SCOPE_DB_SHARDS });
  if (created) await admin.ok('PUT', `/${db}/_security`, CLOSED);
  if (!(await putDesignDoc(admin, db)) && created) {
    await admin.request('DELETE', `/${db}`);
    throw new NotOpenedError(db);
  }
  await admin.ok('PUT', `/${db}/_security`, security);
}

/** Create a group's database with its members and write rules. */
export async function provisionGroup(admin: CouchAdmin, groupKey: string) {
  const db = groupScope(groupKey);
  await openScopeDb(admin, db, groupSecurity(groupKey));
  return db;
}
