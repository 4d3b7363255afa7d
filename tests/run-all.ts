/**
 * `npm test`: everything, in one command, on a fresh machine — type check, build, unit,
 * integration and end-to-end tests. Chromium is installed first if missing (Debian, root),
 * otherwise the run fails with the install command. Nothing is skipped silently.
 * With POLKU_TEST_COUCHDB (or POLKU_TEST_COUCH_URL) the integration tests run a second time
 * against Apache CouchDB 3; without, the run says that half did not run.
 */
import { spawn, spawnSync } from 'node:child_process';
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
  label: string;
  passed: number;
  failed: number;
  /** Why the run failed beyond its failed tests, for the summary at the end (a CI log shows its tail). */
  note?: string;
}

/** Runs a command with its output passed through as it comes, keeping the last `keep` characters of it. */
function runTee(command: string, args: string[], env: NodeJS.ProcessEnv, keep = 20_000): Promise<{ status: number | null; signal: NodeJS.Signals | null; tail: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'], env });
    let tail = '';
    const pass = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
      to.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-keep);
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, tail }));
  });
}

/** One vitest run; its counts come from its JSON report, and a skipped test counts as failed. */
async function vitestRun(label: string, args: string[], env: NodeJS.ProcessEnv): Promise<Counts> {
  console.log(`\n▶ ${label}`);
  const report = join(mkdtempSync(join(tmpdir(), 'polku-vitest-')), 'report.json');
  const result = await runTee(npx, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  const counts: Counts = { label, passed: 0, failed: 0 };
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
  if (result.status !== 0 && counts.failed === 0) {
    // Every test passed but Vitest failed: an unhandled error during the run, or a setup or teardown that threw.
    counts.failed = 1;
    // The CI log keeps only its end: the error is repeated in the summary there.
    const unhandled = result.tail.lastIndexOf('Unhandled');
    const detail = unhandled >= 0 ? result.tail.slice(unhandled, unhandled + 3000) : result.tail.slice(-1500);
    counts.note = `Vitest exited with ${result.status ?? result.signal} though no test failed:\n${detail}`;
  }
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
const runs: Counts[] = [await vitestRun('unit, integration (embedded PouchDB Server) and end-to-end tests', [], embeddedEnv)];

// The same code at the awkward hours (tooling/clock.ts): the unit suite with a faked
// Date in a UTC process, and the date-sensitive e2e suites with the browser's clock set and
// the demo organisation built around the same moment.
for (const moment of ['tuesdayNight', 'afterMidnight', 'newYear', 'dstNight'] satisfies Moment[]) {
  const env = { ...embeddedEnv, POLKU_TEST_NOW: moment, TZ: 'UTC' };
  runs.push(await vitestRun(`unit tests at ${moment} (${MOMENTS[moment]})`, ['--project', 'unit'], env));
  runs.push(await vitestRun(`session day and participant phone at ${moment}`, ['--project', 'e2e', 'tests/e2e/session-day.test.ts', 'tests/e2e/participant-phone.test.ts'], env));
}

if (couchRequested()) {
  const couch = await vitestRun('integration, cluster and end-to-end tests against Apache CouchDB 3', ['--project', 'couchdb'], process.env);
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
for (const r of runs.filter((r) => r.failed > 0)) console.error(`✗ ${r.label}: ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
