// The curriculum page with a long plan: page height (desktop 1280 px and phone 375 px), layout shift while it loads,
// DOM size, and the height with every module open (what the page was before modules collapsed).
//
//   BASE_URL=http://localhost:3103 LABEL=after node bench/curriculum-page.mjs
//
// Needs a running server (npm start) with sign-up open. Signs up a fresh learner, generates offline through the form
// ("Learn Spanish to B1", 4 h a week, 20 weeks: 20 modules with the atlas planner), and writes
// bench/results/curriculum-page-<LABEL>.json.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://localhost:3103';
const label = process.env.LABEL ?? 'after';
const goal = process.env.GOAL ?? 'Learn Spanish to B1';
const weeks = process.env.WEEKS ?? '20';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/sign-up`);
await page.getByLabel('Name').fill('Bench Learner');
await page.getByLabel('Email').fill(`bench-page-${Date.now()}@example.test`);
await page.getByLabel('Password').fill('a good long password');
await page
  .getByLabel('I agree to the terms and privacy notice')
  .check()
  .catch(() => {});
await page.getByRole('button', { name: 'Create account' }).click();
await page.waitForURL(/\/learn$/);
await page.getByRole('link', { name: 'New curriculum' }).first().click();
await page.getByLabel('What do you want to learn?').fill(goal);
await page.getByLabel('Hours per week').fill('4');
await page.getByLabel('Number of weeks').fill(weeks);
await page.getByRole('button', { name: 'Generate curriculum' }).click();
await page.waitForURL(/\/learn\/[0-9a-f-]{36}$/);
await page.getByTestId('percent-complete').waitFor({ timeout: 60_000 });
const url = page.url();

/** A fresh load of the page at a width: height, layout shift, DOM size. */
async function measure(width) {
  const p = await context.newPage();
  await p.setViewportSize({ width, height: width > 800 ? 900 : 812 });
  await p.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const started = Date.now();
  await p.goto(url, { waitUntil: 'load' });
  const loadMs = Date.now() - started;
  await p.waitForTimeout(1500);
  const r = await p.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    cls: Math.round(window.__cls * 1000) / 1000,
    domNodes: document.getElementsByTagName('*').length,
    modules: document.querySelectorAll('[data-module-index]').length,
    lessons: document.querySelectorAll('li[data-lesson-status]').length,
  }));
  await p.close();
  return { width, loadMs, ...r };
}

const desktop = await measure(1280);
const phone = await measure(375);
await page.reload();
await page.getByTestId('percent-complete').waitFor();
// Pages whose modules do not collapse (before issue #14) have nothing to open: null.
const opened = await page.evaluate(() => {
  const all = document.querySelectorAll('[data-module-index] > details');
  all.forEach((d) => (d.open = true));
  return all.length;
});
await page.waitForTimeout(500);
const everyModuleOpen = opened ? await page.evaluate(() => document.documentElement.scrollHeight) : null;
const result = {
  label,
  at: new Date().toISOString(),
  goal,
  weeks: Number(weeks),
  desktop,
  phone,
  everyModuleOpenDesktopHeight: everyModuleOpen,
};
writeFileSync(new URL(`./results/curriculum-page-${label}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
await browser.close();
