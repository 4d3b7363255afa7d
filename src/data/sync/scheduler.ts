import { BehaviorSubject, combineLatest, map, type Observable, type Subscription } from 'rxjs';
import type { PolkuDatabase } from '../database.ts';
import { isStorageFull } from '../storage-full.ts';
import { CouchError } from './couch-client.ts';
import type { SyncCheckAnswer, SyncCheckRequest } from '../../wire/sync-check.ts';
import { emptyReport, type ScopeReport, type SyncEngine, type SyncScopeOptions } from './sync-engine.ts';

/** The one picture of sync the UI reads (through useSyncState). */
export type SyncStatus = 'offline' | 'idle' | 'syncing' | 'error' | 'signIn';

export interface SyncProblem {
  key: string;
  params?: Record<string, string | number>;
}

export interface SyncSnapshot {
  status: SyncStatus;
  pending: number;
  refused: number;
  quarantined: number;
  lastSyncAt?: string;
  error?: SyncProblem;
  /** Scopes the server no longer lets this user read. */
  noAccess: string[];
  progress?: { done: number; total: number; scope?: string; pulled: number; bytes: number };
  /** What the last complete round brought, per scope (documents and bytes). */
  lastRound?: { scope: string; pulled: number; pushed: number; bytes: number }[];
}

export interface SchedulerEnv {
  isOnline(): boolean;
  addEventListener(type: 'online' | 'offline' | 'visibilitychange', fn: () => void): void;
  removeEventListener(type: 'online' | 'offline' | 'visibilitychange', fn: () => void): void;
  isVisible(): boolean;
}

export interface ScopesNow {
  scopes: string[];
  /** Each scope's version now (the sync check): a scope last pulled at its version needs no pull. Absent: pull every scope. */
  versions?: Record<string, string | null>;
  /** The changes the answer carried of the scopes it was asked about (`SyncCheckRequest`), for those that changed. */
  changes?: SyncCheckAnswer['changes'];
}

export interface SchedulerOptions {
  scopes: () => string[];
  /**
   * Ask the server which scopes this user may read now (roles change: a new group, a
   * participation ended) and, where it can tell, which of them changed. Null when the
   * session is gone; undefined to keep `scopes()` and pull them all. `ask` names the scopes
   * pulled here before, so that the answer can carry their changes.
   */
  refreshScopes?: (ask: SyncCheckRequest) => Promise<ScopesNow | null | undefined>;
  /** A scope is no longer readable: its local copy goes. */
  forgetScope?: (scope: string) => Promise<void>;
  /** True while whose session the browser holds is not yet known to be this user's (a shared device): asked before anything is sent. */
  sessionFirst?: () => boolean;
  /** A round every this many ms (default 30 s); null: none but those asked for (the sync bench times rounds it starts itself). */
  intervalMs?: number | null;
  debounceMs?: number;
  env?: SchedulerEnv;
  onReport?: (reports: ScopeReport[]) => void;
}

const BACKOFF_START_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** Scopes synced at once: each has at most two requests in flight. */
const PARALLEL_SCOPES = 3;

export function browserEnv(): SchedulerEnv {
  return {
    isOnline: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    addEventListener: (type, fn) => (type === 'visibilitychange' ? document : window).addEventListener(type, fn),
    removeEventListener: (type, fn) => (type === 'visibilitychange' ? document : window).removeEventListener(type, fn),
  };
}

export class SyncScheduler {
  readonly state$: BehaviorSubject<SyncSnapshot>;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private backoffMs = 0;
  private abort = new AbortController();
  private counts?: Subscription;
  private stopped = false;
  private readonly listeners: [Parameters<SchedulerEnv['addEventListener']>[0], () => void][] = [];

