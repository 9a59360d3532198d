// Builds the app (unless E2E_SKIP_BUILD=1) and runs the Playwright suite in Debian's Chromium
// against the production server on a fresh PGlite directory.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';

const chromium = findChromium();
if (!chromium) {
  console.error(`e2e: no Chromium found. ${INSTALL_HINT}`);
  process.exit(process.env.CI === 'true' ? 1 : 0);
}
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (process.env.E2E_SKIP_BUILD !== '1') {
  // The build reads no database; a bare environment keeps test variables out of it.
  const status = run('npm', ['run', 'build'], { DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'production' });
  if (status !== 0) process.exit(status);
}
rmSync('.data/e2e', { recursive: true, force: true });
const args = process.argv.slice(2);
let status = run('npx', ['playwright', 'test', ...args], { CHROMIUM_PATH: chromium });

// The calendar spec needs Google configured against the fake Google (tests/support/fake-google.ts), which the
// other specs must not see: a second pass with its own server, database and report (scripts/test-all.mjs sums them).
if (args.length === 0) {
  rmSync('.data/e2e', { recursive: true, force: true });
  const google = run('npx', ['playwright', 'test', 'tests/e2e/calendar-google.spec.ts'], {
    CHROMIUM_PATH: chromium,
    E2E_FAKE_GOOGLE: '1',
    E2E_REPORT: '.data/reports/e2e-google.json',
  });
  status = status || google;
}
process.exit(status);
