import { setTimeout as sleep } from 'node:timers/promises';
import { checkDoc, routeToParticipants, travelsToGroup } from '../src/domain/index.ts';
import { mergeFields, type Clocked } from '../src/domain/merge.ts';
import { fromCouch, type AllDocsPage, type BulkResult, type Change, type ChangesPage, type CouchDoc } from '../src/wire/couch.ts';
import { groupKeyOf, groupScope, isScope, participantKeyOf, participantScope } from '../src/wire/scopes.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { checkpointOf, ensureServerDb, homeOf, membersOf, readState, saveCheckpoint, writeState, type RelayCheckpoint } from './server-state.ts';

/**
 * The relay moves documents between a group's database and its participants' databases,
 * so a participant's phone syncs one small database of its own and never sees another
 * participant's data or any note.
 *
 * - group → participant: what each document type's `reach` says (src/domain/doc-types:
 *   the schedule and the group's villages to everyone; a person's own attendance, rides,
 *   RSVPs and check-ins; their plan steps and goals while marked visible).
 * - participant → group: the types participants write (ride requests, RSVPs, check-ins).
 *
 * Copies are compared by content and merged field by field, so a batch repeated after a
 * crash writes nothing twice and a copy never echoes back as a new change. (Copying
 * revisions with `new_edits: false`, as replication does, is not possible here: PouchDB
 * Server's validation replaces the revision history of such writes and drops them.)
 * Progress is checkpointed per source database, and who belongs where is read, from the
 * server state (server-state.ts), which only server admins write: nothing a member writes
 * changes where the relay sends documents. Every document is checked against the domain's
 * schemas before it is copied; one that fails is left where it is and logged.
 *
 * Work is driven by which databases changed (the gateway reports every write it
 * forwards; Apache CouchDB's `_db_updates` feed adds writes made elsewhere), never by an
 * open connection per participant.
 */

/** The relay's place in `_db_updates`, kept where only server admins write (server-state.ts). */
const DB_UPDATES = 'relay-db-updates';

/** A document to bring up to date in a target, or to withdraw from it. */
interface Item {
  id: string;
  withdraw?: boolean;
}


export interface RelayOptions {
  batch?: number;
  /**
   * Databases relayed at once (a database is never relayed twice at once). One at a time,
   * a server with thousands of databases made or changed together (a new term's groups, a
   * relay catching up) left a group's write waiting behind all of them.
   */
  concurrency?: number;
  log?: (line: string) => void;
  /** Retry a database whose processing failed after this long. */
  retryMs?: number;
}

export class Relay {
  private readonly queue = new Set<string>();
  /** Databases being relayed now: one changed meanwhile waits in the queue for its turn. */
  private readonly active = new Set<string>();
  private readonly workers = new Set<Promise<void>>();
  private stopped = false;
  private followAbort = new AbortController();
  /** The `_db_updates` loop, awaited by `stop` so that nothing is written after it. */
  private following: Promise<void> | null = null;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  /**
   * Each database's checkpoint as this relay last read or saved it: a write relayed without
   * reading it first (one round trip less between an instructor's write and the phones).
   * Forgotten when relaying the database fails, for instance because another relay saved it.
   */
  private readonly checkpoints = new Map<string, RelayCheckpoint>();
  private readonly log: (line: string) => void;

