/**
 * `npm test`: everything, in one command, on a fresh machine — type check, build, unit,
 * integration and end-to-end tests. Chromium is installed first if missing (Debian, root),
 * otherwise the run fails with the install command. Nothing is skipped silently.
 * With POLKU_TEST_COUCHDB (or POLKU_TEST_COUCH_URL) the integration tests run a second time
 * against Apache CouchDB 3; without, the run says that half did not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './support/chromium.ts';
import { checkCouchFolder, checkCouchUrl, COUCH_URL_ENV, COUCHDB_ENV, couchRequested } from './support/couchdb-cluster.ts';

function run(label: string, command: string, args: string[]) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n✗ ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

try {
  ensureChromium();
  // A CouchDB asked for but unusable stops the run now, not after the build.
  if (process.env[COUCHDB_ENV] && !process.env[COUCH_URL_ENV]) checkCouchFolder(process.env[COUCHDB_ENV]);
  if (process.env[COUCH_URL_ENV]) await checkCouchUrl(process.env[COUCH_URL_ENV]);
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exit(1);
}

const npx = 'npx';
run('type check (app, service worker, Node)', 'npm', ['run', '--silent', 'typecheck']);
run('build', npx, ['vite', 'build', '--logLevel', 'warn']);
if (!existsSync('dist/sw.js')) {
  console.error('✗ the build did not produce dist/sw.js');
  process.exit(1);
}
/** One Vitest run with a JSON report: the counts it wrote, and whether Vitest itself succeeded. */
function vitestRun(label: string, args: string[], env: NodeJS.ProcessEnv) {
  console.log(`\n▶ ${label}`);
  const report = join(mkdtempSync(join(tmpdir(), 'polku-vitest-')), 'report.json');
  const vitest = spawnSync(npx, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit', env });
  const counts = { passed: 0, failed: 0, skipped: 0, ok: vitest.status === 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    counts.passed = json.numPassedTests;
    counts.failed = json.numFailedTests;
    counts.skipped = json.numPendingTests + json.numTodoTests;
  }
  return counts;
}

// The embedded half: everything, with the CouchDB variables kept out so that Vitest does not
// define the CouchDB project here. The CouchDB half runs after it, on its own, so that its
// three-node cluster never competes with the browsers for the two cores.
const { [COUCHDB_ENV]: _folder, [COUCH_URL_ENV]: _url, ...embeddedEnv } = process.env;
const runs = [vitestRun('unit, integration (embedded PouchDB Server) and end-to-end tests', [], embeddedEnv)];
if (couchRequested()) {
  const couch = vitestRun('integration tests against Apache CouchDB 3', ['--project', 'integration-couchdb'], process.env);
  runs.push(couch);
  if (couch.passed === 0) {
    console.error('✗ the CouchDB half was asked for, but no test ran in it');
    couch.failed++;
  } else {
    console.log(`\n✓ CouchDB half: ${couch.passed} integration tests passed against Apache CouchDB 3${couch.failed ? `, ${couch.failed} failed` : ''}`);
  }
} else {
  console.log(
    `\n⚠ The CouchDB half did not run: the integration tests ran against the embedded PouchDB Server only.` +
      `\n  To run them against a 3-node Apache CouchDB cluster as well: POLKU_TEST_COUCHDB=../shared/couchdb npm test` +
      `\n  (or ${COUCH_URL_ENV}=<server-admin URL> for a CouchDB 3 that is already running).`,
  );
}
const passed = runs.reduce((n, r) => n + r.passed, 0);
let failed = runs.reduce((n, r) => n + r.failed, 0);
const skipped = runs.reduce((n, r) => n + r.skipped, 0);
if (skipped > 0) {
  console.error(`✗ ${skipped} tests were skipped; a skipped test checks nothing`);
  failed += skipped;
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(runs.some((r) => !r.ok) || failed > 0 || passed === 0 ? 1 : 0);
