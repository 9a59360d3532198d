import { expect, test } from '@playwright/test';

// The base security headers (server/security-headers.mjs) on every kind of answer the production server gives:
// a Next page, an API route, the directory's fast lane (a kept page and the JSON API), the slots fast lane and a
// static asset — and a cross-site page cannot show the app in a frame.
const EXPECTED = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

test('every kind of answer carries the security headers', async ({ request }) => {
  const paths = ['/', '/sign-in', '/api/health', '/experts', '/experts', '/api/experts?q=react', '/api/experts/emily-carter/slots?length=30&tz=UTC', '/icon.svg', '/no-such-page'];
  for (const path of paths) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    for (const [name, value] of Object.entries(EXPECTED)) expect(h[name], `${name} on ${path} (${res.status()})`).toBe(value);
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['permissions-policy'], path).toContain('camera=()');
  }
});

test('a page on another site cannot frame the app', async ({ page, baseURL }) => {
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  // about:blank is another origin than the app; the frame asks for the sign-in page.
  await page.setContent(`<iframe title="framed" src="${baseURL}/sign-in" width="600" height="400"></iframe>`);
  await expect.poll(() => messages.some((m) => /frame-ancestors|X-Frame-Options|refused to (display|frame)/i.test(m)), { timeout: 10_000 }).toBe(true);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  const text = framed ? await framed.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
  expect(text).not.toContain('Sign in');
});
