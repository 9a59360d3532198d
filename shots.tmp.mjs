import { chromium } from '@playwright/test';
const base = 'http://localhost:3400';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function signedIn(email, opts) {
  const ctx = await browser.newContext(opts);
  const page = await ctx.newPage();
  await page.goto(base + '/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('pathwise-demo');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}
for (const [w, h] of [[1280, 900], [375, 800]]) {
  const p = await signedIn('learner@pathwise.dev', { viewport: { width: w, height: h }, timezoneId: 'Asia/Kolkata' });
  await p.goto(base + '/experts/emily-carter');
  await p.waitForTimeout(2500);
  await p.screenshot({ path: `/tmp/shots/profile-${w}.png`, fullPage: true });
  await p.goto(base + '/sessions');
  await p.waitForTimeout(1500);
  await p.screenshot({ path: `/tmp/shots/sessions-learner-${w}.png`, fullPage: true });
  const e = await signedIn('expert@pathwise.dev', { viewport: { width: w, height: h }, timezoneId: 'America/New_York' });
  await e.goto(base + '/availability');
  await e.waitForTimeout(2500);
  await e.screenshot({ path: `/tmp/shots/availability-${w}.png`, fullPage: true });
  await e.goto(base + '/dashboard');
  await e.waitForTimeout(1000);
  await e.screenshot({ path: `/tmp/shots/dashboard-${w}.png`, fullPage: true });
}
const anon = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
await anon.goto(base + '/experts');
await anon.waitForTimeout(2000);
await anon.screenshot({ path: '/tmp/shots/directory-1280.png' });
await browser.close();