  constructor(
    private readonly admin: CouchAdmin,
    private readonly options: RelayOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Catch up, then follow `_db_updates` where the server has it (Apache CouchDB). Catching
   * up reads only the databases changed since the position saved at the last run; the
   * first run, and a server without `_db_updates` (PouchDB Server), go through every
   * database once instead.
   */
  async start() {
    // Startable again after `stop`.
    this.stopped = false;
    this.followAbort = new AbortController();
    await ensureServerDb(this.admin);
    const now = await this.dbUpdates('now');
    if (!now) {
      for (const db of await this.admin.allDbs()) this.notify(db);
      return;
    }
    const { since } = await readState<{ since: string }>(this.admin, DB_UPDATES);
    if (since) {
      const missed = await this.dbUpdates(since);
      if (missed) {
        for (const db of missed.dbs) this.notify(db);
        this.following = this.followDbUpdates(missed.lastSeq);
        return;
      }
    }
    for (const db of await this.admin.allDbs()) this.notify(db);
    this.following = this.followDbUpdates(now.lastSeq);
  }

  /** The databases changed since `since` (`now`: none, only the current position); null without `_db_updates`. */
  private async dbUpdates(since: string, longpoll = false): Promise<{ dbs: Set<string>; lastSeq: string } | null> {
    const feed = longpoll ? '&feed=longpoll&timeout=55000' : '';
    const r = await this.admin
      .request<{ results?: { db_name: string; type?: string }[]; last_seq?: string }>('GET', `/_db_updates?since=${encodeURIComponent(since)}${feed}`, undefined, this.followAbort.signal)
      .catch(() => null);
    // PouchDB Server answers 400 (not implemented): the gateway's reports are enough there.
    if (!r || r.status !== 200 || !r.body.last_seq) return null;
    // Only scope databases: the relay's own saved place (polku-server) changing must not
    // count as news, or saving it would wake the relay to save it again, without end.
    const dbs = new Set((r.body.results ?? []).filter((u) => u.type !== 'deleted' && isScope(u.db_name)).map((u) => u.db_name));
    return { dbs, lastSeq: r.body.last_seq };
  }

  /** A database changed: relay what is new in it (coalesced; several databases at once, each one at a time). */
  notify(db: string) {
    if (this.stopped || !isScope(db)) return;
    this.queue.add(db);
    const limit = this.options.concurrency ?? 8;
    // A worker takes the next database not being relayed; the one relaying `db` takes it again when done.
    if (this.workers.size < limit && !this.active.has(db)) {
      const worker: Promise<void> = this.drain().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
  }

  /** Resolves when nothing is waiting (for tests and for a clean shutdown). */
  async idle(): Promise<void> {
    // A stopped relay drains nothing more: what is still queued waits for the next start.
    while (!this.stopped && (this.workers.size || this.queue.size)) await (this.workers.size ? Promise.race(this.workers) : new Promise((r) => setTimeout(r, 20)));
  }

  /**
   * Queue every scope database whose last change is past its checkpoint, and wait until
   * the relay is quiet: so a caller knows everything written so far has been carried.
   * Quiet is two looks `quietMs` apart that find nothing behind: on a cluster, a write that
   * 2 of 3 copies acknowledged reaches the third a moment later, and a look (or the relay's
   * read) may have come from that copy.
   */
  async settle(maxRounds = 12, quietMs = 150) {
    for (let round = 0, quiet = 0; round < maxRounds; round++) {
      await this.idle();
      const behind: string[] = [];
      for (const db of await this.admin.allDbs()) {
        if (!isScope(db)) continue;
        // Sequences are opaque (on Apache CouchDB a string per shard copy, spelled
        // differently by `update_seq` and `last_seq` for the same point): ask whether
        // anything follows the checkpoint instead of comparing them.
        const { since } = await checkpointOf(this.admin, db);
        const next = await this.admin.ok<ChangesPage>('GET', `/${db}/_changes?since=${encodeURIComponent(since)}&limit=1`);
        if (next.results.length > 0) behind.push(db);
      }
      if (behind.length === 0) {
        if (++quiet === 2) return;
        await sleep(quietMs);
        continue;
      }
      quiet = 0;
      for (const db of behind) this.notify(db);
    }
  }

  async stop() {
    this.stopped = true;
    this.followAbort.abort();
    for (const t of this.retryTimers) clearTimeout(t);
    await Promise.allSettled(this.workers);
    await this.following?.catch(() => undefined);
  }

  /** One worker: relay queued databases, skipping those another worker is relaying, until none is left. */
  private async drain() {
    for (;;) {
      const db = this.stopped ? undefined : this.nextWaiting();
      if (db === undefined) return;
      this.queue.delete(db);
      this.active.add(db);
      try {
        await this.process(db);
      } catch (error) {
        this.checkpoints.delete(db);
        this.log(`relay: ${db}: ${(error as Error).message}; retrying`);
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          this.notify(db);
        }, this.options.retryMs ?? 2_000);
        this.retryTimers.add(timer);
      } finally {
        this.active.delete(db);
      }
    }
  }

  private nextWaiting(): string | undefined {
    for (const db of this.queue) if (!this.active.has(db)) return db;
    return undefined;
  }

