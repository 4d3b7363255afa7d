import { checkDoc, DOC_TYPE_SPECS, isAppendOnly, type Organisation, isDocType, isPastRetention, mergeFields, privacyOf, retentionCutoff, specNamed, type AnyDoc, type Problem } from '../../domain/index.ts';
import { typeOfId } from '../../wire/couch.ts';
import { groupKeyOf } from '../../wire/scopes.ts';
import type { PolkuDatabase } from '../database.ts';
import { checkpointId, mergeId, ofKind, quarantineId, type CheckpointRecord, type QuarantineRecord } from '../local-records.ts';
import { localCutoff, localOrganisation, removeLocally } from '../retention.ts';
import { editableOf, fromCouch, pkOf, toCouch, toRow, type StoredDoc } from '../stored.ts';
import { SYNC_CHANGES_MAX_LIMIT, SYNC_CHANGES_MAX_SCOPES, SYNC_CHANGES_PATH, type SyncChangesPart } from '../../wire/sync-changes.ts';
import { SYNC_CHECK_PATH, type SyncCheckRequest } from '../../wire/sync-check.ts';
import { CouchError, type ChangesPage, type CouchClient, type CouchDoc } from './couch-client.ts';

/** The types a group's first sync brings first: the start screen is usable before the rest of a year has arrived. */
const START_SCREEN_PREFIXES = DOC_TYPE_SPECS.filter((s) => s.startScreen).map((s) => `${s.name}:`);

/** A deletion only the server makes (a participant's record): the controller's erasure of everything about the person. */
const isErasure = (id: string) => specNamed(typeOfId(id))?.deletedByServerOnly === true;

export interface ScopeReport {
  scope: string;
  pushed: number;
  refused: number;
  merged: number;
  pulled: number;
  quarantined: number;
  /** Response bytes this scope's round received. */
  bytes: number;
}

export interface SyncScopeOptions {
  /** False: send only. */
  pull?: boolean;
  /** The server's version of the scope when this began (sync-check), or how to ask for it. */
  version?: string | (() => string | undefined);
  /** A group's first pull reads the start screen's documents first (the default); false where they would only add requests. */
  startScreenFirst?: boolean;
}

export interface SyncEngineOptions {
  pushBatch?: number;
  /** The first page of changes; pages double while more keep coming, up to `pullBatchMax`. */
  pullBatch?: number;
  pullBatchMax?: number;
  now?: () => Date;
}

type CheckpointPatch = Partial<Pick<CheckpointRecord, 'since' | 'lastSyncAt' | 'version'>>;

/** A scope's page of changes to store, what it brought, and (for a read to the scope's end) what its checkpoint then says. */
interface StoredPage {
  scope: string;
  page: ChangesPage;
  report: ScopeReport;
  done?: CheckpointPatch;
}

/** Documents a scope's read brought, and the report they are counted in. */
interface RemotePart {
  scope: string;
  docs: CouchDoc[];
  report: ScopeReport;
}

/** A scope to pull, with the server's version of it when the round began (sync-check). */
export interface ScopeToPull {
  scope: string;
  version?: string;
}

/** What a read of several scopes stored (a report each) and the scopes still to pull on their own. */
export interface ManyRead {
  reports: ScopeReport[];
  rest: string[];
}

export const emptyReport = (scope: string): ScopeReport => ({ scope, pushed: 0, refused: 0, merged: 0, pulled: 0, quarantined: 0, bytes: 0 });

const MAX_PUSH_PASSES = 5;
const RAW_LIMIT = 4000;

const revGeneration = (rev: string | undefined) => (rev ? Number.parseInt(rev, 10) || 0 : 0);

export class SyncEngine {
  private readonly pushBatchMax: number;
  private pushBatch: number;
  private readonly pullBatch: number;
  private readonly pullBatchMax: number;

  constructor(
    private readonly db: PolkuDatabase,
    private readonly client: CouchClient,
    private readonly options: SyncEngineOptions = {},
  ) {
    this.pushBatchMax = options.pushBatch ?? 200;
    this.pushBatch = this.pushBatchMax;
    this.pullBatch = options.pullBatch ?? 1000;
    this.pullBatchMax = Math.max(this.pullBatch, options.pullBatchMax ?? 4000);
  }

  private now() {
    return (this.options.now ?? (() => new Date()))();
  }

