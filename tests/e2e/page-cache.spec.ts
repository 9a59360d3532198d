import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, openExpertProfile, signOut } from './helpers';

// Kept public pages (issue #15, lib/http/fast-lane.ts): the landing, sign-in, sign-up, forgot-password, privacy and
// expert profiles are kept for signed-out visitors and served with the hashes of their inline scripts. The
// header is the per-visitor part: a signed-out visitor must never get a header rendered for someone signed in,
// and a signed-in visitor never the signed-out one — whichever of them reached the page first. Signed-in
// visitors get a copy kept per role of the pages that do not depend on who asks (privacy, forgot-password, the
// directory, profiles), with no name in it: each visitor's own name comes with
// the answer (lib/auth/viewer-cookie.ts) and the header shows it after hydration.

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

test('cache warmed signed out, then visited signed in: the signed-in visitor never gets the signed-out page', async ({ browser }) => {
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
    // The learner's own copy (kept per role) or a render for them; the signed-out copy never.
    expect(await res?.text(), path).toContain('Sign out');
    await expectSignedInHeader(out.page, 'Lena');
    await expectHydrated(out.page);
  }
  // Each of them now the learners' copy (a profile's own packages and curricula are fetched after hydration).
  for (const path of pages) expect((await out.page.goto(path))?.headers()['x-cache'], path).toBe('hit');
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
    for (const cache of ['miss', 'hit']) {
      const res = await inn.page.goto(path);
      expect(res?.headers()['x-cache'], path).toBe(cache); // the experts' copy
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

test('a copy kept per role: each visitor sees their own name and role, never the first visitor’s', async ({ browser }) => {
  // A search no other test makes, so the first visit below is the one that renders the learners' copy.
  const path = `/experts?q=kept${Date.now()}`;
  const lena = await freshPage(browser);
  const errors: string[] = [];
  lena.page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await signInThroughForm(lena.page, 'learner@pathwise.dev');
  const first = await lena.page.goto(path);
  expect(first?.headers()['x-cache']).toBe('miss');
  const firstHtml = (await first?.text()) ?? '';
  expect(firstHtml).not.toContain('Lena');
  expect(firstHtml).not.toContain('learner@pathwise.dev');
  await expectSignedInHeader(lena.page, 'Lena Learner');
  await expect(lena.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' })).toBeVisible();
  await expectHydrated(lena.page);

  // Another learner, new, on a phone: the same copy, their name in the header and in the menu.
  const pat = await freshPage(browser);
  await pat.page.setViewportSize({ width: 375, height: 740 });
  await pat.page.goto('/sign-up');
  await pat.page.getByLabel('Name').fill('Noa Kealoha');
  await pat.page.getByLabel('Email').fill(`kept-${Date.now()}@example.test`);
  await pat.page.getByLabel('Password').fill('a good long password');
  await pat.page.getByLabel('I agree to the terms and privacy notice').check();
  await pat.page.getByRole('button', { name: 'Create account' }).click();
  await expect(pat.page).toHaveURL(/\/learn$/);
  const second = await pat.page.goto(path);
  expect(second?.headers()['x-cache']).toBe('hit');
  expect(await second?.text()).toBe(firstHtml);
  await pat.page.getByRole('banner').getByLabel('Menu').click();
  await expect(pat.page.locator('#mobile-menu')).toContainText('Noa Kealoha · Learner');
  await expect(pat.page.getByRole('banner')).not.toContainText('Lena');

  // A profile is one copy for all learners too: each learner's own curricula come after hydration. Lena (who has
  // the seeded plan) can attach it to a booking; the new learner has nothing to attach.
  const attach = (page: Page) => page.getByLabel('Attach a curriculum (optional)');
  await openExpertProfile(lena.page);
  await expect(attach(lena.page).locator('option', { hasText: 'Whole curriculum:' }).first()).toBeAttached();
  const reloaded = await lena.page.reload();
  expect(reloaded?.headers()['x-cache']).toMatch(/^(hit|miss)$/);
  await expect(attach(lena.page).locator('option', { hasText: 'Whole curriculum:' }).first()).toBeAttached();
  const patProfile = await pat.page.goto(lena.page.url());
  expect(patProfile?.headers()['x-cache']).toBe('hit');
  await expect(pat.page.getByTestId('slot-picker')).toBeVisible();
  await expect(pat.page.locator('[data-learner-part="ready"]')).toBeAttached();
  await expect(attach(pat.page)).toHaveCount(0);

  // The expert gets the experts' copy: their navigation and name.
  const emily = await freshPage(browser);
  await signInThroughForm(emily.page, 'expert@pathwise.dev');
  expect((await emily.page.goto(path))?.headers()['x-cache']).toBe('miss');
  await expectSignedInHeader(emily.page, 'Emily Carter');
  await expect(emily.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toBeVisible();

  // Signed out, the name goes with the session, and the page is the signed-out one.
  await pat.page.setViewportSize({ width: 1280, height: 800 });
  await pat.page.goto('/privacy');
  await signOut(pat.page);
  expect((await pat.page.context().cookies()).map((c) => c.name)).not.toContain('pw_viewer');
  await pat.page.goto(path);
  await expectSignedOutHeader(pat.page);

  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
  for (const v of [lena, pat, emily]) {
    expect(v.violations).toEqual([]);
    await v.context.close();
  }
});
