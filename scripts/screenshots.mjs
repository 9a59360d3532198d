// Screenshots of every main page at desktop and phone width, light and dark, for a look by eye:
//   node scripts/screenshots.mjs [baseUrl] [outDir]      SCHEMES=light,dark (default both), CHROMIUM_PATH
// Against a server on the demo data (`npm run build && npm start`). Files: <page>-<desktop|phone>-<scheme>.png.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? '.data/screenshots';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

/** Follows the first link whose text matches, for pages whose address holds a seeded id. */
const follow = (from, text) => async (page) => {
  await page.goto(base + from, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: text }).first().click();
  await page.waitForURL((url) => url.pathname !== from);
};

// [name, path or function that navigates, who is signed in]; grouped by account so each signs in once.
const pages = [
  ['landing', '/', null],
  ['sign-in', '/sign-in', null],
  ['sign-up', '/sign-up', null],
  ['forgot-password', '/forgot-password', null],
  ['experts', '/experts', null],
  ['expert-profile', follow('/experts', 'Lukas Becker'), null],
  ['not-found', '/no-such-page', null],
  ['learn', '/learn', 'learner@pathwise.dev'],
  ['new-curriculum', '/learn/new', 'learner@pathwise.dev'],
  ['curriculum', follow('/learn', /SQL in 8 weeks/), 'learner@pathwise.dev'],
  ['progress', '/learn/progress', 'learner@pathwise.dev'],
  ['sessions', '/sessions', 'learner@pathwise.dev'],
  ['forbidden', '/admin', 'learner@pathwise.dev'],
  ['dashboard', '/dashboard', 'expert@pathwise.dev'],
  ['availability', '/availability', 'expert@pathwise.dev'],
  ['earnings', '/earnings', 'expert@pathwise.dev'],
  ['admin', '/admin', 'admin@pathwise.dev'],
  ['application', follow('/admin', 'Tomás Rivera'), 'admin@pathwise.dev'],
];
for (const [w, h, tag] of [
  [1280, 860, 'desktop'],
  [375, 812, 'phone'],
]) {
  for (const scheme of (process.env.SCHEMES ?? 'light,dark').split(',')) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
    const page = await ctx.newPage();
    let signedIn = null;
    for (const [name, target, as] of pages) {
      if (signedIn !== as) {
        await ctx.clearCookies();
        if (as) {
          const res = await page.request.post(`${base}/api/auth/sign-in`, { data: { email: as, password: 'pathwise-demo' } });
          if (!res.ok()) throw new Error(`sign-in as ${as}: ${res.status()}`);
        }
        signedIn = as;
      }
      if (typeof target === 'function') await target(page);
      else await page.goto(base + target, { waitUntil: 'networkidle' });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-${tag}-${scheme}.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await browser.close();
console.log('screenshots in', out);
