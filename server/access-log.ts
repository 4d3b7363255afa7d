import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_RETENTION_MONTHS, privacyOf, type AccessLogEntry, type Organisation } from '../src/domain/index.ts';
import type { AllDocsPage, BulkResult } from '../src/wire/couch.ts';
import { participantKeyOf, scopePrefix } from '../src/wire/scopes.ts';
import type { RouteKind } from './allow-list.ts';
import type { CouchAdmin } from './couch-admin.ts';

/**
 * The access log (Act 703/2023 on client data): every read that sent documents of a scope
 * database and every write to one, as the gateway saw it, kept in `polku-access-log`, a
 * database only server admins may read or write (its `_security`, and a write rule refusing
 * anyone else as a second wall). The gateway names the caller as CouchDB resolved their
 * session; the documents are read from what CouchDB answered (reads) or what it accepted
 * (writes), never from anything the caller says about them.
 *
 * Entry ids begin with the time (`2026-12-02T10:00:00.000Z~<random>`): pruning old
 * entries is one key range of `_all_docs`.
 */
export const ACCESS_LOG_DB = 'polku-access-log';
const ADMINS_ONLY = { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles: ['_admin'] } };

/** A document as an entry names it: what it is and whom it is about, never its content. */
export interface LoggedDoc {
  id: string;
  type?: string;
  /** The participant's key (from `participantId`, or the participant record's own id). */
  participant?: string;
}

/** What the gateway hands over for one request (the entry's time and id are the log's). */
export interface AccessRecord {
  user: string | null;
  db: string;
  action: 'read' | 'write';
  kind: RouteKind;
  method: string;
  status: number;
  docs: LoggedDoc[];
  /**
   * The answer was not all read (too large to keep, or cut off): for a read, which documents
   * it held is not known; for a write, which of the documents sent were stored.
   */
  incomplete?: boolean;
}

export interface StoredEntry extends Omit<AccessRecord, 'incomplete'> {
  _id: string;
  at: string;
  /** Whose data it touched: the participant database's owner and every participant a document is about. */
  participants: string[];
  incomplete?: true;
  /** One request's documents split over several entries (each stays small): its part, from 1. */
  part?: number;
}

const MAX_ID = 250;
/** Documents per entry: a first sync of a big group becomes several entries, none near CouchDB's document size limit. */
export const DOCS_PER_ENTRY = 500;
const PARTICIPANT_ID = /^participant:([a-z0-9]{4,32})$/;

const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);

/** One document as the log keeps it: id, type (its field, else the id's prefix) and the participant it is about. */
export function loggedDoc(doc: unknown, fallbackId?: unknown): LoggedDoc | undefined {
  const d = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
  const id = str(d._id, MAX_ID) ?? str(fallbackId, MAX_ID);
  if (!id) return undefined;
  const type = str(d.type, 40) ?? /^([a-z]{1,40}):/.exec(id)?.[1];
  const about = typeof d.participantId === 'string' ? d.participantId : type === 'participant' ? id : undefined;
  const participant = about === undefined ? undefined : PARTICIPANT_ID.exec(about)?.[1];
  return { id, ...(type ? { type } : {}), ...(participant ? { participant } : {}) };
}

const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : []);

/** The documents an answer of CouchDB sent (bodies where it sent them, else ids); [] when it sent none. */
export function docsSent(kind: RouteKind, body: unknown): LoggedDoc[] {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const found: (LoggedDoc | undefined)[] = [];
  if (kind === 'changes') {
    for (const r of objects(b.results)) found.push(loggedDoc(r.doc, r.id));
  } else if (kind === 'allDocs') {
    for (const r of objects(b.rows)) if (!r.error) found.push(loggedDoc(r.doc, r.id));
  } else if (kind === 'bulkGet') {
    for (const r of objects(b.results)) for (const d of objects(r.docs)) if (d.ok) found.push(loggedDoc(d.ok));
  } else if (kind === 'doc' && Array.isArray(body)) {
    // `open_revs` answers a list of `{ ok: doc }`; otherwise the document itself.
    for (const d of objects(body)) if (d.ok) found.push(loggedDoc(d.ok));
  } else if (kind === 'doc') {
    found.push(loggedDoc(b));
  }
  return found.filter((d): d is LoggedDoc => d !== undefined);
}

/** The documents of a `_bulk_docs` body that CouchDB stored (a refused row wrote nothing); without its answer, every one sent. */
export function docsWritten(sent: unknown, results?: unknown[]): LoggedDoc[] {
  const docs = objects((sent as { docs?: unknown } | null)?.docs);
  const stored = results && new Set(objects(results).filter((r) => !r.error && typeof r.id === 'string').map((r) => r.id as string));
  return docs.flatMap((d) => {
    const logged = loggedDoc(d);
    return logged && (!stored || stored.has(logged.id)) ? [logged] : [];
  });
}