  constructor(
    private readonly db: PolkuDatabase,
    private readonly engine: SyncEngine,
    private readonly options: SchedulerOptions,
  ) {
    const env = options.env;
    this.state$ = new BehaviorSubject<SyncSnapshot>({
      status: env && !env.isOnline() ? 'offline' : 'idle',
      pending: 0,
      refused: 0,
      quarantined: 0,
      noAccess: [],
    });
  }

  private patch(p: Partial<SyncSnapshot>) {
    this.state$.next({ ...this.state$.value, ...p });
  }

  start() {
    this.counts = countsOf(this.db).subscribe((c) => this.patch(c));
    const env = this.options.env;
    if (env) {
      const on = (type: 'online' | 'offline' | 'visibilitychange', fn: () => void) => {
        env.addEventListener(type, fn);
        this.listeners.push([type, fn]);
      };
      on('online', () => {
        this.backoffMs = 0;
        // A moment's grace: right at the event the browser may still report being offline.
        this.request(300);
      });
      on('offline', () => this.patch({ status: 'offline' }));
      on('visibilitychange', () => env.isVisible() && this.request(0));
    }
    // Not while backing off: a full device or a failing server would else be asked again every
    // interval (a page of up to 4,000 changes fetched and thrown away each time on a field link).
    const every = this.options.intervalMs === undefined ? 30_000 : this.options.intervalMs;
    if (every !== null) this.interval = setInterval(() => this.backoffMs === 0 && this.request(0), every);
    this.request(0);
  }

