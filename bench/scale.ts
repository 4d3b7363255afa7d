/**
 * `npm run bench:scale`: the server side at a country's scale on a real 3-node Apache CouchDB
 * cluster — a group among 10,000 participant databases (`SCALE_DBS`). Times a relay's first
 * start (it reads every database once), a relay started again after one group changed (it
 * reads only what `_db_updates` names), and provisioning at a start before and after the
 * write rules were deployed everywhere. Writes `results/scale.md`. Not part of `npm test`.
 *
 * The cluster comes from POLKU_TEST_COUCHDB (default: the release in ../shared/couchdb).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CouchAdmin } from '../server/couch-admin.ts';
import { participantSecurity, provisionGroup } from '../server/design-docs.ts';
import { designDocFor } from '../server/write-rules/write-rules.ts';
import { updateDesignDocs } from '../server/provision.ts';
import { Relay } from '../server/relay.ts';
import { groupScope, SCHEMA_VERSION } from '../src/domain/index.ts';
import { startCouchCluster } from '../tooling/couchdb-cluster.ts';
import { fail } from './figures.ts';

const DBS = Number(process.env.SCALE_DBS ?? 10_000);
const PARALLEL = 16;
const GROUP = 'scale001';

/** An admin client that counts which databases' changes were read. */
class Counting extends CouchAdmin {
  readonly changesRead = new Set<string>();
  requests = 0;
  override request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal) {
    this.requests++;
    const changes = /^\/([^/?]+)\/_changes/.exec(path);
    if (changes) this.changesRead.add(decodeURIComponent(changes[1]!));
    return super.request<T>(method, path, body, signal);
  }
  reset() {
    this.changesRead.clear();
    this.requests = 0;
  }
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - start)];
}

async function main() {
  const folder = resolve(process.env.POLKU_TEST_COUCHDB ?? '../shared/couchdb');
  const couch = await startCouchCluster(folder).catch((e: Error) => fail(e.message));
  const url = new URL(couch.url);
  const admin = new Counting(url.origin, decodeURIComponent(url.username), decodeURIComponent(url.password));
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  try {
    say(`# Scale: ${DBS.toLocaleString('en')} participant databases on a 3-node Apache CouchDB 3.5 cluster`);
    say('');
    await provisionGroup(admin, GROUP);
    const keys = Array.from({ length: DBS }, (_, i) => `p${String(i).padStart(7, '0')}`);
    // As enrolment makes them (one shard, write rules, members), in parallel.
    const [, made] = await timed(() =>
      inParallel(keys, async (key) => {
        const db = `polku-p-${key}`;
        await admin.ok('PUT', `/${db}?q=1`);
        await admin.ok('PUT', `/${db}/_design/polku`, designDocFor(db));
        await admin.ok('PUT', `/${db}/_security`, participantSecurity(key, GROUP));
      }),
    );
    say(`- creating them (${PARALLEL} at a time): ${(made / 1000).toFixed(1)} s`);

    admin.reset();
    const first = new Relay(admin);
    const [, firstStart] = await timed(async () => {
      await first.start();
      await first.idle();
    });
    say(`- a relay's first start (no saved place: every database once): ${(firstStart / 1000).toFixed(1)} s, ${admin.requests.toLocaleString('en')} requests, changes of ${admin.changesRead.size.toLocaleString('en')} databases read`);
    await first.stop();

    // One session in the group while no relay runs; then a relay starts again.
    const at = new Date().toISOString();
    await admin.ok('PUT', `/${groupScope(GROUP)}/session:scale0001`, {
      type: 'session', schemaVersion: SCHEMA_VERSION, scope: groupScope(GROUP), groupKey: GROUP, date: '2027-01-12', startTime: '10:00', endTime: '13:00',
      village: 'Kylmälä', instructors: [], capacity: 8, costCents: 0, status: 'planned', clock: {}, createdAt: at, updatedAt: at, createdBy: 'bench', updatedBy: 'bench',
    });
    await new Promise((r) => setTimeout(r, 1000)); // _db_updates records it a moment later
    admin.reset();
    const again = new Relay(admin);
    const [, restart] = await timed(async () => {
      await again.start();
      await again.idle();
    });
    say(`- a relay started again after one group changed: ${restart} ms, ${admin.requests} requests, changes of ${admin.changesRead.size} databases read`);
    await again.stop();

    admin.reset();
    const [, provisionFirst] = await timed(() => updateDesignDocs(admin));
    say(`- provisioning at a start, rules not yet recorded as deployed (visits every database): ${(provisionFirst / 1000).toFixed(1)} s, ${admin.requests.toLocaleString('en')} requests`);
    admin.reset();
    const [, provisionAgain] = await timed(() => updateDesignDocs(admin));
    say(`- provisioning at the next start, rules unchanged: ${provisionAgain} ms, ${admin.requests} requests`);
    writeFileSync(new URL('./results/scale.md', import.meta.url), `${lines.join('\n')}\n`);
  } finally {
    await couch.stop();
  }
}

await main();