/** Time-sortable and unique: prune is a range of ids below a cut-off time. */
export const entryId = (at: Date) => `${at.toISOString()}~${randomBytes(6).toString('hex')}`;

/** The entries of one request: its documents split into parts of at most DOCS_PER_ENTRY. */
export function entriesOf(record: AccessRecord, at: Date): StoredEntry[] {
  const owner = participantKeyOf(record.db);
  const parts: LoggedDoc[][] = [];
  for (let i = 0; i < record.docs.length; i += DOCS_PER_ENTRY) parts.push(record.docs.slice(i, i + DOCS_PER_ENTRY));
  if (parts.length === 0) parts.push([]);
  const { incomplete, ...rest } = record;
  return parts.map((docs, i) => ({
    ...rest,
    _id: entryId(at),
    at: at.toISOString(),
    docs,
    participants: [...new Set([...(owner ? [owner] : []), ...docs.flatMap((d) => (d.participant ? [d.participant] : []))])].sort(),
    ...(incomplete ? { incomplete: true as const } : {}),
    ...(parts.length > 1 ? { part: i + 1 } : {}),
  }));
}

/** The moment `months` calendar months before `now` (entries older than it go). */
export function cutoffOf(now: Date, months: number): Date {
  const cut = new Date(now);
  cut.setUTCMonth(cut.getUTCMonth() - months);
  return cut;
}

/**
 * Only server admins write here, checked by the database itself as well as by its
 * `_security`; and the view that finds a participant's entries (an incomplete read of a
 * group database is found under the database, since whom it concerned is not known).
 */
export const ACCESS_LOG_DESIGN = {
  _id: '_design/log',
  validate_doc_update: "function (newDoc, oldDoc, userCtx) { if (userCtx.roles.indexOf('_admin') === -1) throw({ forbidden: 'srv.forbidden' }); }",
  views: {
    concerning: {
      map: "function (doc) { if (!doc.at) return; (doc.participants || []).forEach(function (p) { emit(['p', p, doc.at], null); }); if (doc.incomplete) emit(['db', doc.db, doc.at], null); }",
    },
  },
};

export interface AccessLogOptions {
  now?: () => Date;
  /** Entries are written at least this often (ms), and at once when this many wait. */
  flushMs?: number;
  flushEntries?: number;
  /** Unwritten entries beyond which the gateway stops serving scope databases (no access without a log). */
  maxPending?: number;
  /** How long entries are kept when no organisation record says (months); see `retentionMonths`. */
  defaultMonths?: number;
  log?: (line: string) => void;
}

/** The most entries one answer lists: the newest ones. */
export const MAX_LISTED = 2000;

