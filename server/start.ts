import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CouchAdmin } from './couch-admin.ts';
import { startPouchServer, writeOwnerOnly, type CouchProcess } from './couch-process.ts';
import { createPolkuServer } from './polku-server.ts';
import { runMain } from './process-main.ts';
import { provision } from './provision.ts';

/**
 * `npm start`: the embedded PouchDB Server (or Apache CouchDB at POLKU_COUCH_URL), the
 * provisioning that keeps databases and write rules up to date, and the gateway.
 *
 * Environment:
 *   PORT              gateway port (default 8080)
 *   HOST              gateway address (default 127.0.0.1; 0.0.0.0 to serve tablets on the LAN)
 *   POLKU_DATA_DIR    embedded server's data folder (default ./.data)
 *   POLKU_COUCH_URL   e.g. https://admin:secret@couch.internal:5984 — use Apache CouchDB 3 instead
 *   POLKU_DEMO        "0" to skip the demo organisation; with POLKU_COUCH_URL (production) it is
 *                     made only when this is "1"
 *   POLKU_PUBLIC_URL  the app's public address, e.g. https://polku.example.fi (the origin
 *                     browsers must send; https makes the session cookie Secure)
 *   POLKU_TRUSTED_PROXY  comma-separated addresses of reverse proxies whose X-Forwarded-For,
 *                     -Proto and -Host are believed (sign-in throttles key on the client address)
 *   POLKU_RELAY       "0" when relay processes of their own run (`npm run relay`; needs POLKU_COUCH_URL)
 */
async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const runRelay = process.env.POLKU_RELAY !== '0';
  if (!runRelay && !process.env.POLKU_COUCH_URL) throw new Error('POLKU_RELAY=0 needs POLKU_COUCH_URL: only Apache CouchDB lets a relay of its own (npm run relay) see every write.');
  let couch: CouchProcess | undefined;
  let admin: CouchAdmin;
  if (process.env.POLKU_COUCH_URL) {
    admin = CouchAdmin.fromUrl(process.env.POLKU_COUCH_URL);
    await admin.checkServerAdmin();
  } else {
    const dir = resolve(process.env.POLKU_DATA_DIR ?? '.data');
    couch = await startPouchServer({ dir, log: (l) => process.stderr.write(`[pouchdb-server] ${l}\n`) });
    // Lets `npm run admin` reach the running server (the admin password is in admin-secret beside it).
    writeOwnerOnly(join(dir, 'couch-url'), `${couch.url}\n`);
    admin = new CouchAdmin(couch.url, couch.adminName, couch.adminPassword);
  }
  // Demo accounts share one printed password: never on a production server unless asked for.
  const demo = process.env.POLKU_COUCH_URL ? process.env.POLKU_DEMO === '1' : process.env.POLKU_DEMO !== '0';
  const result = await provision(admin, { demo });
  const publicUrl = process.env.POLKU_PUBLIC_URL || undefined;
  if (publicUrl && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) throw new Error(`POLKU_PUBLIC_URL must be an origin such as https://polku.example.fi, not ${publicUrl}.`);
  const trustedProxies = (process.env.POLKU_TRUSTED_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const server = await createPolkuServer({
    admin,
    couchUp: couch ? () => couch.isUp() : undefined,
    staticDir: resolve('dist'),
    runRelay,
    trust: { publicUrl, trustedProxies },
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const gateway = server.gateway;
  await new Promise<void>((ok) => gateway.listen(port, host, ok));
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  console.log(`\nPolku is running: http://${shown}:${port}/`);
  console.log(couch ? `Embedded PouchDB Server on ${couch.url} (data in ${process.env.POLKU_DATA_DIR ?? '.data'})` : `CouchDB: ${admin.url}`);
  if (result.signIns.length) {
    console.log(`\nDemo sign-ins${result.created ? ' (created now)' : ''} — for trying Polku out only: everyone can read these passwords here.`);
    console.log('Never keep real people\'s data in the demo group; start with POLKU_DEMO=0 for real use.');
    for (const s of result.signIns) console.log(`  ${s.role.padEnd(12)} ${s.name.padEnd(16)} password: ${s.password}`);
  }
  return async () => {
    await server.close();
    await couch?.stop();
    if (couch) rmSync(join(resolve(process.env.POLKU_DATA_DIR ?? '.data'), 'couch-url'), { force: true });
  };
}

runMain(main);
