/**
 * Two app versions on one group (issue 17), the long version: two devices of this version
 * (the app's RxDB and sync engine in Node) and one of a newer version (through the gateway,
 * with fields this version does not know and documents of a newer schema version) edit
 * shared sessions offline for 100 rounds and sync in a random order; then every edit of
 * either version is counted on the server (tooling/versions-scenario.ts; a 20-round version
 * runs in `npm test`, tests/integration/app-versions.test.ts). Against PouchDB Server, then
 * the 3-node Apache CouchDB cluster when there is one.
 */
import { pathToFileURL } from 'node:url';
import { startTestServer, type TestServer } from '../tooling/test-server.ts';
import { runVersionsScenario, type VersionsReport } from '../tooling/versions-scenario.ts';
import { once, type Figure } from './figures.ts';
import { couchLabel, findCouch, POUCHDB_SERVER, startBenchServer, type BenchCouch } from './sync.ts';

const ROUNDS = Number(process.env.VERSIONS_ROUNDS ?? 100);
const SEED = Number(process.env.VERSIONS_SEED ?? 17);

const zero = { max: 0, text: '0' };

function versionFigures(r: VersionsReport, server: string): Figure[] {
  const rows = [
    once(
      `two app versions on one group: 2 devices of this version (Node, the app's RxDB and sync engine) and 1 of a newer version (through the gateway), ${r.rounds} rounds (seed ${r.seed}; ${r.syncsFailed} syncs failed): writes made`,
      r.writes,
      '',
    ),
    once('… document writes the server refused, each time (the edits in them reach it only with a later write of the same document)', r.refused, '', zero),
    once('… documents created (sessions of both versions, the newer schema\'s)', r.created, ''),
    once('… of those, on the server after convergence', r.present, ''),
    once('… duplicated', r.duplicated, '', zero),
    once('… field edits made by this version (a session\'s address, capacity)', r.olderEdits, ''),
    once('… field edits made by the newer version (its added fields rideNote and shelter; the address)', r.newerEdits, ''),
    once('… of all edits, on the server after convergence', r.editsPresent, ''),
    once('… superseded by a later edit of the same field that the merge rule lets win', r.editsSuperseded, ''),
    once('… edits lost', r.editsLost, '', zero),
    once('… of those, values of a field only the newer version knows', r.newerFieldsLost, '', zero),
    once(`… documents of the newer schema version, written ${r.reshapedWrites} times by the newer version`, r.reshaped, ''),
    once('… of those, not on the server as the newer version last wrote them (revision and content)', r.reshapedWrittenOver, '', zero),
    once('… quarantined on the older devices at the server\'s revision (2 devices × the documents)', r.quarantined, ''),
    once('… not quarantined on an older device, or among its documents', r.notQuarantined, '', zero),
    once('… documents of this schema version quarantined on an older device', r.otherQuarantined, '', zero),
    once('… documents on a device differing from the server after convergence', r.differing, '', zero),
    once('… time to converge once every device was online', r.convergeMs, 'ms'),
  ];
  return rows.map((f) => ({ ...f, server }));
}

async function versionsAgainst(server: TestServer, label: string): Promise<Figure[]> {
  try {
    const started = Date.now();
    const report = await runVersionsScenario({ serverUrl: server.url, admin: server.admin, seed: SEED, rounds: ROUNDS });
    console.log(`  two app versions against ${label}: ${report.writes} writes, ${report.editsLost} edits lost, ${report.differing} differing, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return versionFigures(report, label);
  } finally {
    await server.stop();
  }
}

/** Against PouchDB Server, then against Apache CouchDB when there is one (started for it, stopped after). */
export async function versionsBench(couch: BenchCouch): Promise<Figure[]> {
  const figures = await versionsAgainst(await startBenchServer({ demo: true }), POUCHDB_SERVER);
  if ('missing' in couch) {
    console.log(`  two app versions: ${couch.missing}`);
    return figures;
  }
  const db = await couch.start();
  try {
    const server = await startTestServer({ demo: true, couch: db });
    return [...figures, ...(await versionsAgainst(server, await couchLabel(server.admin)))];
  } finally {
    await db.stop();
  }
}

// Alone, without a build: `npx tsx bench/versions.ts` (VERSIONS_ROUNDS, VERSIONS_SEED).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await versionsBench(await findCouch())) {
    console.log(`${f.what}${f.what.startsWith('…') ? '' : ` (${f.server})`}: ${f.median} ${f.unit}${f.ok === false ? ' MISSED' : ''}`);
  }
}
