import type { Server } from 'node:http';
import { Accounts } from './accounts.ts';
import { createAdminApi } from './admin-api.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { couchWhoIs, createGateway } from './gateway.ts';
import { Relay } from './relay.ts';

/** The Node side as one piece: gateway, admin API and relay over one CouchDB (used by `npm start` and the tests). */
export interface PolkuServer {
  gateway: Server;
  relay: Relay;
  accounts: Accounts;
  close(): Promise<void>;
}

export async function createPolkuServer(opts: {
  admin: CouchAdmin;
  couchUp?: () => boolean;
  staticDir?: string;
  log?: (line: string) => void;
}): Promise<PolkuServer> {
  const relay = new Relay(opts.admin, { log: opts.log });
  const accounts = new Accounts(opts.admin, relay);
  const gateway = createGateway({
    couchUrl: opts.admin.url,
    couchUp: opts.couchUp,
    staticDir: opts.staticDir,
    log: opts.log,
    onWrite: (db) => relay.notify(db),
    api: createAdminApi({ accounts, whoIs: couchWhoIs(opts.admin.url) }),
  });
  await relay.start();
  return {
    gateway,
    relay,
    accounts,
    async close() {
      gateway.closeAllConnections();
      await new Promise((ok) => gateway.close(ok));
      await relay.stop();
    },
  };
}
