import { randomBytes } from 'node:crypto';
import { isScope } from '../src/wire/scopes.ts';
import type { CouchAdmin } from './couch-admin.ts';

/**
 * A short version of each scope database, for `GET /api/sync/check` (sync-check.ts): a device
 * pulls only the scopes whose version differs from the one it last pulled at, so a round
 * with nothing new is one request whatever the number of its scopes. A version tells
 * "maybe changed" from "unchanged"; it never orders anything. Null: no such database.
 *
 * Apache CouchDB: the server's `_db_updates` feed is followed and each database changed
 * counts one more within this gateway's epoch (`<epoch>.<n>`, a count of its own, so a
 * version tells nothing of other databases). A cluster's own
 * `update_seq` cannot serve: each copy of a database answers its own, so it would look
 * changed at every other request. A write is acknowledged once 2 of 3 copies hold it, and
 * a read may come from the third: for a few seconds after a change (minutes after a node
 * left or rejoined, or a gap in the feed) a database's version changes at every check, so
 * devices keep reading it as they did before this check existed, until the copies agree. A
 * write is acknowledged a moment before its event arrives: a check in that moment calls the
 * database unchanged and the next round finds it.
 *
 * PouchDB Server has no `_db_updates`: each database's own `update_seq` is read (one copy,
 * so it does not move by itself); that costs the server a read per scope, the embedded
 * server's price.
 */
export interface ScopeVersions {
  of(dbs: readonly string[]): Promise<Record<string, string | null>>;
  stop(): Promise<void>;
}

const LONGPOLL_MS = 55_000;
const RETRY_MS = 2_000;

export async function scopeVersions(admin: CouchAdmin, log?: (line: string) => void): Promise<ScopeVersions> {
  const now = await admin.request<{ last_seq?: string }>('GET', '/_db_updates?since=now').catch(() => null);
  return now?.status === 200 && now.body.last_seq ? followed(admin, now.body.last_seq, log) : askedEach(admin);
}

function askedEach(admin: CouchAdmin): ScopeVersions {
  return {
    async of(dbs) {
      const infos = await Promise.all(dbs.map((db) => admin.request<{ update_seq?: unknown }>('GET', `/${encodeURIComponent(db)}`)));
      return Object.fromEntries(
        dbs.map((db, i) => {
          const r = infos[i]!;
          if (r.status === 404) return [db, null];
          if (r.status !== 200 || r.body.update_seq === undefined) throw new Error(`reading ${db} answered ${r.status}`);
          return [db, String(r.body.update_seq)];
        }),
      );
    },
    async stop() {},
  };
}

/** How long after its last change a database's copies may still differ (a write is acknowledged by 2 of 3). */
const SETTLING_MS = 10_000;
/** After a node leaves or rejoins, a copy may be behind for longer: every database counts as changing meanwhile. */
const REJOIN_SETTLING_MS = 5 * 60_000;
const MEMBERSHIP_EVERY_MS = 30_000;

function followed(admin: CouchAdmin, start: string, log?: (line: string) => void): ScopeVersions {
  const abort = new AbortController();
  // Ends at once when stopped; its listener goes with it (a gateway sleeps every 30 s for months).
  const sleep = (ms: number) =>
    new Promise<void>((ok) => {
      const wake = () => (clearTimeout(timer), abort.signal.removeEventListener('abort', wake), ok());
      const timer = setTimeout(wake, ms);
      abort.signal.addEventListener('abort', wake, { once: true });
    });
  let epoch = '';
  /** Each database's number in this epoch, and when it last changed. */
  const version = new Map<string, { n: number; at: number }>();
  const deleted = new Set<string>();
  let allSettlingUntil = 0;
  const newEpoch = (settlingMs: number) => {
    epoch = randomBytes(6).toString('base64url');
    version.clear();
    deleted.clear();
    allSettlingUntil = Date.now() + settlingMs;
  };
  newEpoch(0);

  const updates = (async () => {
    let since = start;
    while (!abort.signal.aborted) {
      const r = await admin
        .request<{ results?: { db_name: string; type?: string }[]; last_seq?: string }>(
          'GET',
          `/_db_updates?feed=longpoll&timeout=${LONGPOLL_MS}&since=${encodeURIComponent(since)}`,
          undefined,
          abort.signal,
        )
        .catch(() => null);
      if (abort.signal.aborted) return;
      if (!r || r.status !== 200 || !r.body.last_seq) {
        // What happened meanwhile is unknown: every version changes.
        log?.(`scope versions: _db_updates answered ${r?.status ?? 'nothing'}; starting again from now`);
        newEpoch(REJOIN_SETTLING_MS);
        await sleep(RETRY_MS);
        const again = await admin.request<{ last_seq?: string }>('GET', '/_db_updates?since=now', undefined, abort.signal).catch(() => null);
        if (again?.body.last_seq) since = again.body.last_seq;
        continue;
      }
      for (const u of r.body.results ?? []) {
        if (!isScope(u.db_name)) continue;
        version.set(u.db_name, { n: (version.get(u.db_name)?.n ?? 0) + 1, at: Date.now() });
        if (u.type === 'deleted') deleted.add(u.db_name);
        else deleted.delete(u.db_name);
      }
      since = r.body.last_seq;
    }
  })();

  // A node that comes back may answer from copies that are behind until they catch up.
  const membership = (async () => {
    let nodes: string | undefined;
    while (!abort.signal.aborted) {
      const r = await admin.request<{ all_nodes?: string[] }>('GET', '/_membership', undefined, abort.signal).catch(() => null);
      const now = r?.status === 200 && r.body.all_nodes ? [...r.body.all_nodes].sort().join() : undefined;
      if (now !== undefined && nodes !== undefined && now !== nodes) {
        log?.('scope versions: the cluster\'s nodes changed; every scope is read again for a while');
        newEpoch(REJOIN_SETTLING_MS);
      }
      if (now !== undefined) nodes = now;
      await sleep(MEMBERSHIP_EVERY_MS);
    }
  })();

  return {
    async of(dbs) {
      const now = Date.now();
      // A database deleted since this gateway started is reported as gone; one never heard of is
      // at version 0 of this epoch. One whose copies may still differ gets a version of this
      // moment, so that devices keep reading it until its copies agree.
      return Object.fromEntries(
        dbs.map((db) => {
          if (deleted.has(db)) return [db, null];
          const v = version.get(db);
          const settling = now < allSettlingUntil || (v !== undefined && now - v.at < SETTLING_MS);
          return [db, `${epoch}.${v?.n ?? 0}${settling ? `~${randomBytes(4).toString('base64url')}` : ''}`];
        }),
      );
    },
    async stop() {
      abort.abort();
      await Promise.all([updates, membership]);
    },
  };
}
