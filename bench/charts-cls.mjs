// Layout shift and looks of the lazily loaded progress charts: signs the demo learner in, opens /learn/progress
// at desktop and phone width, sums the page's layout shifts (PerformanceObserver 'layout-shift', the CLS
// inputs without recent input) from navigation until both charts have drawn, and screenshots each chart.
//   node bench/charts-cls.mjs <baseUrl> [outDir]      (a production server on the demo data; CHROMIUM_PATH)
// Prints one JSON line per width and writes <outDir>/charts-cls.json and chart PNGs (default .data/charts-cls).
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? '.data/charts-cls';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

const results = [];
for (const [width, height, tag] of [
  [1280, 860, 'desktop'],
  [375, 812, 'phone'],
]) {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const res = await ctx.request.post(`${base}/api/auth/sign-in`, {
    data: { email: 'learner@pathwise.dev', password: 'pathwise-demo' },
    headers: { origin: base },
  });
  if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
  await ctx.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (!e.hadRecentInput)
          window.__shifts.push({
            value: e.value,
            at: Math.round(e.startTime),
            nodes: (e.sources ?? []).map((s) => s.node?.dataset?.testid ?? s.node?.nodeName),
          });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await ctx.newPage();
  await page.goto(base + '/learn/progress', { waitUntil: 'domcontentloaded' });
  // Position in the document (not the viewport), so scrolling does not count as a move.
  const box = async (id) =>
    page.getByTestId(id).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
    });
  const before = { cumulative: await box('chart-cumulative'), minutes: await box('chart-minutes') };
  const placeholder = await page.getByTestId('chart-minutes-loading').count();
  // The charts draw when near the viewport or when the browser is idle after load; scroll like a reader.
  await page.getByTestId('chart-cumulative').locator('.recharts-line').first().waitFor({ timeout: 20_000 });
  await page.getByTestId('chart-minutes').scrollIntoViewIfNeeded();
  await page.getByTestId('chart-minutes').locator('.recharts-bar-rectangle').first().waitFor({ timeout: 20_000 });
  // Recharts animates the actual line for 1.5 s after it mounts; the screenshots are of the finished drawing.
  await page.waitForTimeout(2000);
  const after = { cumulative: await box('chart-cumulative'), minutes: await box('chart-minutes') };
  const shifts = await page.evaluate(() => window.__shifts);
  for (const id of ['chart-cumulative', 'chart-minutes'])
    await page
      .getByTestId(id)
      .locator('..')
      .screenshot({ path: `${out}/${id}-${tag}.png` });
  await page.screenshot({ path: `${out}/progress-${tag}.png`, fullPage: true });
  const r = {
    width: tag,
    cls: +shifts.reduce((s, e) => s + e.value, 0).toFixed(4),
    shifts,
    placeholderSeenAtDomContentLoaded: placeholder > 0,
    chartBoxesUnchanged: JSON.stringify(before) === JSON.stringify(after),
    before,
    after,
  };
  results.push(r);
  console.log(JSON.stringify(r));
  await ctx.close();
}
await browser.close();
writeFileSync(`${out}/charts-cls.json`, JSON.stringify({ date: new Date().toISOString(), base, results }, null, 2) + '\n');
