/**
 * `npm test`: everything, in one command, on a fresh machine — type check, build, unit,
 * integration and end-to-end tests. Chromium is installed first if missing (Debian, root),
 * otherwise the run fails with the install command. Nothing is skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './support/chromium.ts';
import { MOMENTS, type Moment } from './support/clock.ts';

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
interface Counts {
  passed: number;
  failed: number;
}

/** One vitest run; its counts come from its JSON report, and a skipped test counts as failed. */
function vitestRun(label: string, args: string[], env: NodeJS.ProcessEnv = {}): Counts {
  console.log(`\n▶ ${label}`);
  const report = join(mkdtempSync(join(tmpdir(), 'polku-vitest-')), 'report.json');
  const result = spawnSync(npx, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
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

const runs: Counts[] = [vitestRun('unit, integration and end-to-end tests', [])];

// The same code at the awkward hours (tests/support/clock.ts): the unit suite with a faked
// Date in a UTC process, and the date-sensitive e2e suites with the browser's clock set and
// the demo organisation built around the same moment.
for (const moment of ['tuesdayNight', 'afterMidnight', 'newYear', 'dstNight'] satisfies Moment[]) {
  const env = { POLKU_TEST_NOW: moment, TZ: 'UTC' };
  runs.push(vitestRun(`unit tests at ${moment} (${MOMENTS[moment]})`, ['--project', 'unit'], env));
  runs.push(vitestRun(`session day and participant phone at ${moment}`, ['--project', 'e2e', 'tests/e2e/session-day.test.ts', 'tests/e2e/participant-phone.test.ts'], env));
}

const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
