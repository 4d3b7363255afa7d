import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { startPouchServer, type CouchProcess } from '../../server/couch-process.ts';
import { createPolkuServer, type PolkuServer } from '../../server/polku-server.ts';
import { provision } from '../../server/provision.ts';

export interface TestServer {
  /** Gateway origin, e.g. http://127.0.0.1:40123 */
  url: string;
  couch: CouchProcess;
  admin: CouchAdmin;
  server: PolkuServer;
  stop(): Promise<void>;
}

/** A real PouchDB Server in a temporary folder, provisioned, behind a real gateway, on free ports. */
export async function startTestServer(opts: { demo?: boolean; staticDir?: string; now?: Date } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'polku-test-'));
  const couch = await startPouchServer({ dir });
  const admin = new CouchAdmin(couch.url, couch.adminName, couch.adminPassword);
  await provision(admin, { demo: opts.demo ?? true, now: opts.now });
  const server = await createPolkuServer({ admin, couchUp: () => couch.isUp(), staticDir: opts.staticDir });
  await server.relay.settle(); // start from a quiet server: participant databases filled
  const gateway = server.gateway;
  await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', ok));
  const { port } = gateway.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    couch,
    admin,
    server,
    async stop() {
      await server.close();
      await couch.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const basicAuth = (name: string, password: string) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