  /**
   * Send what waits in the scope, then (unless `pull` is false) take what is new there. With
   * `version` (the server's version of the scope when this began, sync-check), a complete
   * pull remembers it: while the server's version stays the same, nothing needs pulling.
   */
  async syncScope(scope: string, signal?: AbortSignal, opts: SyncScopeOptions = {}): Promise<ScopeReport> {
    const report = emptyReport(scope);
    const bytesBefore = this.client.bytesReceived(scope);
    await this.push(scope, report, signal);
    const { version } = opts;
    const pulledAt = opts.pull === false ? undefined : await this.pull(scope, report, signal, typeof version === 'function' ? version : () => version, opts.startScreenFirst !== false);
    report.bytes = this.client.bytesReceived(scope) - bytesBefore;
    await this.saveCheckpoint(scope, { lastSyncAt: this.now().toISOString(), ...(pulledAt !== undefined ? { version: pulledAt } : {}) });
    return report;
  }

  /** Which of these scopes have local changes waiting to be sent (counted on the (syncState, scope) index: no document is read). */
  async scopesWithPending(scopes: readonly string[]): Promise<Set<string>> {
    const counts = await Promise.all(scopes.map((scope) => this.db.docs.count({ selector: { syncState: 'pending', scope } }).exec()));
    return new Set(scopes.filter((_, i) => counts[i]! > 0));
  }

  /** How far each scope was pulled: its changes' checkpoint (absent: never pulled here) and the version it was last pulled at (sync-check). */
  async pullState(scopes: readonly string[]): Promise<Map<string, { since?: string; version?: string }>> {
    const records = await this.checkpoints(scopes);
    return new Map(scopes.map((scope) => [scope, { since: records.get(scope)?.since, version: records.get(scope)?.version }]));
  }

  /** Scopes the server said were unchanged: synced as of now, without a request. */
  async markChecked(scopes: readonly string[]) {
    if (scopes.length === 0) return;
    const at = this.now().toISOString();
    const records = await this.checkpoints(scopes);
    await this.db.local.bulkUpsert(scopes.map((scope) => ({ ...(records.get(scope) ?? { id: checkpointId(scope), kind: 'checkpoint' as const, scope }), lastSyncAt: at })));
  }

  private async checkpoints(scopes: readonly string[]): Promise<Map<string, CheckpointRecord>> {
    const records = await this.db.local.findByIds(scopes.map(checkpointId)).exec();
    return new Map(scopes.flatMap((scope) => {
      const record = records.get(checkpointId(scope));
      return record ? ofKind('checkpoint', record.toMutableJSON()).map((c) => [scope, c] as const) : [];
    }));
  }

  // ---- push -------------------------------------------------------------------------

  private async pendingDocs(scope: string, limit: number): Promise<StoredDoc[]> {
    const docs = await this.db.docs.find({ selector: { syncState: 'pending', scope }, limit }).exec();
    return docs.map((d) => d.toMutableJSON());
  }

  private async push(scope: string, report: ScopeReport, signal?: AbortSignal) {
    // Each pass sends what is pending; conflicts merged in one pass are sent in the next.
    for (let pass = 0; pass < MAX_PUSH_PASSES; pass++) {
      const batch = await this.pendingDocs(scope, this.pushBatch);
      if (batch.length === 0) return;
      let results;
      try {
        results = await this.client.bulkDocs(scope, batch.map(toCouch), signal);
      } catch (error) {
        if (error instanceof CouchError && error.kind === 'tooLarge') {
          if (this.pushBatch > 1) {
            this.pushBatch = Math.max(1, Math.floor(this.pushBatch / 2));
            pass--;
            continue;
          }
          const only = batch[0]!;
          await this.markRefused(only, 'tooLarge');
          report.refused++;
          continue;
        }
        throw error;
      }
      this.pushBatch = Math.min(this.pushBatchMax, this.pushBatch * 2);
      let conflicts = 0;
      let signedOut = false;
      // Matched by id: PouchDB Server does not always answer in the order the documents were sent.
      const sentById = new Map(batch.map((doc) => [doc.id, doc]));
      for (const result of results) {
        const sent = sentById.get(result.id);
        if (!sent) continue;
        if (result.error === 'unauthorized') {
          // Not a verdict on the document: the session is gone (PouchDB Server answers an
          // anonymous _bulk_docs per document). It stays pending until the person signs in.
          signedOut = true;
        } else if (result.ok && result.rev) {
          await this.markSynced(sent, result.rev);
          report.pushed++;
        } else if (result.error === 'conflict') {
          conflicts++;
          if (await this.resolveConflict(scope, sent.id, signal)) report.merged++;
        } else if (result.error === 'forbidden' && !sent.couchRev && (await this.resolveConflict(scope, sent.id, signal))) {
          // Someone created the same document first (PouchDB Server validates before it
          // checks for a conflict, so this comes back as "not the author"): merge, retry.
          conflicts++;
          report.merged++;
        } else {
          await this.markRefused(sent, result.reason ?? result.error ?? 'forbidden');
          report.refused++;
        }
      }
      if (signedOut) throw new CouchError('auth', 401, 'unauthorized');
      if (conflicts === 0 && batch.length < this.pushBatch) return;
    }
  }

