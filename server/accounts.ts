import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  applyEdit,
  checkDoc,
  DEFAULT_GROUP_SETTINGS,
  groupScope,
  keyPattern,
  LANGUAGES,
  membershipsOf,
  newKey,
  ROLE,
  SCHEMA_VERSION,
  selfKeyOf,
  withMemberships,
  type StaffKind,
  type AnyDoc,
  type CutOffReason,
  type OneTimeCode,
  type Participant,
  type Problem,
} from '../src/domain/index.ts';
import type { AllDocsPage, BulkResult } from '../src/wire/couch.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { openScopeDb, participantSecurity, provisionGroup } from './design-docs.ts';
import { participantScope } from '../src/wire/scopes.ts';
import type { Relay } from './relay.ts';
import { cutOffOf, deviceSecretOf, endMembership, forgetDeviceSecret, ensureServerDb, forgetParticipantState, homeOf, readState, recordAccount, recordCutOff, recordErasure, setHome, writeState, type CutOff } from './server-state.ts';

/**
 * Accounts and scopes: what a coordinator does in the app (through the admin API) and an
 * operator does with `npm run admin`. Runs with server-admin credentials, so every input is
 * validated here and every caller is checked by the admin API before it gets this far.
 */

export class AccountError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly key: string,
    readonly problems: Problem[] = [],
  ) {
    super(key);
  }
}

export { userNameSchema } from '../src/domain/index.ts';
const CODE_TTL_MS = 14 * 86_400_000;

export type { OneTimeCode } from '../src/domain/index.ts';
/** The device named in the field clocks of the server's own edits. */
const SERVER_DEVICE = 'server';

type UserDoc = { _id: string; _rev?: string; name: string; roles: string[]; type: 'user'; polku_code?: { salt: string; hash: string; expiresAt: string; attempts?: number } };

const userPath = (name: string) => `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
const hashOf = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code.replace(/\D/g, '')}`).digest('hex');

