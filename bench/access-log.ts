/**
 * What the access log costs a request: the same reads and writes through two gateways over
 * one embedded PouchDB Server — the server's own (logging every read that sends documents and
 * every write) and one without a log — one request at a time, taking turns, each figure the
 * median of a run's per-request times, with the spread over runs. Runs alone too:
 * `npx tsx bench/access-log.ts` (BENCH_RUNS, default 5).
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ACCESS_LOG_DB } from '../server/access-log.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../server/demo-data.ts';
import { createGateway } from '../server/gateway.ts';
import { groupScope } from '../src/domain/index.ts';
import { couchExampleOf } from '../tooling/doc-examples.ts';
import { kb, median, spread, type Figure } from './figures.ts';
import { startBenchServer } from './sync.ts';

const READS = 60;
const WRITES = 30;

export async function accessLogBench(runs: number): Promise<Figure[]> {
  const server = await startBenchServer({ demo: true });
  const plain = createGateway({ couchUrl: server.admin.url, adminName: server.admin.name });
  await new Promise<void>((ok) => plain.listen(0, '127.0.0.1', ok));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  try {
    const group = groupScope(DEMO_GROUP_KEY);
    const instructor = DEMO_USERS.instructors[0];
    // A browser's session cookie, as the app signs in (one for each gateway: the same server's session).
    const signIn = async (base: string) => {
      const r = await fetch(`${base}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: instructor, password: DEMO_PASSWORD }) });
      if (!r.ok) throw new Error(`sign-in through ${base}: ${r.status}`);
      return r.headers.get('set-cookie')!.split(';')[0]!;
    };
    const gateways = { without: { url: plainUrl, cookie: await signIn(plainUrl) }, with: { url: server.url, cookie: await signIn(server.url) } };
    const first = await fetch(`${server.url}/couch/${group}/_changes?include_docs=true`, { headers: { Cookie: gateways.with.cookie } });
    const page = await first.text();
    const docs = (JSON.parse(page) as { results: unknown[] }).results.length;

    let serial = 0;
    const timed = async (request: () => Promise<Response>) => {
      const start = performance.now();
      const r = await request();
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`bench request: ${r.status}`);
      return performance.now() - start;
    };
    const read = (g: { url: string; cookie: string }) => timed(() => fetch(`${g.url}/couch/${group}/_changes?include_docs=true`, { headers: { Cookie: g.cookie } }));
    const write = (g: { url: string; cookie: string }) => {
      const note = couchExampleOf('note', { scope: group, groupKey: DEMO_GROUP_KEY, by: instructor, participant: 'participant:aino0001', key: `bench${String(++serial).padStart(6, '0')}`, at: new Date().toISOString() });
      return timed(() => fetch(`${g.url}/couch/${group}/_bulk_docs`, { method: 'POST', headers: { Cookie: g.cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: [note] }) }));
    };
    const per = { readWithout: [] as number[], readWith: [] as number[], writeWithout: [] as number[], writeWith: [] as number[] };
    for (let run = 0; run < runs; run++) {
      const times = { readWithout: [] as number[], readWith: [] as number[], writeWithout: [] as number[], writeWith: [] as number[] };
      for (let i = 0; i < READS; i++) {
        // Taking turns, the first one changing each time: neither gateway always meets a warm server.
        const order = i % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
        for (const g of order) times[g === 'with' ? 'readWith' : 'readWithout'].push(await read(gateways[g]));
      }
      for (let i = 0; i < WRITES; i++) {
        const order = i % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
        for (const g of order) times[g === 'with' ? 'writeWith' : 'writeWithout'].push(await write(gateways[g]));
      }
      for (const k of Object.keys(per) as (keyof typeof per)[]) per[k].push(median(times[k]));
    }
    await server.server.accessLog.flush();
    const logged = await server.admin.ok<{ doc_count: number }>('GET', `/${ACCESS_LOG_DB}`);
    // Reads and writes through the logging gateway, a few more from setting up: each was logged.
    if (logged.doc_count < runs * (READS + WRITES)) throw new Error(`the access log holds ${logged.doc_count} entries for ${runs * (READS + WRITES)} logged requests`);
    const what = `${docs} documents, ${kb(Buffer.byteLength(page))} KB`;
    return [
      spread(`a group's changes with documents (${what}) through the gateway, no access log`, per.readWithout, 'ms'),
      spread(`… the same, each read logged (who, which ${docs} documents)`, per.readWith, 'ms'),
      spread('one note written through the gateway (_bulk_docs), no access log', per.writeWithout, 'ms'),
      spread('… the same, each write logged', per.writeWith, 'ms'),
    ];
  } finally {
    plain.closeAllConnections();
    await new Promise((ok) => plain.close(ok));
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await accessLogBench(Number(process.env.BENCH_RUNS ?? 5));
  for (const f of figures) console.log(`${f.what}: ${f.median} ${f.unit} (${f.min}–${f.max})`);
}