  /** Synced only if nothing changed locally while the request was in flight. */
  private async markSynced(sent: StoredDoc, rev: string) {
    const rx = await this.db.docs.findOne(sent.pk).exec();
    await rx?.incrementalModify((stored) => {
      const unchanged = stored.updatedAt === sent.updatedAt;
      const next: StoredDoc = { ...stored, couchRev: rev };
      if (unchanged) {
        next.syncState = 'synced';
        delete next.syncError;
      }
      return next;
    });
  }

  private async markRefused(sent: StoredDoc, reason: string) {
    const rx = await this.db.docs.findOne(sent.pk).exec();
    await rx?.incrementalModify((stored) =>
      stored.updatedAt === sent.updatedAt ? { ...stored, syncState: 'refused', syncError: reason.slice(0, 500) } : stored,
    );
  }

  /** The server has a newer revision: merge it field by field into ours and keep ours pending. */
  private async resolveConflict(scope: string, id: string, signal?: AbortSignal): Promise<boolean> {
    const remote = await this.client.getDoc(scope, id, signal);
    if (!remote) return false;
    await this.applyRemote([{ scope, docs: [remote], report: emptyReport(scope) }]);
    return true;
  }

  // ---- pull -------------------------------------------------------------------------

  /**
   * Take what is new in the scope. Returned is a version of the scope this complete pull has
   * read up to: the one the gateway sent with the last page, else `version()` as known when
   * the last page was asked for (the sync check's, from before).
   */
  private async pull(scope: string, report: ScopeReport, signal: AbortSignal | undefined, version: () => string | undefined, startScreenFirst: boolean): Promise<string | undefined> {
    let since = (await this.checkpoint(scope))?.since ?? '0';
    // The first pull of a scope finds next to nothing stored: insert first, combine on clashes.
    const firstPull = since === '0';
    let limit = this.pullBatch;
    let asked = version();
    let next = this.client.changes(scope, since, limit, signal);
    // Asked beside the first page, not before it: one round trip less on a field link.
    const cutoffNow = this.retentionCutoff(scope, firstPull, signal);
    next.catch(() => undefined);
    // A group's first sync on a slow link: its record and sessions (small) travel beside the
    // first page (a year's first page is a thousand changes) and are stored first.
    let startScreen = firstPull && startScreenFirst && groupKeyOf(scope) ? this.startScreenFirst(scope, report, signal) : undefined;
    const cutoff = await cutoffNow;
    for (;;) {
      const page = await next;
      // Stored before any page, so a page's newer revision or deletion always comes after it.
      await startScreen;
      startScreen = undefined;
      const more = page.results.length >= limit && page.pending !== 0;
      if (more) {
        // A first sync has far to go: larger pages mean fewer round trips, and the next page
        // travels while this one is being stored. Its checkpoint is saved only after.
        limit = Math.min(limit * 2, this.pullBatchMax);
        asked = version();
        next = this.client.changes(scope, String(page.last_seq), limit, signal);
        next.catch(() => undefined); // awaited in the next turn; not unhandled if this one fails
      }
      await this.storePages([{ scope, page, report }], cutoff, firstPull);
      since = String(page.last_seq);
      // The gateway's version of the scope just before it read this last page is one it surely holds.
      if (!more) return page.version ?? asked;
    }
  }

