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
import { ensureChromium } from '../tooling/chromium.ts';
import { MOMENTS, type Moment } from '../tooling/clock.ts';
import { checkCouchFolder, checkCouchUrl, COUCH_URL_ENV, COUCHDB_ENV, couchRequested } from '../tooling/couchdb-cluster.ts';

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
run('type check (app, domain, service worker, server, tests)', 'npm', ['run', '--silent', 'typecheck']);
run('build', npx, ['vite', 'build', '--logLevel', 'warn']);
if (!existsSync('dist/sw.js')) {
  console.error('✗ the build did not produce dist/sw.js');
  process.exit(1);
}
interface Counts {
  passed: number;
  failed: number;
}

/** One vitest run; its counts come from its JSON report, and a skipped test counts as failed. */
function vitestRun(label: string, args: string[], env: NodeJS.ProcessEnv): Counts {
  console.log(`\n▶ ${label}`);
  const report = join(mkdtempSync(join(tmpdir(), 'polku-vitest-')), 'report.json');
  const result = spawnSync(npx, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit', env });
  const counts = { passed: 0, failed: 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    counts.passed = json.numPassedTests;
    counts.failed = json.numFailedTests;
    const skipped = json.numPendingTests + json.numTodoTests;
    if (skipped > 0) {
      console.error(`✗ ${skipped} tests were skipped; a skipped test checks nothing`);
      counts.failed += skipped;
    }
  }
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  if (counts.passed === 0) {
    console.error(`✗ ${label}: no test ran`);
    counts.failed += 1;
  }
  return counts;
}

// The embedded half: everything, with the CouchDB variables kept out so that Vitest does not
// define the CouchDB project here. The CouchDB half runs after it, on its own, so that its
// three-node cluster never competes with the browsers for the two cores.
const { [COUCHDB_ENV]: _folder, [COUCH_URL_ENV]: _url, ...embeddedEnv } = process.env;
const runs: Counts[] = [vitestRun('unit, integration (embedded PouchDB Server) and end-to-end tests', [], embeddedEnv)];

// The same code at the awkward hours (tooling/clock.ts): the unit suite with a faked
// Date in a UTC process, and the date-sensitive e2e suites with the browser's clock set and
// the demo organisation built around the same moment.
for (const moment of ['tuesdayNight', 'afterMidnight', 'newYear', 'dstNight'] satisfies Moment[]) {
  const env = { ...embeddedEnv, POLKU_TEST_NOW: moment, TZ: 'UTC' };
  runs.push(vitestRun(`unit tests at ${moment} (${MOMENTS[moment]})`, ['--project', 'unit'], env));
  runs.push(vitestRun(`session day and participant phone at ${moment}`, ['--project', 'e2e', 'tests/e2e/session-day.test.ts', 'tests/e2e/participant-phone.test.ts'], env));
}

if (couchRequested()) {
  const couch = vitestRun('integration, cluster and end-to-end tests against Apache CouchDB 3', ['--project', 'couchdb'], process.env);
  runs.push(couch);
  if (couch.passed > 0) console.log(`\n✓ CouchDB half: ${couch.passed} tests passed against Apache CouchDB 3${couch.failed ? `, ${couch.failed} failed` : ''}`);
} else {
  console.log(
    `\n⚠ The CouchDB half did not run: the integration tests ran against the embedded PouchDB Server only.` +
      `\n  To run them against a 3-node Apache CouchDB cluster as well: POLKU_TEST_COUCHDB=../shared/couchdb npm test` +
      `\n  (or ${COUCH_URL_ENV}=<server-admin URL> for a CouchDB 3 that is already running).`,
  );
}

const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