  /**
   * Follow `_db_updates`, saving the position once the databases it named are relayed, so
   * a restart (or another relay) resumes from there. A failed poll is retried after a
   * pause, never given up on: a node restarting must not stop the relay for good.
   */
  private async followDbUpdates(since: string) {
    await this.idle();
    // Stopped meanwhile: a stopped relay writes nothing more.
    if (this.stopped) return;
    let saved = !this.retryTimers.size && (await this.savePosition(since)) ? since : '';
    while (!this.stopped) {
      const update = await this.dbUpdates(since, true);
      if (this.stopped) return;
      if (!update) {
        await sleep(this.options.retryMs ?? 2_000, undefined, { signal: this.followAbort.signal }).catch(() => undefined);
        continue;
      }
      since = update.lastSeq;
      if (update.dbs.size === 0) continue;
      for (const db of update.dbs) this.notify(db);
      await this.idle();
      if (this.stopped) return;
      // Not while a database waits to be retried: a restart must not skip its change.
      if (since !== saved && !this.queue.size && !this.retryTimers.size) saved = (await this.savePosition(since)) ? since : saved;
    }
  }

  // Another relay may save meanwhile (409): then this one saves next time.
  private savePosition = (since: string) => writeState(this.admin, DB_UPDATES, { since });

  private async process(db: string) {
    let at = this.checkpoints.get(db) ?? (await checkpointOf(this.admin, db));
    const batch = this.options.batch ?? 200;
    const groupKey = groupKeyOf(db);
    for (;;) {
      // A group's members are read beside its changes, not after them: most of its changes go to them.
      const members = groupKey ? membersOf(this.admin, groupKey).then((keys) => keys.map(participantScope)) : undefined;
      members?.catch(() => undefined);
      const read = await this.admin.request<ChangesPage>(
        'GET',
        `/${db}/_changes?since=${encodeURIComponent(at.since)}&limit=${batch}&include_docs=true&style=all_docs`,
      );
      // Deleted since it was reported (a participation ended): nothing to carry, nothing to retry.
      if (read.status === 404) return;
      if (read.status >= 400) throw new Error(`read ${db}/_changes: ${read.status}`);
      const page = read.body;
      const plan = members ? this.fromGroup(await members, page.results) : await this.fromParticipant(db, page.results);
      // A group's participants' databases side by side; the page counts as done only when every copy is.
      const copied = await Promise.allSettled([...plan].map(([target, items]) => this.copy(db, target, items)));
      const failed = copied.find((c) => c.status === 'rejected');
      if (failed) throw failed.reason;
      // Nothing new: no checkpoint write (each write is one more update to wake a relay).
      if (page.results.length === 0) return;
      at = await saveCheckpoint(this.admin, db, at, String(page.last_seq));
      this.checkpoints.set(db, at);
      if (page.results.length < batch) return;
    }
  }

  /**
   * Which participant databases get which of these group changes: those of the group's
   * current participants (server state, not the group's records, which instructors write).
   * One whose database does not exist (yet) is passed over when copying.
   */
  private fromGroup(members: string[], changes: Change[]): Map<string, Item[]> {
    const plan = new Map<string, Item[]>();
    const routed = changes.map((c) => ({ id: c.id, route: routeToParticipants(c.id, c.doc, c.deleted === true) })).filter((c) => c.route.to !== 'nobody');
    const add = (target: string, item: Item) => {
      if (!members.includes(target)) return;
      plan.set(target, [...(plan.get(target) ?? []), item]);
    };
    for (const { id, route } of routed) {
      if (route.to === 'person') add(participantScope(route.participantKey), { id, withdraw: route.withdraw });
      else for (const target of members) add(target, { id, withdraw: route.to === 'withdrawEverywhere' });
    }
    return plan;
  }

  private async fromParticipant(db: string, changes: Change[]): Promise<Map<string, Item[]>> {
    const plan = new Map<string, Item[]>();
    const relevant = changes.filter((c) => travelsToGroup(c.id));
    if (relevant.length === 0) return plan;
    const participantKey = participantKeyOf(db);
    const home = participantKey ? await homeOf(this.admin, participantKey) : undefined;
    // An ended participation writes nothing more into its group.
    if (!home || home.ended) return plan;
    plan.set(
      groupScope(home.groupKey),
      relevant.map((c) => ({ id: c.id })),
    );
    return plan;
  }