  /** Ask for a round soon (after local writes: debounced, so a burst of taps is one round). */
  request(delayMs = this.options.debounceMs ?? 1_000) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
  }

  /** Run a round now; if one is running, run one more right after it. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.syncNow();
      }
    });
    return this.running;
  }

  private async round() {
    const env = this.options.env;
    if (env && !env.isOnline()) {
      this.patch({ status: 'offline' });
      return;
    }
    const reports = new Map<string, ScopeReport>();
    const noAccess: string[] = [];
    try {
      let scopes = this.options.scopes();
      // The round's question (which scopes this user may read now, and which of them changed,
      // with the changes of those pulled here before) goes out at once, and what waits to be
      // sent goes beside it: sending needs no answer. On 2G that is 400 ms of a week's push.
      // The server refuses a scope that was lost anyway. While the browser's session may be
      // another person's (a shared device), the question asks for no changes: none of this
      // person's groups is read under the other's name.
      const sessionFirst = this.options.sessionFirst?.() ?? false;
      const ask = await this.engine.checkAsk(sessionFirst ? [] : scopes);
      const refreshing = this.options.refreshScopes?.(ask) ?? Promise.resolve(undefined);
      refreshing.catch(() => undefined);
      let refreshed = false;
      let versions: ScopesNow['versions'];
      let carried: ScopesNow['changes'];
      const done = new Set<string>();
      let pulled = 0;
      let bytes = 0;
      const progress = () => ({ done: scopes.filter((s) => done.has(s)).length, total: scopes.length, scope: scopes.find((s) => !done.has(s)), pulled, bytes });
      this.patch({ status: 'syncing', progress: progress() });
      const settle = async () => {
        if (refreshed) return;
        refreshed = true;
        const now = await refreshing;
        if (now === null) throw new CouchError('auth', 401, 'session expired');
        if (now) {
          for (const gone of scopes.filter((s) => !now.scopes.includes(s))) await this.options.forgetScope?.(gone);
          scopes = now.scopes;
          versions = now.versions;
          carried = now.changes;
        }
      };
      const addReport = (report: ScopeReport) => {
        const before = reports.get(report.scope);
        reports.set(report.scope, before ? sumOf(before, report) : report);
        pulled += report.pulled;
        bytes += report.bytes;
      };
      const finished = (scope: string) => {
        done.add(scope);
        this.patch({ progress: progress() });
      };
      const syncOne = async (scope: string, opts: SyncScopeOptions) => {
        try {
          addReport(await this.engine.syncScope(scope, this.abort.signal, opts));
        } catch (error) {
          const kind = error instanceof CouchError ? error.kind : undefined;
          if (kind === 'auth' && !refreshed) {
            // A database taken away answers 401 on PouchDB Server: the session check tells
            // a lost scope (forgotten, the round goes on) from a lost session.
            await settle();
            if (!scopes.includes(scope)) return;
            throw error;
          }
          // One scope the user lost access to must not stop the others.
          if (kind === 'forbidden' || kind === 'notFound') {
            noAccess.push(scope);
            await this.options.forgetScope?.(scope);
            done.add(scope);
          } else throw error;
        }
        if (opts.pull !== false) finished(scope);
      };
      if (sessionFirst) await settle();
      // Scopes never pulled here must be pulled whatever the answer says (a first sync), so
      // they start beside the question too. Each stores the version the answer gave if it
      // came before the pull's last page was asked for; else the next round reads once more.
      const early = new Set<string>();
      if (!refreshed) {
        const state = await this.engine.pullState(scopes);
        const waiting = await this.engine.scopesWithPending(scopes);
        const firstPulls = scopes.filter((s) => state.get(s)?.since === undefined);
        for (const scope of firstPulls) early.add(scope);
        // The start screen's documents first for the groups pulled in the first wave only: a
        // coordinator's 20 groups would pay two requests each (measured: 40 more, 4–6 s slower).
        const screenFirst = new Set(firstPulls.slice(0, PARALLEL_SCOPES));
        await inParallel([...new Set([...firstPulls, ...scopes.filter((s) => waiting.has(s))])], (scope) =>
          syncOne(scope, early.has(scope) ? { version: () => versions?.[scope] ?? undefined, startScreenFirst: screenFirst.has(scope) } : { pull: false }),
        );
      }
      await settle();
      // Pulled: a scope whose version differs from the one it was last pulled at (every scope
      // when the server gave none); the rest only send what was written meanwhile.
      const state = await this.engine.pullState(scopes);
      const waiting = await this.engine.scopesWithPending(scopes);
      const changed = (scope: string) => !early.has(scope) && (!versions || !versions[scope] || versions[scope] !== state.get(scope)?.version);
      const unchanged = scopes.filter((s) => !changed(s) && !waiting.has(s));
      for (const scope of unchanged) done.add(scope);
      this.patch({ progress: progress() });
      const versionOf = (scope: string) => versions?.[scope] ?? undefined;
      // Changed scopes pulled here before (a week's changes in each of a coordinator's groups)
      // came with the answer; those it did not bring come in one request, what waits is sent
      // beside it; the rest are pulled one by one.
      const pullable = scopes.filter((s) => changed(s) && state.get(s)?.since !== undefined);
      const fromCheck = pullable.filter((s) => carried !== undefined && Object.hasOwn(carried, s));
      const toRead = pullable.filter((s) => !fromCheck.includes(s));
      const many = toRead.length >= 2 ? toRead : [];
      const together = [...fromCheck, ...many];
      const sendOnly = scopes.filter((s) => waiting.has(s) && (together.includes(s) || !changed(s)));
      const withVersions = (list: string[]) => list.map((scope) => ({ scope, version: versionOf(scope) }));
      // All finish before the round goes on or fails: no send of this round outlives it.
      const [stored, reading, sending] = await Promise.allSettled([
        fromCheck.length ? this.engine.storeCarried(carried!, ask, withVersions(fromCheck)) : undefined,
        many.length ? this.engine.pullMany(withVersions(many), this.abort.signal) : undefined,
        inParallel(sendOnly, async (scope) => {
          await syncOne(scope, { pull: false });
          if (!together.includes(scope)) finished(scope);
        }),
      ]);
      for (const outcome of [stored, reading, sending]) if (outcome.status === 'rejected') throw outcome.reason;
      const rest = new Set<string>();
      for (const part of [stored, reading]) {
        if (part.status !== 'fulfilled' || !part.value) continue;
        for (const scope of part.value.rest) rest.add(scope);
        for (const report of part.value.reports) {
          addReport(report);
          if (!part.value.rest.includes(report.scope)) finished(report.scope);
        }
      }
      const alone = scopes.filter((s) => changed(s) && (!together.includes(s) || rest.has(s)));
      await inParallel(alone, (scope) => syncOne(scope, { version: versionOf(scope) }));
      await this.engine.markChecked(unchanged.filter((s) => !early.has(s)));
      const ordered = scopes.map((scope) => reports.get(scope) ?? emptyReport(scope));
      this.backoffMs = 0;
      this.patch({
        status: 'idle',
        error: undefined,
        lastSyncAt: new Date().toISOString(),
        noAccess,
        progress: undefined,
        lastRound: ordered.map((r) => ({ scope: r.scope, pulled: r.pulled, pushed: r.pushed, bytes: r.bytes })),
      });
      this.options.onReport?.(ordered);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown) {
    if (error instanceof CouchError && error.kind === 'aborted') return;
    if (error instanceof CouchError && error.kind === 'auth') {
      // Wait for the person to sign in again; retrying with an expired cookie helps nobody.
      this.patch({ status: 'signIn', error: { key: 'sync.err.auth' }, progress: undefined });
      return;
    }
    const offline = this.options.env && !this.options.env.isOnline();
    // The device's storage is full (the pull could not store a page): said as such, not as a
    // network problem. The round's checkpoint stayed at the last page stored; it backs off
    // like any failure and resumes from there once space is freed.
    const problem: SyncProblem = isStorageFull(error)
      ? { key: 'sync.err.storageFull' }
      : error instanceof CouchError && error.kind === 'server'
        ? { key: 'sync.err.server', params: { status: error.status } }
        : { key: 'sync.err.network' };
    this.patch({ status: offline ? 'offline' : 'error', error: problem, progress: undefined });
    this.backoffMs = this.backoffMs ? Math.min(this.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_START_MS;
    this.request(this.backoffMs + Math.floor(Math.random() * 500));
  }

  /** After signing in again. */
  resume() {
    this.backoffMs = 0;
    this.patch({ status: 'idle', error: undefined });
    this.request(0);
  }

  async retryRefused() {
    await this.engine.retryRefused();
    this.request(0);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.interval);
    this.abort.abort();
    this.counts?.unsubscribe();
    for (const [type, fn] of this.listeners) this.options.env?.removeEventListener(type, fn);
    await this.running?.catch(() => undefined);
  }
}

