import { existsSync } from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH); Playwright never downloads a browser of its own here. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const INSTALL_HINT = 'Install Chromium to run the browser tests: sudo apt-get install -y chromium (or set CHROMIUM_PATH).';
