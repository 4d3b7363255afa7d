import { randomBytes } from 'node:crypto';
import type { CutOffReason } from '../src/domain/index.ts';
import type { AllDocsPage, BulkResult } from '../src/wire/couch.ts';
import { groupKeyOf, groupScope, isScope, participantKeyOf, participantScope } from '../src/wire/scopes.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { ensureSecurity } from './design-docs.ts';

/**
 * What the server side remembers between starts — the relay's place in `_db_updates`, the
 * write rules last deployed, where each participant belongs, how far the relay has carried
 * each database — in a database only server admins may read or write, so that nothing a
 * member writes can change it (a scope database's `_local` documents could: CouchDB runs no
 * write rules on them).
 *
 * Relay state is one small document per participant and per database, never one per group
 * or one for all: each enrolment, move or checkpoint writes one document of its own (no
 * two coordinators or relays contend for a shared one, and none grows with the server's
 * size), and the relay reads a group's members as one key range, whose cost follows the
 * group's size, not the 10,000 databases beside it.
 *
 * - `home:<participant>`: `{ groupKey, ended? }` the group the participant's writes go to.
 * - `member:<group>:<participant>`: the group's current participants, who receive its documents.
 * - `checkpoint:<database>`: `{ since }` the relay's place in that database's changes.
 * - `secret:<account>`: `{ secret }` 256 random bits that wrap the account's data key on its
 *   devices, handed only to that account's own session (SECURITY.md, "Data at rest").
 * - `cutoff:<account>`: `{ at, reason, by, groupKey }` the account's last cut-off: devices
 *   signed in before `at` wipe the person's data at their next contact.
 * - `erased:<participant>`: `{ at, by }` the controller erased this participant (when, by
 *   which coordinator): the gateway refuses their documents from then on. Nothing else about
 *   the person is kept.
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

const homeId = (participantKey: string) => `home:${participantKey}`;
const memberId = (groupKey: string, participantKey: string) => `member:${groupKey}:${participantKey}`;
const checkpointId = (db: string) => `checkpoint:${db}`;
const cutOffId = (account: string) => `cutoff:${account}`;

type StateDoc = { _id: string; _deleted?: boolean; [k: string]: unknown };

/** Write these documents over whatever revisions they have now (a deletion of a missing one is skipped); throws on a conflict. */
async function putMany(admin: CouchAdmin, docs: StateDoc[]) {
  if (docs.length === 0) return;
  const current = await admin.ok<AllDocsPage>('POST', `/${SERVER_DB}/_all_docs`, { keys: docs.map((d) => d._id) });
  const revs = new Map(current.rows.flatMap((r) => (r.value && !r.value.deleted ? [[r.key, r.value.rev] as const] : [])));
  const writes = docs.flatMap((d) => {
    const rev = revs.get(d._id);
    if (d._deleted && !rev) return [];
    return [rev ? { ...d, _rev: rev } : d];
  });
  if (writes.length === 0) return;
  const results = await admin.ok<BulkResult[]>('POST', `/${SERVER_DB}/_bulk_docs`, { docs: writes });
  const failed = results.filter((r) => r.error);
  if (failed.length) throw new Error(`server state: ${failed.map((f) => `${f.id} ${f.error}`).join(', ')}`);
}

export interface Home {
  groupKey: string;
  ended?: boolean;
  /** The participant's account (the one holding their `polku:self` role): what ending the participation takes it from. */
  account?: string;
}

export async function homeOf(admin: CouchAdmin, participantKey: string): Promise<Home | undefined> {
  const home = await readState<Home>(admin, homeId(participantKey));
  if (typeof home.groupKey !== 'string') return undefined;
  return { groupKey: home.groupKey, ...(home.ended ? { ended: true } : {}), ...(typeof home.account === 'string' ? { account: home.account } : {}) };
}

/** The participant's account, kept where only the server writes (their record's `username` is written by instructors too). */
export async function recordAccount(admin: CouchAdmin, participantKey: string, account: string) {
  const home = await homeOf(admin, participantKey);
  if (home) await putMany(admin, [{ _id: homeId(participantKey), ...home, account }]);
}

/** The participant belongs to `groupKey` now (enrolment or a move): their home, and a member of that group only. */
export async function setHome(admin: CouchAdmin, participantKey: string, groupKey: string) {
  const old = await homeOf(admin, participantKey);
  await putMany(admin, [
    { _id: homeId(participantKey), groupKey, ...(old?.account ? { account: old.account } : {}) },
    { _id: memberId(groupKey, participantKey) },
    ...(old && old.groupKey !== groupKey ? [{ _id: memberId(old.groupKey, participantKey), _deleted: true }] : []),
  ]);
}

