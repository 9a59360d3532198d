// Takes screenshots of key pages at desktop and phone width: node scripts/screenshots.mjs [baseUrl] [outDir]
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? '.data/screenshots';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const pages = [
  ['landing', '/', null],
  ['sign-in', '/sign-in', null],
  ['sign-up', '/sign-up', null],
  ['experts', '/experts', null],
  ['admin', '/admin', 'admin@pathwise.dev'],
  ['learn', '/learn', 'learner@pathwise.dev'],
  ['progress', '/learn/progress', 'learner@pathwise.dev'],
  ['new-curriculum', '/learn/new', 'learner@pathwise.dev'],
  ['profile', '/experts/lukas-becker', 'learner@pathwise.dev'],
  ['dashboard', '/dashboard', 'expert@pathwise.dev'],
];
for (const [w, h, tag] of [[1280, 860, 'desktop'], [375, 812, 'phone']]) {
  for (const scheme of (process.env.SCHEMES ?? 'light').split(',')) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
    const page = await ctx.newPage();
    let signedIn = null;
    for (const [name, path, as] of pages) {
      if (as && signedIn !== as) {
        await ctx.clearCookies();
        const res = await page.request.post(`${base}/api/auth/sign-in`, { data: { email: as, password: 'pathwise-demo' } });
        if (!res.ok()) throw new Error(`sign-in as ${as}: ${res.status()}`);
        signedIn = as;
      }
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await page.screenshot({ path: `${out}/${name}-${tag}-${scheme}.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await browser.close();
console.log('screenshots in', out);
