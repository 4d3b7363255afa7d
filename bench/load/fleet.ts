/**
 * The groups the load runs in, made as the server makes them: each group's database with
 * its write rules and members (provisionGroup), its participants' records, a database of
 * each participant's own (openScopeDb) with the participant's home and membership in the
 * server state (so the relay carries the group's writes to them), and two instructors.
 */
import { toCouch, type StoredDoc } from '../../src/data/stored.ts';
import { staffRoles } from '../../src/domain/roles.ts';
import { participantScope } from '../../src/wire/scopes.ts';
import type { CouchAdmin } from '../../server/couch-admin.ts';
import { openScopeDb, participantSecurity, provisionGroup } from '../../server/design-docs.ts';
import { setHome } from '../../server/server-state.ts';
import { designDocFor } from '../../server/write-rules/write-rules.ts';
import { groupDocuments } from '../harness/seed.ts';

export const LOAD_PASSWORD = 'bench-load-password-1';
export const INSTRUCTORS_PER_GROUP = 2;

export interface LoadGroup {
  key: string;
  scope: string;
  /** Participant ids as the group's records name them (`participant:<key>`). */
  participants: string[];
  instructors: string[];
}

export const groupKeyOf = (prefix: string, g: number) => `${prefix}${String(g).padStart(4, '0')}`;

/** A few at a time: database creation on a cluster is slow, and unbounded it only queues. */
export async function inParallel<T>(items: T[], parallel: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/**
 * `fast`: participant databases made as bench/scale.ts makes them (one shard, write rules,
 * members: three requests) rather than opened as enrolment opens them (closed first, rules
 * confirmed on every copy: six), for thousands of them. `instructors` false: no accounts
 * (groups nobody signs in to). `from`: the first group's number.
 */
export async function seedGroups(
  admin: CouchAdmin,
  opts: { prefix: string; groups: number; participants: number; parallel?: number; from?: number; fast?: boolean; instructors?: boolean; onGroup?: (made: number) => void },
): Promise<LoadGroup[]> {
  const keys = Array.from({ length: opts.groups }, (_, g) => groupKeyOf(opts.prefix, (opts.from ?? 0) + g));
  const made: LoadGroup[] = [];
  await inParallel(keys, opts.parallel ?? 8, async (key) => {
    const scope = await provisionGroup(admin, key);
    const copies = (await admin.ok<{ cluster?: { n?: number } }>('GET', `/${scope}`)).cluster?.n;
    // The participants' records (and their plan steps and goals), written by a seeding user.
    const docs = groupDocuments(key, { weeks: 0, participants: opts.participants, user: 'benchseed' }).map((d) => toCouch(d as StoredDoc));
    await admin.ok('POST', `/${scope}/_bulk_docs${copies ? `?w=${copies}` : ''}`, { docs });
    const participants = docs.filter((d) => d.type === 'participant').map((d) => d._id);
    for (const id of participants) {
      const pk = id.slice('participant:'.length);
      const db = participantScope(pk);
      if (opts.fast) {
        await admin.ok('PUT', `/${db}?q=1`);
        await admin.ok('PUT', `/${db}/_design/polku`, designDocFor(db));
        await admin.ok('PUT', `/${db}/_security`, participantSecurity(pk, key));
      } else await openScopeDb(admin, db, participantSecurity(pk, key));
      await setHome(admin, pk, key);
    }
    const instructors = opts.instructors === false ? [] : Array.from({ length: INSTRUCTORS_PER_GROUP }, (_, i) => `${key}i${i}`);
    for (const name of instructors) await admin.putUser(name, LOAD_PASSWORD, staffRoles('instructor', key));
    made.push({ key, scope, participants, instructors });
    opts.onGroup?.(made.length);
  });
  return made.sort((a, b) => a.key.localeCompare(b.key));
}
