// `npm test`: every suite — unit tests (Vitest), then end-to-end tests (Playwright, real Chromium) —
// and one closing line with the totals of all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

/**
 * @typedef {object} Suite
 * @property {string} name
 * @property {[string, ...string[]]} command
 * @property {string} report the runner's JSON report
 * @property {(report: unknown) => { passed: number, failed: number }} count passed and failed tests, from that report
 */

/** @type {Suite[]} */
const suites = [
  {
    name: 'unit',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json'],
    report: 'test-results/unit.json',
    count: (report) => {
      const { numPassedTests, numFailedTests } = /** @type {{ numPassedTests: number, numFailedTests: number }} */ (report);
      return { passed: numPassedTests, failed: numFailedTests };
    },
  },
  {
    name: 'end-to-end',
    command: ['npx', 'playwright', 'test'],
    report: 'test-results/e2e.json',
    count: (report) => {
      const { stats } = /** @type {{ stats: { expected: number, flaky: number, unexpected: number } }} */ (report);
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
  },
];

const only = process.argv[2];
const chosen = suites.filter((s) => !only || s.name === only);
// Without a browser the end-to-end tests cannot run: say so at once, before anything else runs.
if (chosen.some((suite) => suite.name === 'end-to-end')) {
  const chromium = findChromium();
  if (chromium.path === undefined) {
    console.error(chromium.problem);
    process.exit(1);
  }
}

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
for (const suite of chosen) {
  rmSync(suite.report, { force: true });
  console.log(`\n── ${suite.name} tests ──`);
  const run = spawnSync(suite.command[0], suite.command.slice(1), { stdio: 'inherit', env: process.env });
  const counts = existsSync(suite.report) ? suite.count(JSON.parse(readFileSync(suite.report, 'utf8'))) : { passed: 0, failed: 1 };
  // A runner that crashed before reporting counts as a failure, never as a pass.
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed`);
  passed += counts.passed;
  failed += counts.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
