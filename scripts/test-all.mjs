// npm test: unit + integration (vitest) then e2e (Playwright), and one closing line of totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';

const REPORTS = '.data/reports';
mkdirSync(REPORTS, { recursive: true });
for (const f of ['vitest.json', 'e2e.json', 'e2e-google.json']) rmSync(`${REPORTS}/${f}`, { force: true });
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } }).status ?? 1;
const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);

let passed = 0;
let failed = 0;

const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`]);
const v = readJson(`${REPORTS}/vitest.json`);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
}
if (vitestStatus !== 0 && (!v || v.numFailedTests === 0)) failed += 1; // a crash or a failed file outside any test

if (!findChromium()) {
  console.error(`\n${INSTALL_HINT}`);
  if (process.env.CI === 'true') failed += 1;
  else console.error('Skipping the e2e suite (not a failure outside CI).');
} else {
  const e2eStatus = run('node', ['scripts/test-e2e.mjs']);
  const reports = ['e2e.json', 'e2e-google.json'].map((f) => readJson(`${REPORTS}/${f}`)).filter(Boolean);
  for (const e of reports) {
    passed += e.stats.expected + (e.stats.flaky ?? 0);
    failed += e.stats.unexpected;
  }
  if (e2eStatus !== 0 && !reports.some((e) => e.stats.unexpected > 0)) failed += 1; // build or server start failed
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