  /**
   * What the start screen shows of a group, read by id and stored ahead of its changes. The
   * changes bring the same revisions again (kept as they are) and everything else. A failure
   * here costs nothing: the changes bring these too.
   */
  private async startScreenFirst(scope: string, report: ScopeReport, signal: AbortSignal | undefined): Promise<void> {
    try {
      const docs = (await Promise.all(START_SCREEN_PREFIXES.map((prefix) => this.client.docsWithPrefix(scope, prefix, signal)))).flat();
      await this.applyRemote([{ scope, docs, report }], true);
    } catch {
      // Whatever it was (the link, a full device), the first page meets it again and says so.
    }
  }

  /**
   * Pages of changes stored, each scope's checkpoint moved to its page's end (and `done` added
   * to it). Several scopes' pages are stored in one write: a coordinator's 20 groups one by one
   * took 20 writes, each read again by every open query (550 ms of a 1.1 s round).
   */
  private async storePages(pages: readonly StoredPage[], cutoff: string, firstPull: boolean) {
    const parts = pages.map(({ scope, page, report }) => {
      const docs: CouchDoc[] = [];
      const deleted: string[] = [];
      for (const change of page.results) {
        if (change.id.startsWith('_design/') || change.id.startsWith('_local/')) continue;
        if (change.deleted || change.doc?._deleted) {
          deleted.push(change.id);
          continue;
        }
        // Past the retention period: not stored here (purgeExpired would remove it again).
        if (change.doc && !isPastRetention(change.doc, cutoff)) docs.push(change.doc);
      }
      return { scope, docs, deleted, report };
    });
    await this.applyRemote(parts, firstPull);
    for (const { scope, deleted } of parts) await this.applyDeletions(scope, deleted);
    await this.saveCheckpoints(pages.map(({ scope, page, done }) => [scope, { since: String(page.last_seq), ...done }]));
  }

  /**
   * Scopes pulled here before, each with the server's version when this began: their next
   * pages in one request (the gateway's many-scope read). Returned are the reports of what
   * was stored, and `rest`: the scopes still to pull on their own — one with more to come, a
   * refused one (its own request tells what the refusal means), or all of them where the
   * gateway has no such read.
   */
  async pullMany(scopes: readonly ScopeToPull[], signal?: AbortSignal): Promise<ManyRead> {
    const reports: ScopeReport[] = [];
    const rest: string[] = [];
    for (let i = 0; i < scopes.length; i += SYNC_CHANGES_MAX_SCOPES) {
      const part = await this.pullManyAtOnce(scopes.slice(i, i + SYNC_CHANGES_MAX_SCOPES), signal);
      reports.push(...part.reports);
      rest.push(...part.rest);
    }
    return { reports, rest };
  }

  /** Changes a scope's part of a many-scope read (or of the sync check's answer) holds. */
  private get manyLimit() {
    return Math.min(this.pullBatch, SYNC_CHANGES_MAX_LIMIT);
  }

  /**
   * What the sync check is asked with (server/sync-check.ts): the scopes pulled here before,
   * where each was read to and at which version, so that its answer brings the next changes
   * of those that changed — a device back in range has them in the round's first request.
   */
  async checkAsk(scopes: readonly string[]): Promise<SyncCheckRequest> {
    const records = await this.checkpoints(scopes);
    const pulled: SyncCheckRequest['pulled'] = {};
    for (const scope of scopes) {
      const record = records.get(scope);
      if (record?.since === undefined || Object.keys(pulled).length === SYNC_CHANGES_MAX_SCOPES) continue;
      pulled[scope] = { since: record.since, ...(record.version !== undefined ? { version: record.version } : {}) };
    }
    // The answer to this question counts from here (its bytes are shared by what it carried).
    this.checkBytesSeen = this.client.bytesReceived(SYNC_CHECK_PATH);
    return { pulled, limit: this.manyLimit };
  }

  private checkBytesSeen = 0;

  /**
   * What the sync check's answer brought for the scopes it was asked about, stored as a
   * many-scope read's is (`pullMany`), each scope with the server's version when this began.
   * A scope whose checkpoint moved since the question goes on its own, as does one with
   * more to come or refused.
   */
  async storeCarried(carried: Record<string, SyncChangesPart>, asked: SyncCheckRequest, scopes: readonly ScopeToPull[]): Promise<ManyRead> {
    const records = await this.checkpoints(scopes.map((s) => s.scope));
    const since = new Map(scopes.flatMap(({ scope }) => {
      const at = records.get(scope)?.since;
      return at !== undefined && at === asked.pulled[scope]?.since ? [[scope, at] as const] : [];
    }));
    const bytes = this.client.bytesReceived(SYNC_CHECK_PATH) - this.checkBytesSeen;
    return this.storeParts(scopes, since, carried, asked.limit, bytes);
  }

