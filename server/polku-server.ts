import type { Server } from 'node:http';
import { AccessLog, type AccessLogOptions } from './access-log.ts';
import { Accounts } from './accounts.ts';
import type { ClientTrust } from './client.ts';
import { createAdminApi } from './admin-api.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { couchWhoIs, createGateway } from './gateway.ts';
import { Relay } from './relay.ts';
import { scopeVersions } from './scope-versions.ts';
import { erasedAmong } from './server-state.ts';
import { createSyncChanges, SYNC_CHANGES_PATH } from './sync-changes.ts';
import { createSyncCheck, SYNC_CHECK_PATH } from './sync-check.ts';

/** The Node side as one piece: gateway, admin API and relay over one CouchDB (used by `npm start` and the tests). */
export interface PolkuServer {
  gateway: Server;
  relay: Relay;
  accounts: Accounts;
  accessLog: AccessLog;
  close(): Promise<void>;
}

export async function createPolkuServer(opts: {
  admin: CouchAdmin;
  couchUp?: () => boolean;
  staticDir?: string;
  log?: (line: string) => void;
  /**
   * false: this gateway relays nothing by itself; a relay process (`npm run relay`, one or
   * more) follows the server's `_db_updates` instead. Enrolments still fill a new
   * participant's database at once (a one-off copy).
   */
  runRelay?: boolean;
  /** Proxies whose `X-Forwarded-*` are believed (POLKU_TRUSTED_PROXY) and the public address (POLKU_PUBLIC_URL). */
  trust?: ClientTrust;
  /** The access log's clock and batching (tests); its entries are pruned at start and then daily. */
  accessLog?: AccessLogOptions;
}): Promise<PolkuServer> {
  const runRelay = opts.runRelay ?? true;
  const relay = new Relay(opts.admin, { log: opts.log });
  const accounts = new Accounts(opts.admin, relay);
  const accessLog = new AccessLog(opts.admin, { log: opts.log, ...opts.accessLog });
  await accessLog.open();
  const versions = await scopeVersions(opts.admin, opts.log);
  const syncCheck = createSyncCheck({ couchUrl: opts.admin.url, versions, accessLog, couchUp: opts.couchUp });
  const whoIs = couchWhoIs(opts.admin.url);
  const syncChanges = createSyncChanges({ couchUrl: opts.admin.url, whoIs, accessLog, couchUp: opts.couchUp });
  const adminApi = createAdminApi({ accounts, accessLog, whoIs, log: opts.log });
  const syncRoutes: Record<string, typeof syncCheck> = { [SYNC_CHECK_PATH]: syncCheck, [SYNC_CHANGES_PATH]: syncChanges };
  const gateway = createGateway({
    couchUrl: opts.admin.url,
    couchUp: opts.couchUp,
    staticDir: opts.staticDir,
    log: opts.log,
    onWrite: runRelay ? (db) => relay.notify(db) : undefined,
    accessLog,
    adminName: opts.admin.name,
    erasedAmong: (keys) => erasedAmong(opts.admin, keys),
    scopeVersion: async (db) => (await versions.of([db]))[db] ?? null,
    trust: opts.trust,
    api: (req, res, pathname, client) => {
      const sync = Object.hasOwn(syncRoutes, pathname) ? syncRoutes[pathname] : undefined;
      return sync ? sync(req, res, client).then(() => true) : adminApi(req, res, pathname, client);
    },
  });
  if (runRelay) await relay.start();
  const prune = () => accessLog.prune().catch((error: unknown) => opts.log?.(`access log: prune failed: ${String(error)}`));
  void prune();
  const pruning = setInterval(() => void prune(), 86_400_000);
  pruning.unref();
  return {
    gateway,
    relay,
    accounts,
    accessLog,
    async close() {
      clearInterval(pruning);
      gateway.closeAllConnections();
      await new Promise((ok) => gateway.close(ok));
      await accessLog.close();
      await relay.stop();
      await versions.stop();
    },
  };
}