  /**
   * Bring the target's copy up to the source's: a new document is created, an existing one
   * gets the field-by-field merge of both (domain/merge.ts), and nothing is written when
   * the target already holds that content — so a repeated batch writes nothing twice and a
   * copy never bounces back as a change. `scope` always follows the database.
   */
  private async copy(source: string, target: string, items: Item[]) {
    const ids = [...new Set(items.map((i) => i.id))];
    const withdraw = new Set(items.filter((i) => i.withdraw).map((i) => i.id));
    const [from, into] = await Promise.all([this.docsByIds(source, ids), this.docsByIds(target, ids)]);
    if (!into) return; // the participant's database is gone (participation ended)
    const writes: Record<string, unknown>[] = [];
    for (const id of ids) {
      const current = into.get(id);
      const wanted = withdraw.has(id) ? undefined : from?.get(id);
      if (!wanted) {
        if (current) writes.push({ _id: id, _rev: current._rev, _deleted: true });
        continue;
      }
      // Its fields and `_id`, nothing of the source's storage (revision, attachments, conflicts):
      // an attachment stub the target cannot resolve would stop the relay at this document.
      const { id: _sameAsId, ...fields } = fromCouch(wanted);
      const desired: CouchDoc = { _id: id, ...fields, scope: target };
      const refusal = this.refusal(source, desired);
      // What the whole group sees (a wish, its support) lies in every participant's database
      // as the relay's own copy, which does not go back: no attempt worth a log line.
      if (refusal === ABOUT_SOMEONE_ELSE && routeToParticipants(id, desired, false).to === 'everyone') continue;
      if (refusal) {
        this.log(`relay: ${source} → ${target}: ${id} not copied: ${refusal}`);
        continue;
      }
      if (!current) {
        writes.push(desired);
        continue;
      }
      const { _rev, _attachments: _none, ...held } = current;
      const merged = hasClock(held) && hasClock(desired) ? { ...mergeFields(held, desired), _id: id, scope: target } : desired;
      const mergedRefusal = this.refusal(source, merged);
      if (mergedRefusal) {
        this.log(`relay: ${source} → ${target}: ${id} not copied (merged with the copy there): ${mergedRefusal}`);
        continue;
      }
      if (!sameContent(merged, held)) writes.push({ ...merged, _rev });
    }
    if (writes.length === 0) return;
    const results = await this.admin.ok<BulkResult[]>('POST', `/${target}/_bulk_docs`, { docs: writes });
    const failed = results.filter((r) => r.error);
    // Someone wrote meanwhile (409): the whole batch is retried from the checkpoint.
    if (failed.length) throw new Error(`copy to ${target}: ${failed.map((f) => `${f.id} ${f.error}`).join(', ')}`);
  }

  /**
   * Why this document may not be copied, or undefined: it must pass the domain's schema,
   * and what comes from a participant's database must be of a type participants write and
   * be about that participant.
   */
  private refusal(source: string, doc: CouchDoc): string | undefined {
    const checked = checkDoc(fromCouch(doc));
    if (!checked.ok) return checked.problems.map((p) => `${p.path} ${p.key}`).join(', ');
    const participantKey = participantKeyOf(source);
    if (participantKey === undefined) return undefined;
    if (!travelsToGroup(doc._id)) return 'not a type participants write';
    if ((checked.value as { participantId?: string }).participantId !== `participant:${participantKey}`) return ABOUT_SOMEONE_ELSE;
    return undefined;
  }

  private async docsByIds(db: string, ids: string[]): Promise<Map<string, CouchDoc> | undefined> {
    const r = await this.admin.request<AllDocsPage>('POST', `/${db}/_all_docs?include_docs=true`, { keys: ids });
    if (r.status === 404) return undefined;
    if (r.status >= 400) throw new Error(`read ${db}: ${r.status}`);
    return new Map(r.body.rows.flatMap((row) => (row.doc && !row.doc._deleted ? [[row.key, row.doc] as const] : [])));
  }

  /** A participant's database was just created (enrolment or a move): give it what it should hold. */
  async backfill(groupKey: string, participantKey: string) {
    const rows = await this.admin.ok<AllDocsPage>('GET', `/${groupScope(groupKey)}/_all_docs?include_docs=true`);
    const items: Item[] = [];
    for (const { doc } of rows.rows) {
      if (!doc) continue;
      const route = routeToParticipants(doc._id, doc, false);
      if (route.to === 'everyone' || (route.to === 'person' && route.participantKey === participantKey && !route.withdraw)) items.push({ id: doc._id });
    }
    if (items.length) await this.copy(groupScope(groupKey), participantScope(participantKey), items);
  }
}

const ABOUT_SOMEONE_ELSE = 'about someone else';

const hasClock = (doc: Record<string, unknown>): doc is Record<string, unknown> & Clocked =>
  !!doc.clock && typeof doc.clock === 'object' && typeof doc.updatedAt === 'string' && typeof doc.createdAt === 'string';

/** Same fields and values, whatever their order. */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => k !== '_rev');
  const kb = Object.keys(b).filter((k) => k !== '_rev');
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