export class AccessLog {
  private pending: StoredEntry[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly now: () => Date;
  private readonly opts: Required<Omit<AccessLogOptions, 'now' | 'log'>>;
  private readonly log: (line: string) => void;

  constructor(
    private readonly admin: CouchAdmin,
    opts: AccessLogOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? (() => undefined);
    this.opts = { flushMs: opts.flushMs ?? 1000, flushEntries: opts.flushEntries ?? 200, maxPending: opts.maxPending ?? 50_000, defaultMonths: opts.defaultMonths ?? DEFAULT_RETENTION_MONTHS };
  }

  /** Made, closed to all but server admins, its rules in place: at every start. */
  async open() {
    await this.admin.ensureDb(ACCESS_LOG_DB);
    await this.admin.ok('PUT', `/${ACCESS_LOG_DB}/_security`, ADMINS_ONLY);
    const current = await this.admin.request<{ _rev?: string }>('GET', `/${ACCESS_LOG_DB}/_design/log`);
    const { _rev, ...stored } = current.status === 200 ? current.body : {};
    if (!isDeepStrictEqual(stored, ACCESS_LOG_DESIGN)) await this.admin.put(ACCESS_LOG_DB, ACCESS_LOG_DESIGN);
  }

  /** False while too many entries wait unwritten: the gateway then refuses scope databases rather than serve them unlogged. */
  accepting(): boolean {
    return this.pending.length < this.opts.maxPending;
  }

  /** Promised records are awaited by `flush` (the gateway learns who asked while it answers). */
  private arriving = new Set<Promise<void>>();

  /** One request's record; undefined: nothing to log (it sent no documents). */
  record(record: AccessRecord | Promise<AccessRecord | undefined>) {
    if (!(record instanceof Promise)) return this.add(record);
    const waiting: Promise<void> = record.then(
      (r) => r && this.add(r),
      (error: unknown) => this.log(`access log: a record was lost: ${String(error)}`),
    ).finally(() => this.arriving.delete(waiting));
    this.arriving.add(waiting);
  }

  private add(record: AccessRecord) {
    this.pending.push(...entriesOf(record, this.now()));
    if (this.pending.length >= this.opts.flushEntries) void this.write();
    else this.timer ??= setTimeout(() => void this.write(), this.opts.flushMs);
  }

  /**
   * Write what waits, records still arriving included (at shutdown, and for tests); the
   * timer writes what has arrived without waiting for the rest. What could not be written
   * waits for the next try (nothing is dropped).
   */
  async flush(): Promise<void> {
    await Promise.all(this.arriving);
    return this.write();
  }

  private write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
      if (this.pending.length && !this.closed) this.timer ??= setTimeout(() => void this.write(), this.opts.flushMs);
    });
    return this.flushing;
  }

  private async writePending() {
    while (this.pending.length) {
      const batch = this.pending.slice(0, this.opts.flushEntries);
      const results = await this.admin.request<BulkResult[]>('POST', `/${ACCESS_LOG_DB}/_bulk_docs`, { docs: batch }).catch(() => null);
      if (!results || results.status >= 300 || !Array.isArray(results.body)) {
        this.log(`access log: could not write ${this.pending.length} entries (${results?.status ?? 'no answer'}); trying again`);
        return;
      }
      // A row refused now is tried again with the next batch (ids are unique: never a conflict with another's).
      const failed = new Set(results.body.filter((r) => r.error && r.error !== 'conflict').map((r) => r.id));
      this.pending = [...batch.filter((e) => failed.has(e._id)), ...this.pending.slice(batch.length)];
      if (failed.size) {
        this.log(`access log: ${failed.size} entries refused; trying again`);
        return;
      }
    }
  }

  private closed = false;
  async close() {
    this.closed = true;
    await this.flush();
  }

  /**
   * How long entries are kept: the organisation's retention period (`privacy.retentionMonths`,
   * its record copied into every group database). Copies being edited may differ for a moment:
   * the longest is kept. No record anywhere: the default.
   */
  async retentionMonths(): Promise<number> {
    let months: number | undefined;
    for (const db of await this.admin.allDbs(scopePrefix('group'))) {
      const org = await this.admin.request<Organisation>('GET', `/${db}/organisation`);
      if (org.status === 200) months = Math.max(months ?? 0, privacyOf(org.body).retentionMonths);
    }
    return months ?? this.opts.defaultMonths;
  }

  /** Remove entries older than the retention period; returns how many went. */
  async prune(months?: number): Promise<number> {
    const cutoff = cutoffOf(this.now(), months ?? (await this.retentionMonths())).toISOString();
    let removed = 0;
    for (;;) {
      // Ids below the cut-off time, in pages: `_design/` sorts after every time and is never in range.
      const range = `startkey=${encodeURIComponent('"0"')}&endkey=${encodeURIComponent(JSON.stringify(cutoff))}&inclusive_end=false&limit=1000`;
      const page = await this.admin.ok<AllDocsPage>('GET', `/${ACCESS_LOG_DB}/_all_docs?${range}`);
      if (page.rows.length === 0) return removed;
      const results = await this.admin.ok<BulkResult[]>('POST', `/${ACCESS_LOG_DB}/_bulk_docs`, {
        docs: page.rows.flatMap((r) => (r.value ? [{ _id: r.id, _rev: r.value.rev, _deleted: true }] : [])),
      });
      const done = results.filter((r) => !r.error).length;
      removed += done;
      // A page of entries already gone (a cluster's copy read a moment behind): the next prune takes the rest.
      if (done === 0) return removed;
    }
  }

  /**
   * The entries about one participant, newest first: those touching documents about them or
   * their own database, and incomplete reads of their group's database (which may have). Each
   * lists only the documents about them (the coordinator asked about this person).
   */
  async concerning(participantKey: string, groupKey?: string): Promise<{ entries: AccessLogEntry[]; truncated: boolean }> {
    const query = async (prefix: unknown[]) => {
      const q = `startkey=${encodeURIComponent(JSON.stringify([...prefix, {}]))}&endkey=${encodeURIComponent(JSON.stringify(prefix))}&descending=true&include_docs=true&limit=${MAX_LISTED + 1}`;
      const r = await this.admin.ok<{ rows: { id: string; doc?: StoredEntry }[] }>('GET', `/${ACCESS_LOG_DB}/_design/log/_view/concerning?${q}`);
      return r.rows.flatMap((row) => (row.doc ? [row.doc] : []));
    };
    const found = [...(await query(['p', participantKey])), ...(groupKey ? await query(['db', `${scopePrefix('group')}${groupKey}`]) : [])];
    const unique = [...new Map(found.map((e) => [e._id, e])).values()].sort((a, b) => (a._id < b._id ? 1 : -1));
    const owner = `${scopePrefix('participant')}${participantKey}`;
    const entries = unique.slice(0, MAX_LISTED).map((e) => ({
      at: e.at,
      user: e.user,
      action: e.action,
      db: e.db,
      kind: e.kind,
      docs: e.docs.filter((d) => e.db === owner || d.participant === participantKey).map((d) => ({ id: d.id, ...(d.type ? { type: d.type } : {}) })),
      ...(e.incomplete ? { incomplete: true } : {}),
    }));
    return { entries, truncated: unique.length > MAX_LISTED };
  }
}