  private async pullManyAtOnce(scopes: readonly ScopeToPull[], signal?: AbortSignal): Promise<ManyRead> {
    const limit = this.manyLimit;
    const records = await this.checkpoints(scopes.map((s) => s.scope));
    const since = new Map(scopes.flatMap(({ scope }) => {
      const at = records.get(scope)?.since;
      return at === undefined ? [] : [[scope, at] as const];
    }));
    const bytesBefore = this.client.bytesReceived(SYNC_CHANGES_PATH);
    const answer = since.size ? await this.client.changesOf(Object.fromEntries(since), limit, signal) : undefined;
    if (!answer) return { reports: [], rest: scopes.map((s) => s.scope) };
    return this.storeParts(scopes, since, answer.results, limit, this.client.bytesReceived(SYNC_CHANGES_PATH) - bytesBefore);
  }

  /**
   * Each scope's part of a many-scope read, read from `since`, stored in one write: returned
   * are the reports of what was stored and the scopes still to pull on their own.
   */
  private async storeParts(
    scopes: readonly ScopeToPull[],
    since: ReadonlyMap<string, string>,
    parts: Record<string, SyncChangesPart>,
    limit: number,
    bytes: number,
  ): Promise<ManyRead> {
    const pages = new Map(Object.entries(parts).flatMap(([scope, part]) => ('error' in part ? [] : [[scope, part] as const])));
    // The answer's bytes are shared by the scopes as their changes were (for progress and the arrival summary).
    const changes = [...pages.values()].reduce((n, page) => n + page.results.length, 0);
    const cutoff = await localCutoff(this.db, this.now());
    const rest: string[] = [];
    const stored: StoredPage[] = [];
    const at = this.now().toISOString();
    for (const { scope, version } of scopes) {
      const page = since.has(scope) ? pages.get(scope) : undefined;
      if (!page) {
        rest.push(scope);
        continue;
      }
      const report = { ...emptyReport(scope), bytes: changes ? Math.round((bytes * page.results.length) / changes) : 0 };
      // A scope with more to come goes on alone; one read to its end is synced as of the version asked with.
      const more = page.results.length >= limit && page.pending !== 0;
      if (more) rest.push(scope);
      stored.push({ scope, page, report, ...(more ? {} : { done: { lastSyncAt: at, ...(version !== undefined ? { version } : {}) } }) });
    }
    await this.storePages(stored, cutoff, false);
    return { reports: stored.map((p) => p.report), rest };
  }

  /** Merges made while combining, written down afterwards so people can see them (timeline). */
  private merges: { scope: string; docId: string; with: string }[] = [];

  private async recordMerges() {
    const at = this.now().toISOString();
    const records = this.merges.splice(0).map((m) => ({ id: mergeId(m.scope, m.docId, at), kind: 'merge' as const, ...m, at }));
    if (records.length) await this.db.local.bulkUpsert(records);
  }

  /** Store documents that came from the server (of one or more scopes, in one write): validated, merged with local edits, or quarantined. */
  private async applyRemote(parts: readonly RemotePart[], firstPull = false) {
    try {
      await this.applyRemoteDocs(parts, firstPull);
    } finally {
      await this.recordMerges();
    }
  }

