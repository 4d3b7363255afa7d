/**
 * `npm run relay`: the relay as a process of its own, for a deployment with several
 * gateways behind a load balancer (each started with POLKU_RELAY=0). It follows Apache
 * CouchDB's `_db_updates`, so it needs POLKU_COUCH_URL; more than one may run at once
 * (copies are idempotent: a document is never lost or written twice).
 */
import { CouchAdmin } from './couch-admin.ts';
import { runMain } from './process-main.ts';
import { Relay } from './relay.ts';

async function main() {
  const url = process.env.POLKU_COUCH_URL;
  if (!url) throw new Error('Set POLKU_COUCH_URL to the Apache CouchDB server (e.g. http://admin:secret@couch:5984): a relay of its own follows CouchDB\'s _db_updates. With the embedded server, npm start relays by itself.');
  const admin = CouchAdmin.fromUrl(url);
  await admin.checkServerAdmin();
  const relay = new Relay(admin, { log: (l) => process.stderr.write(`${l}\n`) });
  const started = Date.now();
  await relay.start();
  await relay.idle();
  console.log(`Polku relay following ${admin.url} (caught up in ${Date.now() - started} ms)`);
  return () => relay.stop();
}

runMain(main);