/** The participation ended: no longer a member (nothing more reaches them); their home stays, as the record does. */
export async function endMembership(admin: CouchAdmin, participantKey: string) {
  const old = await homeOf(admin, participantKey);
  if (!old) return;
  await putMany(admin, [
    { _id: homeId(participantKey), ...old, ended: true },
    { _id: memberId(old.groupKey, participantKey), _deleted: true },
  ]);
}

const erasedId = (participantKey: string) => `erased:${participantKey}`;

/**
 * The participant is erased: recorded before anything is removed (so the gateway refuses
 * their documents from the first moment), and what the server state held about them (their
 * home with the account's name, their memberships, the relay's place in their database) goes.
 */
export async function recordErasure(admin: CouchAdmin, participantKey: string, at: string, by: string) {
  await putMany(admin, [{ _id: erasedId(participantKey), at, by }]);
}

export async function forgetParticipantState(admin: CouchAdmin, participantKey: string, groups: string[]) {
  await putMany(admin, [
    { _id: homeId(participantKey), _deleted: true },
    ...groups.map((g) => ({ _id: memberId(g, participantKey), _deleted: true })),
    { _id: checkpointId(participantScope(participantKey)), _deleted: true },
  ]);
}

/** Which of these participants have been erased (one request, whatever their number). */
export async function erasedAmong(admin: CouchAdmin, participantKeys: string[]): Promise<Set<string>> {
  if (participantKeys.length === 0) return new Set();
  const rows = await admin.ok<AllDocsPage>('POST', `/${SERVER_DB}/_all_docs`, { keys: participantKeys.map(erasedId) });
  return new Set(rows.rows.flatMap((r) => (r.value && !r.value.deleted ? [r.key.slice(erasedId('').length)] : [])));
}

/** The keys of the group's current participants. */
export async function membersOf(admin: CouchAdmin, groupKey: string): Promise<string[]> {
  const prefix = memberId(groupKey, '');
  const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const rows = await admin.ok<AllDocsPage>('GET', `/${SERVER_DB}/_all_docs?${range}`);
  return rows.rows.map((r) => r.key.slice(prefix.length));
}

export interface CutOff {
  at: string;
  reason: CutOffReason;
  /** The coordinator (or `operator`) who did it. */
  by: string;
  groupKey: string;
}

/** The account's cut-off, over any earlier one: the latest time is the one devices are measured against. */
export async function recordCutOff(admin: CouchAdmin, account: string, cutOff: CutOff) {
  await putMany(admin, [{ _id: cutOffId(account), ...cutOff }]);
}

export async function cutOffOf(admin: CouchAdmin, account: string): Promise<CutOff | undefined> {
  const found = await readState<CutOff>(admin, cutOffId(account));
  if (typeof found.at !== 'string' || Number.isNaN(Date.parse(found.at))) return undefined;
  return { at: found.at, reason: found.reason === 'accessEnded' ? 'accessEnded' : 'deviceLost', by: String(found.by ?? ''), groupKey: String(found.groupKey ?? '') };
}

/** How far the relay has carried a database, and the revision of that record (absent: never saved). */
export interface RelayCheckpoint {
  since: string;
  rev?: string;
}

export async function checkpointOf(admin: CouchAdmin, db: string): Promise<RelayCheckpoint> {
  const { since, _rev } = await readState<{ since: string; _rev: string }>(admin, checkpointId(db));
  return { since: since ?? '0', rev: _rev };
}

/**
 * Written over the revision read or saved last: one request, no read before it. Throws when
 * another relay wrote it meanwhile: the batch is then retried from the checkpoint read again
 * (copies are idempotent).
 */
export async function saveCheckpoint(admin: CouchAdmin, db: string, at: RelayCheckpoint, since: string): Promise<RelayCheckpoint> {
  const saved = await admin.ok<{ rev: string }>('PUT', `/${SERVER_DB}/${encodeURIComponent(checkpointId(db))}`, { since, ...(at.rev ? { _rev: at.rev } : {}) });
  return { since, rev: saved.rev };
}

/**
 * A carried-over checkpoint the server accepts and that is not past the database's end
 * (members could write the old one): otherwise the database is read from the start once,
 * which copies nothing twice.
 */