  private async applyRemoteDocs(parts: readonly RemotePart[], firstPull: boolean) {
    const valid: { scope: string; report: ScopeReport; doc: AnyDoc; rev: string }[] = [];
    for (const { scope, docs, report } of parts) {
      for (const raw of docs) {
        const checked = checkDoc(fromCouch(raw));
        const problems: Problem[] = !checked.ok ? checked.problems : checked.value.scope !== scope ? [{ path: 'scope', key: 'srv.wrongScope' }] : [];
        if (!checked.ok || problems.length) {
          await this.quarantine(scope, raw, problems);
          report.quarantined++;
          continue;
        }
        valid.push({ scope, report, doc: checked.value, rev: raw._rev ?? '' });
      }
    }
    // A document quarantined before that arrives valid now leaves the quarantine. (Counted
    // by the indexed kind alone: Dexie refuses a count its index cannot answer.)
    if (valid.length && (await this.db.local.count({ selector: { kind: 'quarantine' } }).exec()) > 0) {
      await this.db.local.bulkRemove(valid.map((v) => quarantineId(v.scope, v.doc.id))).catch(() => undefined);
    }

    const existing = firstPull ? new Map<string, never>() : await this.db.docs.findByIds(valid.map((v) => pkOf(v.scope, v.doc.id))).exec();
    const inserts: { row: StoredDoc; report: ScopeReport }[] = [];
    for (const { scope, report, doc, rev } of valid) {
      const pk = pkOf(scope, doc.id);
      const fresh = toRow(doc, { syncState: 'synced', couchRev: rev }, pk);
      const local = existing.get(pk);
      if (!local) {
        inserts.push({ row: fresh, report });
        continue;
      }
      await local.incrementalModify((stored) => this.combine(stored, fresh, report));
    }
    if (inserts.length === 0) return;
    const { error } = await this.db.docs.bulkInsert(inserts.map((i) => i.row));
    const failed = new Set(error.map((e) => e.documentId));
    for (const { row, report } of inserts) if (!failed.has(row.pk)) report.pulled++;
    // Already stored (written here before the first pull, or between our read and the
    // insert): combine with it instead.
    for (const refused of error) {
      const doc = refused.status === 409 ? await this.db.docs.findOne(refused.documentId).exec() : null;
      const insert = inserts.find((i) => i.row.pk === refused.documentId);
      if (doc && insert) await doc.incrementalModify((stored) => this.combine(stored, insert.row, insert.report));
    }
  }

  /** Local copy + server copy → what the device keeps. */
  private combine(stored: StoredDoc, remote: StoredDoc, report: ScopeReport): StoredDoc {
    const localRev = stored.couchRev;
    const remoteRev = remote.couchRev;
    if (localRev === remoteRev) return stored;
    if (localRev && revGeneration(remoteRev) < revGeneration(localRev)) return stored;
    report.pulled++;
    if (stored.syncState === 'synced' || !specNamed(remote.type) || isAppendOnly(specNamed(remote.type)!.name)) return remote;
    // Local edits not yet on the server: keep both sides' work, field by field.
    report.merged++;
    this.merges.push({ scope: stored.scope, docId: stored.id, with: String(remote.updatedBy ?? '') });
    const theirs = editableOf(remote);
    // Two devices may create the same document (attendance has a deterministic id): the
    // server's copy came first, so its creator stays the creator (the server insists).
    const mine = editableOf(stored);
    const merged = { ...mergeFields(mine, theirs), createdAt: theirs.createdAt, createdBy: theirs.createdBy };
    if (JSON.stringify(merged) === JSON.stringify(theirs)) return toRow(merged, { syncState: 'synced', couchRev: remoteRev }, stored.pk);
    // What stays to be sent is this device's write: the server takes a write only under its
    // writer's name, which a pending row carries (the newer side's author may be another's).
    return toRow({ ...merged, updatedBy: mine.updatedBy }, { syncState: 'pending', couchRev: remoteRev }, stored.pk);
  }

  /**
   * What retention keeps, for this pull. A device's first pull of a scope holds no
   * organisation record yet: the scope's own is asked for first, so a new device does not
   * store what retention would remove at once (the defaults when there is none).
   */
  private async retentionCutoff(scope: string, firstPull: boolean, signal?: AbortSignal): Promise<string> {
    // Only a group's database holds notes and the organisation's record: a phone asks nothing more.
    if (!firstPull || groupKeyOf(scope) === undefined || (await localOrganisation(this.db))) return localCutoff(this.db, this.now());
    // Groups hold copies of the one organisation record: a coordinator's first sync of 20
    // groups asks for it once (again only if that group had none).
    const asking = (this.organisation ??= this.client.getDoc(scope, 'organisation', signal).then(
      (raw) => {
        const checked = raw ? checkDoc(fromCouch(raw)) : undefined;
        return checked?.ok && checked.value.type === 'organisation' ? checked.value : undefined;
      },
      () => undefined,
    ));
    const org = await asking;
    if (!org && this.organisation === asking) this.organisation = undefined;
    return retentionCutoff(this.now(), privacyOf(org).retentionMonths);
  }

