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
const report = join(mkdtempSync(join(tmpdir(), 'polku-vitest-')), 'report.json');
const vitest = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  stdio: 'inherit',
  env: process.env,
});
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
}
if (skipped > 0) {
  console.error(`✗ ${skipped} tests were skipped; a skipped test checks nothing`);
  failed += skipped;
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(vitest.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