function newCode(): string {
  const digits = Array.from({ length: 12 }, () => randomInt(10)).join('');
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

export class Accounts {
  constructor(
    private readonly admin: CouchAdmin,
    private readonly relay?: Relay,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async user(name: string): Promise<UserDoc | undefined> {
    const r = await this.admin.request<UserDoc>('GET', userPath(name));
    return r.status === 200 ? r.body : undefined;
  }

  /** The signed-in account's own device secret (never anyone else's: the caller is the session's user). */
  deviceSecret(account: string): Promise<string> {
    return deviceSecretOf(this.admin, account);
  }

  private async saveUser(doc: UserDoc & { password?: string }) {
    await this.admin.ok('PUT', userPath(doc.name), doc);
  }

  /** A new account with these roles, an unusable password and a one-time code. */
  private async createAccount(name: string, roles: string[]): Promise<OneTimeCode> {
    await this.saveUser({ _id: `org.couchdb.user:${name}`, name, type: 'user', roles, password: randomBytes(24).toString('base64url') });
    return this.issueCode(name);
  }

  /**
   * Make `name` staff of `groupKey` (or change their kind there). Only this membership
   * changes: one held elsewhere gives the caller no power over the account (SECURITY.md).
   * A new account gets a one-time code; a participant's account never becomes staff, and
   * is answered as a taken name, like enrolment answers it.
   */
  private async grant(name: string, groupKey: string, kind: StaffKind): Promise<OneTimeCode | undefined> {
    // The server admin's own name is never an account of ours.
    if (name === this.admin.name) throw new AccountError(409, 'srv.userExists');
    const existing = await this.user(name);
    if (!existing) return this.createAccount(name, withMemberships([], [{ group: groupKey, kind }]));
    // A participant's account, ended or not, never becomes staff: answered as a taken name.
    if (selfKeyOf(existing.roles) || existing.roles.includes(ROLE.participant)) throw new AccountError(409, 'srv.userExists');
    const others = membershipsOf(existing.roles).filter((m) => m.group !== groupKey);
    await this.saveUser({ ...existing, roles: withMemberships(existing.roles, [...others, { group: groupKey, kind }]) });
    return undefined;
  }

  /**
   * The groups an account belongs to: its staff memberships and, for a participant, their
   * home group while the participation lasts. Undefined when there is no such account.
   */
  async groupsOf(name: string): Promise<string[] | undefined> {
    const user = await this.user(name);
    if (!user) return undefined;
    const groups = membershipsOf(user.roles).map((m) => m.group);
    const self = selfKeyOf(user.roles);
    const home = self ? await homeOf(this.admin, self) : undefined;
    if (home && !home.ended) groups.push(home.groupKey);
    return [...new Set(groups)];
  }

  /** A new one-time code (first sign-in or a forgotten password); the old password stops working. */
  async issueCode(name: string): Promise<OneTimeCode> {
    const user = await this.user(name);
    if (!user) throw new AccountError(404, 'srv.noSuchUser');
    const code = newCode();
    const salt = randomBytes(12).toString('hex');
    const expiresAt = new Date(this.now().getTime() + CODE_TTL_MS).toISOString();
    await this.saveUser({ ...user, password: randomBytes(24).toString('base64url'), polku_code: { salt, hash: hashOf(salt, code), expiresAt } });
    return { name, code, expiresAt };
  }

  /**
   * The person sets their own password with the code they were given. Wrong tries are not
   * counted on the code (anyone could use it up so): the admin API throttles them per
   * person and client address instead. Nothing is written for a wrong try.
   */
  async claimCode(name: string, code: string, password: string) {
    if (password.length < 8) throw new AccountError(400, 'v.passwordTooShort');
    const user = await this.user(name);
    const stored = user?.polku_code;
    if (!user || !stored) throw new AccountError(403, 'srv.badCode');
    if (Date.parse(stored.expiresAt) < this.now().getTime()) throw new AccountError(403, 'srv.codeExpired');
    const given = Buffer.from(hashOf(stored.salt, code), 'hex');
    if (!timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) throw new AccountError(403, 'srv.badCode');
    const { polku_code: _used, ...rest } = user;
    // Another claim (or a new code) got there first: this code is spent.
    const saved = await this.admin.request('PUT', userPath(name), { ...rest, password });
    if (saved.status === 409) throw new AccountError(403, 'srv.badCode');
    if (saved.status >= 400) throw new Error(`PUT ${userPath(name)} → ${saved.status}`);
  }

  /**
   * Cut the account off (SECURITY.md, "Cut off from afar"): the cut-off is recorded (what
   * devices are told to wipe by), then the password becomes one nobody knows and any
   * outstanding one-time code goes, so that every session cookie made with the old one is
   * refused from now on; recorded again with the time after that, so that a sign-in with the
   * old password in between counts as before the cut-off too. 'accessEnded' also takes the
   * person's place in the group, as removing staff or ending a participation does.
   */
  async cutOff(name: string, groupKey: string, reason: CutOffReason, by: string): Promise<{ at: string }> {
    const found = name === this.admin.name ? undefined : await this.user(name);
    // No account, or a server admin's (roles of CouchDB's own): one answer for both.
    if (!found || found.roles.some((r) => r.startsWith('_'))) throw new AccountError(404, 'srv.notInGroup');
    const at = this.now().toISOString();
    await this.stateReady();
    await recordCutOff(this.admin, name, { at, reason, by, groupKey });
    if (reason === 'accessEnded') {
      const self = selfKeyOf(found.roles);
      const home = self ? await homeOf(this.admin, self) : undefined;
      if (self && home?.groupKey === groupKey && !home.ended) await this.end(self, groupKey, by);
    }
    // Read again: ending a participation has just changed the account.
    const user = (await this.user(name)) ?? found;
    const memberships = membershipsOf(user.roles);
    const roles = reason === 'accessEnded' ? withMemberships(user.roles, memberships.filter((m) => m.group !== groupKey)) : user.roles;
    const { polku_code: _void, ...rest } = user;
    await this.saveUser({ ...rest, roles, password: randomBytes(24).toString('base64url') });
    const after = this.now().toISOString();
    await recordCutOff(this.admin, name, { at: after, reason, by, groupKey });
    // Whoever still holds a session of the account (a stolen tablet's cookie) can no longer fetch what opens its data.
    await forgetDeviceSecret(this.admin, name);
    return { at: after };
  }

  /** The account's last cut-off, if it has one. */
  cutOffOf(name: string): Promise<CutOff | undefined> {
    return cutOffOf(this.admin, name);
  }

  async createGroup(input: { key?: string; name: string; municipality?: string }, by: string) {
    const key = input.key ?? newKey();
    if (!keyPattern.test(key)) throw new AccountError(400, 'v.id');
    const scope = groupScope(key);
    if ((await this.admin.allDbs()).includes(scope)) throw new AccountError(409, 'srv.exists');
    const doc = this.newDoc('group', scope, by, {
      id: `group:${key}`,
      name: input.name,
      ...(input.municipality ? { municipality: input.municipality } : {}),
      settings: DEFAULT_GROUP_SETTINGS,
      villages: [],
      instructors: [],
      coordinators: [by],
    });
    await provisionGroup(this.admin, key);
    await this.admin.put(scope, doc);
    await this.grant(by, key, 'coordinator').catch(() => undefined);
    return { key, scope };
  }

  async addStaff(groupKey: string, name: string, role: 'instructor' | 'coordinator'): Promise<OneTimeCode | undefined> {
    await this.requireGroup(groupKey);
    return this.grant(name, groupKey, role);
  }

  /** Only this group's membership goes; not staff of it (or no such account): one answer for both. */
  async removeStaff(groupKey: string, name: string) {
    const existing = await this.user(name);
    const memberships = existing ? membershipsOf(existing.roles) : [];
    if (!existing || !memberships.some((m) => m.group === groupKey)) throw new AccountError(404, 'srv.notInGroup');
    await this.saveUser({ ...existing, roles: withMemberships(existing.roles, memberships.filter((m) => m.group !== groupKey)) });
  }

  async enrol(
    groupKey: string,
    input: { username: string; displayName: string; homeVillage: string; language?: (typeof LANGUAGES)[number]; startDate?: string },
    by: string,
  ): Promise<{ participantKey: string; code?: OneTimeCode }> {
    await this.requireGroup(groupKey);
    if (input.username === this.admin.name || (await this.user(input.username))) throw new AccountError(409, 'srv.userExists');
    const participantKey = newKey();
    const doc = this.newDoc('participant', groupScope(groupKey), by, {
      id: `participant:${participantKey}`,
      groupKey,
      displayName: input.displayName,
      homeVillage: input.homeVillage,
      language: input.language ?? 'fi',
      status: 'active',
      startDate: input.startDate ?? this.now().toISOString().slice(0, 10),
      username: input.username,
    });
    await this.admin.put(groupScope(groupKey), doc);
    await this.openParticipantDb(participantKey, groupKey);
    const code = await this.createAccount(input.username, [ROLE.participant, ROLE.self(participantKey)]);
    await recordAccount(this.admin, participantKey, input.username);
    return { participantKey, code };
  }

  /** Give an existing roster entry (e.g. a walk-in) an account and a database of their own. */
  async openParticipantDb(participantKey: string, groupKey: string) {
    const db = participantScope(participantKey);
    await openScopeDb(this.admin, db, participantSecurity(participantKey, groupKey));
    await this.stateReady();
    await setHome(this.admin, participantKey, groupKey);
    await this.relay?.backfill(groupKey, participantKey);
  }

  /** Move to another group: the old group keeps its history, the new one starts a record. */
  async move(participantKey: string, fromGroup: string, toGroup: string, by: string) {
    await this.requireGroup(toGroup);
    const old = await this.participant(fromGroup, participantKey);
    if (!old) throw new AccountError(404, 'srv.noSuchParticipant');
    const day = this.now().toISOString().slice(0, 10);
    await this.save(this.edited(old.doc, { status: 'ended', movedTo: toGroup, endDate: day }, by), old.rev);
    // What the person is carries over; the old record's history (clocks, end, what followed
    // its end) does not. Sensitive items go as they are now: withdrawn ones are removed from a
    // record the person returns to, too.
    const { movedTo: _to, endDate: _end, movedFrom: _from, clock: _clock, esfExit: _exit, esfFollowUp: _followUp, ...person } = old.doc;
    const fresh: Partial<Participant> = { groupKey: toGroup, status: 'active', startDate: day, movedFrom: fromGroup };
    // Back to a group they were in before: that record goes on, edited like any other.
    const earlier = await this.participant(toGroup, participantKey);
    if (earlier) await this.save(this.edited(earlier.doc, { ...person, esfSensitive: person.esfSensitive, ...fresh, movedTo: undefined, endDate: undefined }, by), earlier.rev);
    else await this.admin.put(groupScope(toGroup), this.newDoc('participant', groupScope(toGroup), by, { ...person, ...fresh }));
    await this.admin.ok('PUT', `/${participantScope(participantKey)}/_security`, participantSecurity(participantKey, toGroup));
    await setHome(this.admin, participantKey, toGroup);
    await this.relay?.backfill(toGroup, participantKey);
  }

  /** End a participation: the record stays in the group; the account loses its access. */
  async end(participantKey: string, groupKey: string, by: string) {
    const current = await this.participant(groupKey, participantKey);
    if (!current) throw new AccountError(404, 'srv.noSuchParticipant');
    const day = this.now().toISOString().slice(0, 10);
    await this.save(this.edited(current.doc, { status: 'ended', endDate: day }, by), current.rev);
    const home = await homeOf(this.admin, participantKey);
    await endMembership(this.admin, participantKey);
    // The account the server recorded (the record's `username`, which instructors write, only
    // for participations from before it did), and only if it holds the participant's role.
    const name = home?.account ?? current.doc.username;
    const user = name ? await this.user(name) : undefined;
    if (user?.roles.includes(ROLE.self(participantKey))) await this.saveUser({ ...user, roles: user.roles.filter((r) => r !== ROLE.self(participantKey)) });
  }

  /**
   * The controller erases a participant (SECURITY.md, "Retention and erasure"): the erasure
   * is recorded first (the gateway refuses their documents from then on), their account and
   * their own database go, and every document about them — their record and everything with
   * their `participantId` — is deleted in every group they were in (the one given and those
   * their records' moves name), as a deletion with no fields, which devices take at their next
   * sync. Old revisions are compacted away. Answers how many documents were deleted.
   */
  async erase(participantKey: string, groupKey: string, by: string, mayErase: (group: string) => boolean = () => true): Promise<number> {
    await this.stateReady();
    const id = `participant:${participantKey}`;
    const groups = await this.groupsOfRecord(participantKey, groupKey);
    if (!groups.includes(groupKey)) throw new AccountError(404, 'srv.noSuchParticipant');
    // The moves a record names are written by staff: a coordinator erases only from groups they coordinate, every one of them.
    if (!groups.every(mayErase)) throw new AccountError(403, 'srv.notCoordinator');
    await recordErasure(this.admin, participantKey, this.now().toISOString(), by);
    const home = await homeOf(this.admin, participantKey);
    const record = await this.admin.request<{ username?: unknown }>('GET', `/${groupScope(groupKey)}/${encodeURIComponent(id)}`);
    // The account the server recorded; a name on the record (instructors write it) only if it holds this participant's role.
    const named = home?.account ?? (typeof record.body.username === 'string' ? record.body.username : undefined);
    const user = named && named !== this.admin.name ? await this.user(named) : undefined;
    if (user && (user.name === home?.account || user.roles.includes(ROLE.self(participantKey))) && membershipsOf(user.roles).length === 0) {
      await this.admin.ok('DELETE', `${userPath(user.name)}?rev=${encodeURIComponent(user._rev!)}`);
      await forgetDeviceSecret(this.admin, user.name);
    }
    await forgetParticipantState(this.admin, participantKey, [...new Set([...groups, ...(home ? [home.groupKey] : [])])]);
    const own = await this.admin.request('DELETE', `/${participantScope(participantKey)}`);
    if (own.status >= 400 && own.status !== 404) throw new Error(`delete ${participantScope(participantKey)}: ${own.status}`);
    // Whatever the relay was carrying from their database is written before the sweep.
    await this.relay?.idle();
    let removed = 0;
    for (const g of groups) {
      removed += await this.deleteAbout(groupScope(g), id);
      await this.admin.request('POST', `/${groupScope(g)}/_compact`, {});
      // Copies in other participants' databases (what the whole group sees) are withdrawn.
      this.relay?.notify(groupScope(g));
    }
    return removed;
  }

  /** The groups holding a record of this participant: from `groupKey`, along the moves the records name. */
  private async groupsOfRecord(participantKey: string, groupKey: string): Promise<string[]> {
    const found: string[] = [];
    const seen = new Set<string>();
    const next = [groupKey];
    while (next.length) {
      const g = next.pop()!;
      if (seen.has(g) || !keyPattern.test(g)) continue;
      seen.add(g);
      const r = await this.admin.request<{ movedFrom?: unknown; movedTo?: unknown }>('GET', `/${groupScope(g)}/${encodeURIComponent(`participant:${participantKey}`)}`);
      if (r.status !== 200) continue;
      found.push(g);
      for (const other of [r.body.movedFrom, r.body.movedTo]) if (typeof other === 'string') next.push(other);
    }
    return found;
  }

  /** Delete every document about `participantId` in `db` (its record too), read in pages; again while a write comes between. */
  private async deleteAbout(db: string, participantId: string): Promise<number> {
    let removed = 0;
    for (let round = 0; round < 5; round++) {
      const doomed: { _id: string; _rev: string; _deleted: true }[] = [];
      let startkey: string | undefined;
      for (;;) {
        const from = startkey === undefined ? '' : `&startkey=${encodeURIComponent(JSON.stringify(startkey))}&skip=1`;
        const page = await this.admin.ok<AllDocsPage>('GET', `/${db}/_all_docs?include_docs=true&limit=1000${from}`);
        for (const { key, doc } of page.rows) {
          if (doc && (key === participantId || doc.participantId === participantId)) doomed.push({ _id: key, _rev: String(doc._rev), _deleted: true });
        }
        if (page.rows.length < 1000) break;
        startkey = page.rows[page.rows.length - 1]!.key;
      }
      if (doomed.length === 0) return removed;
      const results = await this.admin.ok<BulkResult[]>('POST', `/${db}/_bulk_docs`, { docs: doomed });
      removed += results.filter((r) => r.ok).length;
      if (results.every((r) => r.ok)) return removed;
    }
    throw new Error(`erase in ${db}: documents kept changing`);
  }

  /** A participant's record in a group, as the domain sees it (checked), with its revision. */
  private async participant(groupKey: string, participantKey: string): Promise<{ doc: Participant; rev: string } | undefined> {
    const r = await this.admin.request<{ _id: string; _rev: string }>('GET', `/${groupScope(groupKey)}/${encodeURIComponent(`participant:${participantKey}`)}`);
    if (r.status !== 200) return undefined;
    const { _id, _rev, ...fields } = r.body;
    const checked = checkDoc({ ...fields, id: _id });
    if (!checked.ok) throw new AccountError(400, 'srv.badDocument', checked.problems);
    if (checked.value.type !== 'participant') throw new AccountError(400, 'srv.badDocument');
    return { doc: checked.value, rev: _rev };
  }

  /** The app's edit rules: changed fields get a fresh clock, then the whole document is checked. */
  private edited(doc: Participant, changes: Partial<Participant>, by: string): AnyDoc {
    const checked = checkDoc(applyEdit(doc, changes, { user: by, device: SERVER_DEVICE, now: this.now() }));
    if (!checked.ok) throw new AccountError(400, 'srv.badDocument', checked.problems);
    return checked.value;
  }

  private async save(doc: AnyDoc, rev: string) {
    const { id, ...fields } = doc;
    await this.admin.ok('PUT', `/${fields.scope}/${encodeURIComponent(id)}`, { _id: id, _rev: rev, ...fields });
  }

  async groupOfParticipant(participantKey: string): Promise<string | undefined> {
    return (await homeOf(this.admin, participantKey))?.groupKey;
  }

  private ready?: Promise<void>;
  /** The server state exists before the first home is written (the admin CLI may run before any start). */
  private stateReady() {
    this.ready ??= ensureServerDb(this.admin);
    return this.ready;
  }

  private async requireGroup(groupKey: string) {
    if (!keyPattern.test(groupKey) || !(await this.admin.allDbs()).includes(groupScope(groupKey))) {
      throw new AccountError(404, 'srv.noSuchGroup');
    }
  }

  private newDoc(type: string, scope: string, by: string, fields: Record<string, unknown>) {
    const at = this.now().toISOString();
    const doc = { ...fields, type, scope, schemaVersion: SCHEMA_VERSION, createdAt: at, updatedAt: at, createdBy: by, updatedBy: by, clock: {} };
    const checked = checkDoc(doc);
    if (!checked.ok) throw new AccountError(400, 'srv.badDocument', checked.problems);
    const { id, ...rest } = checked.value;
    return { _id: id, ...rest };
  }
}

const PER_GROUP = 'accounts-per-group';

/**
 * Once, on a server whose accounts predate per-group roles (global `polku:coordinator` /
 * `polku:instructor` beside `polku:group:<key>`): each account's kind in each of its groups.
 * One kind: that kind in every group. Both: coordinator where the group's record lists
 * them as a coordinator, instructor elsewhere (the narrower reading).
 */
export async function migrateToPerGroupRoles(admin: CouchAdmin) {
  await ensureServerDb(admin);
  if ((await readState<{ done: boolean }>(admin, PER_GROUP)).done) return;
  const listedCoordinators = new Map<string, string[]>();
  const coordinatorsOf = async (groupKey: string) => {
    if (!listedCoordinators.has(groupKey)) {
      const r = await admin.request<{ coordinators?: unknown }>('GET', `/${groupScope(groupKey)}/${encodeURIComponent(`group:${groupKey}`)}`);
      listedCoordinators.set(groupKey, r.status === 200 && Array.isArray(r.body.coordinators) ? r.body.coordinators.filter((c): c is string => typeof c === 'string') : []);
    }
    return listedCoordinators.get(groupKey)!;
  };
  let startkey = JSON.stringify('org.couchdb.user:');
  for (;;) {
    const page = await admin.ok<{ rows: { key: string; doc?: UserDoc }[] }>(
      'GET',
      `/_users/_all_docs?include_docs=true&limit=500&startkey=${encodeURIComponent(startkey)}&endkey=${encodeURIComponent(JSON.stringify('org.couchdb.user:\ufff0'))}`,
    );
    const rows = page.rows.filter((r) => JSON.stringify(r.key) !== startkey);
    for (const { doc } of rows) {
      if (!doc?.roles || membershipsOf(doc.roles).length) continue;
      const coordinator = doc.roles.includes(ROLE.coordinator);
      const instructor = doc.roles.includes(ROLE.instructor);
      const groups = doc.roles.flatMap((r) => (r.startsWith(ROLE.group('')) ? [r.slice(ROLE.group('').length)] : [])).filter((g) => keyPattern.test(g));
      if ((!coordinator && !instructor) || groups.length === 0) continue;
      const memberships = [];
      for (const group of groups) {
        const kind: StaffKind = coordinator && (!instructor || (await coordinatorsOf(group)).includes(doc.name)) ? 'coordinator' : 'instructor';
        memberships.push({ group, kind });
      }
      await admin.ok('PUT', userPath(doc.name), { ...doc, roles: withMemberships(doc.roles, memberships) });
    }
    if (rows.length === 0) break;
    startkey = JSON.stringify(rows[rows.length - 1]!.key);
  }
  await writeState(admin, PER_GROUP, { done: true });
}
