import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

// Kept public pages (issue #15, lib/http/fast-lane.ts): the landing, sign-in, sign-up, forgot-password, privacy and
// expert profiles are kept for signed-out visitors and served with the hashes of their inline scripts. The
// header is the per-visitor part: a signed-out visitor must never get a header rendered for someone signed in,
// and a signed-in visitor never the signed-out one — whichever of them reached the page first.

/** CSP violations seen by the page (any is a failure: a kept page must hydrate under its hash policy). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

async function expectSignedOutHeader(page: Page) {
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Get started' })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(header.getByTestId('signed-in-as')).toHaveCount(0);
}

async function expectSignedInHeader(page: Page, name: string) {
  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(header.getByTestId('signed-in-as')).toContainText(name);
  await expect(header.getByRole('link', { name: 'Get started' })).toHaveCount(0);
  await expect(header.getByRole('link', { name: 'Sign in', exact: true })).toHaveCount(0);
}

async function signInThroughForm(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, violations: await watchViolations(page) };
}

/** Hydrated: the theme script ran, and a client component answers a click (the theme toggle flips the class). */
async function expectHydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('style', /color-scheme/);
  const dark = await page.locator('html').evaluate((el) => el.classList.contains('dark'));
  await page.getByRole('banner').locator('[data-theme-toggle]').first().click();
  await expect.poll(() => page.locator('html').evaluate((el) => el.classList.contains('dark'))).toBe(!dark);
}

test('cache warmed signed out, then visited signed in: the signed-in visitor never gets the kept page', async ({ browser }) => {
  const pages = ['/privacy', '/experts/priya-raman', '/forgot-password'];
  const out = await freshPage(browser);
  for (const path of ['/', '/sign-in', ...pages]) {
    await out.page.goto(path);
    const again = await out.page.goto(path);
    expect(again?.headers()['x-cache'], path).toBe('hit');
    await expectSignedOutHeader(out.page);
    await expectHydrated(out.page);
  }
  // The kept sign-in page works: its form signs in.
  await out.page.goto('/sign-in');
  await out.page.getByLabel('Email').fill('learner@pathwise.dev');
  await out.page.getByLabel('Password').fill(DEMO_PASSWORD);
  await out.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(out.page).toHaveURL(/\/learn$/);
  for (const path of pages) {
    const res = await out.page.goto(path);
    expect(res?.headers()['x-cache'], path).toBeUndefined();
    await expectSignedInHeader(out.page, 'Lena');
  }
  // Signed in, the landing and sign-in still send the visitor home.
  for (const path of ['/', '/sign-in']) {
    await out.page.goto(path);
    await expect(out.page).toHaveURL(/\/learn$/);
    await expectSignedInHeader(out.page, 'Lena');
  }
  expect(out.violations).toEqual([]);
  await out.context.close();
});

test('cache warmed signed in, then visited signed out: the signed-out visitor never gets the signed-in header', async ({ browser }) => {
  // Pages no other test visits, so the signed-in visits are the first these URLs see.
  const pages = ['/experts/kenji-watanabe', '/experts/aroha-ngata', '/sign-up?as=expert'];
  const inn = await freshPage(browser);
  await signInThroughForm(inn.page, 'expert@pathwise.dev');
  for (const path of pages.slice(0, 2)) {
    for (let i = 0; i < 2; i++) {
      const res = await inn.page.goto(path);
      expect(res?.headers()['x-cache'], path).toBeUndefined();
      await expectSignedInHeader(inn.page, 'Emily');
    }
  }
  await inn.page.goto(pages[2]); // signed in: sent to their dashboard, nothing kept
  await expect(inn.page).toHaveURL(/\/dashboard$/);
  expect(inn.violations).toEqual([]);

  const out = await freshPage(browser);
  for (const path of pages) {
    const first = await out.page.goto(path);
    expect(first?.headers()['x-cache'], `${path}: nothing was kept from the signed-in visits`).toBe('miss');
    await expectSignedOutHeader(out.page);
    const again = await out.page.goto(path);
    expect(again?.headers()['x-cache'], path).toBe('hit');
    await expectSignedOutHeader(out.page);
    await expectHydrated(out.page);
  }
  // Still signed in elsewhere: the expert's own tab is unaffected by the signed-out visits.
  await inn.page.goto(pages[0]);
  await expectSignedInHeader(inn.page, 'Emily');
  expect(out.violations).toEqual([]);
  await out.context.close();
  await inn.context.close();
});