  private organisation?: Promise<Organisation | undefined>;

  /**
   * Documents deleted on the server leave the device (with no copy left in RxDB's
   * tombstones). An unsent local edit of one stays, to be seen — except for a participant's
   * record: Polku deletes one only when the controller erases the participant (the app
   * deletes nothing), and then everything about them leaves the device, unsent work too
   * (the server refuses it anyway: SECURITY.md, "Retention and erasure").
   */
  private async applyDeletions(scope: string, ids: string[]) {
    const known = ids.filter((id) => isDocType(typeOfId(id)));
    if (known.length === 0) return;
    const local = await this.db.docs.findByIds(known.map((id) => pkOf(scope, id))).exec();
    const gone = new Set<string>();
    for (const id of known) {
      const row = local.get(pkOf(scope, id));
      const erased = isErasure(id);
      if (row && (erased || row.get('syncState') === 'synced')) gone.add(row.primary);
      if (!erased) continue;
      for (const about of await this.db.docs.find({ selector: { scope, person: id } }).exec()) gone.add(about.primary);
    }
    await removeLocally(this.db, [...gone]);
    // A malformed copy of something about them, kept for staff to see, goes too.
    const erased = known.filter(isErasure);
    if (erased.length === 0) return;
    const quarantined = await this.db.local.find({ selector: { kind: 'quarantine' } }).exec();
    const theirs = quarantined.filter((r) => {
      const record = r.toJSON();
      return record.kind === 'quarantine' && record.scope === scope && erased.some((id) => record.raw.includes(`"${id}"`));
    });
    if (theirs.length === 0) return;
    await this.db.local.bulkRemove(theirs.map((r) => r.primary));
    await this.db.local.storageInstance.cleanup(0);
  }

  // ---- device bookkeeping -----------------------------------------------------------

  private async quarantine(scope: string, raw: CouchDoc, problems: Problem[]) {
    let text = '';
    try {
      text = JSON.stringify(raw).slice(0, RAW_LIMIT);
    } catch {
      text = '(unserialisable)';
    }
    const record: QuarantineRecord = {
      id: quarantineId(scope, String(raw._id)),
      kind: 'quarantine',
      scope,
      docId: String(raw._id).slice(0, 200),
      rev: String(raw._rev ?? ''),
      problems,
      raw: text,
      at: this.now().toISOString(),
    };
    await this.db.local.upsert(record);
  }

  async checkpoint(scope: string): Promise<CheckpointRecord | undefined> {
    const record = (await this.db.local.findOne(checkpointId(scope)).exec())?.toMutableJSON();
    return record?.kind === 'checkpoint' ? record : undefined;
  }

  private async saveCheckpoint(scope: string, patch: CheckpointPatch) {
    await this.saveCheckpoints([[scope, patch]]);
  }

  private async saveCheckpoints(patches: readonly (readonly [string, CheckpointPatch])[]) {
    if (patches.length === 0) return;
    const current = await this.checkpoints(patches.map(([scope]) => scope));
    await this.db.local.bulkUpsert(patches.map(([scope, patch]) => ({ ...(current.get(scope) ?? { id: checkpointId(scope), kind: 'checkpoint' as const, scope }), ...patch })));
  }

  /**
   * This user may no longer read the scope: drop its local copy and checkpoint. Changes
   * that never reached the server stay, marked refused, so the person sees what was lost
   * to the server rather than losing it silently.
   */
  async forgetScope(scope: string) {
    const docs = await this.db.docs.find({ selector: { scope } }).exec();
    const synced = docs.filter((d) => d.get('syncState') === 'synced');
    await this.db.docs.bulkRemove(synced.map((d) => d.primary));
    for (const doc of docs.filter((d) => d.get('syncState') !== 'synced')) {
      await doc.incrementalModify((d) => ({ ...d, syncState: 'refused', syncError: 'srv.noAccess' }));
    }
    for (const record of await this.db.local.find({ selector: { scope } }).exec()) await record.remove();
  }

  /** Put refused documents back in the queue (after the user fixed the cause elsewhere). */
  async retryRefused(): Promise<number> {
    const docs = await this.db.docs.find({ selector: { syncState: 'refused' } }).exec();
    for (const d of docs) await d.incrementalModify((s) => ({ ...s, syncState: 'pending' }));
    return docs.length;
  }
}

