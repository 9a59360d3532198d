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
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)], { CHROMIUM_PATH: chromium }));