async function plausible(admin: CouchAdmin, db: string, since: string): Promise<boolean> {
  const changes = await admin.request('GET', `/${db}/_changes?since=${encodeURIComponent(since)}&limit=1`);
  if (changes.status !== 200) return false;
  // PouchDB Server's sequences are numbers; Apache CouchDB's are opaque, checked above only.
  const info = await admin.ok<{ update_seq?: unknown }>('GET', `/${db}`);
  return !(/^\d+$/.test(since) && typeof info.update_seq === 'number' && Number(since) > info.update_seq);
}

const LEGACY_HOME = '_local/polku-home';
const LEGACY_CHECKPOINT = '_local/polku-relay';
const CARRIED = 'relay-state-carried';

/**
 * Once, on a server started on data from before this state lived here: every participant's
 * home (`_local/polku-home` in their database) and membership (their group's record not
 * ended, as the relay used to read it), and every database's checkpoint
 * (`_local/polku-relay`), carried into the server state; the `_local` copies are then removed
 * so nothing reads them again.
 */
export async function carryOverLocalState(admin: CouchAdmin) {
  await ensureServerDb(admin);
  if ((await readState<{ done: boolean }>(admin, CARRIED)).done) return;
  const active = new Map<string, Set<string>>();
  const activeIn = async (groupKey: string) => {
    let keys = active.get(groupKey);
    if (!keys) {
      const range = `startkey=${encodeURIComponent('"participant:"')}&endkey=${encodeURIComponent('"participant:\ufff0"')}`;
      const r = await admin.request<AllDocsPage>('GET', `/${groupScope(groupKey)}/_all_docs?include_docs=true&${range}`);
      const rows = r.status === 200 ? r.body.rows : [];
      keys = new Set(rows.flatMap((row) => (row.doc && row.doc.status !== 'ended' ? [row.key.slice('participant:'.length)] : [])));
      active.set(groupKey, keys);
    }
    return keys;
  };
  for (const db of await admin.allDbs()) {
    if (!isScope(db)) continue;
    const writes: StateDoc[] = [];
    const participantKey = participantKeyOf(db);
    const home = participantKey ? await admin.request<{ _rev: string; groupKey?: unknown }>('GET', `/${db}/${LEGACY_HOME}`) : undefined;
    const homeGroup = home?.status === 200 && typeof home.body.groupKey === 'string' ? home.body.groupKey : undefined;
    if (participantKey && homeGroup && groupKeyOf(groupScope(homeGroup)) === homeGroup) {
      const member = (await activeIn(homeGroup)).has(participantKey);
      writes.push({ _id: homeId(participantKey), groupKey: homeGroup, ...(member ? {} : { ended: true }) });
      if (member) writes.push({ _id: memberId(homeGroup, participantKey) });
    }
    const checkpoint = await admin.request<{ _rev: string; since?: unknown }>('GET', `/${db}/${LEGACY_CHECKPOINT}`);
    const since = checkpoint.status === 200 && checkpoint.body.since !== undefined ? String(checkpoint.body.since) : undefined;
    if (since && (await plausible(admin, db, since))) writes.push({ _id: checkpointId(db), since });
    await putMany(admin, writes);
    if (home?.status === 200) await admin.request('DELETE', `/${db}/${LEGACY_HOME}?rev=${home.body._rev}`);
    if (checkpoint.status === 200) await admin.request('DELETE', `/${db}/${LEGACY_CHECKPOINT}?rev=${checkpoint.body._rev}`);
  }
  await writeState(admin, CARRIED, { done: true });
}

/** The account's device secret goes (a cut-off, an erasure): what it wrapped on any device no longer opens with it. */
export async function forgetDeviceSecret(admin: CouchAdmin, account: string) {
  await putMany(admin, [{ _id: `secret:${account}`, _deleted: true }]);
}

/** The account's device secret, made on first ask; two first asks at once agree on the one stored. */
export async function deviceSecretOf(admin: CouchAdmin, account: string): Promise<string> {
  const id = `secret:${account}`;
  const known = await readState<{ secret: string }>(admin, id);
  if (typeof known.secret === 'string') return known.secret;
  await writeState(admin, id, { secret: randomBytes(32).toString('base64') });
  const stored = await readState<{ secret: string }>(admin, id);
  if (typeof stored.secret !== 'string') throw new Error('device secret not stored');
  return stored.secret;
}