/**
 * Scopes a few at a time (a coordinator has many groups): one group's answer is stored while
 * the next one's travels, within the browser's six connections. The first failure stops
 * the rest and is thrown.
 */
async function inParallel(scopes: string[], each: (scope: string) => Promise<void>) {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < scopes.length) await each(scopes[next++]!).catch((error: unknown) => void (failure ??= error));
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SCOPES, scopes.length) }, worker));
  if (failure !== undefined) throw failure;
}

const sumOf = (a: ScopeReport, b: ScopeReport): ScopeReport => ({
  scope: a.scope,
  pushed: a.pushed + b.pushed,
  refused: a.refused + b.refused,
  merged: a.merged + b.merged,
  pulled: a.pulled + b.pulled,
  quarantined: a.quarantined + b.quarantined,
  bytes: a.bytes + b.bytes,
});

/** Live counts of pending and refused documents and of quarantined arrivals, from the database. */
export function countsOf(db: PolkuDatabase): Observable<Pick<SyncSnapshot, 'pending' | 'refused' | 'quarantined'>> {
  return combineLatest([
    db.docs.count({ selector: { syncState: 'pending' } }).$,
    db.docs.count({ selector: { syncState: 'refused' } }).$,
    db.local.count({ selector: { kind: 'quarantine' } }).$,
  ]).pipe(map(([pending, refused, quarantined]) => ({ pending, refused, quarantined })));
}
