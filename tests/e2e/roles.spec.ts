import { expect, test } from '@playwright/test';
import { expectAccessible, readMailTo, signIn } from './helpers';

test('the demo admin reaches the admin panel', async ({ page }) => {
  await signIn(page, 'admin@pathwise.dev');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Admin panel' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Applications waiting for review' })).toBeVisible();
  await expect(page.getByText('Tomás Rivera')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Admin' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Learn' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a learner who opens the admin panel is refused with 403', async ({ page }) => {
  await signIn(page, 'learner@pathwise.dev');
  await expect(page).toHaveURL(/\/learn$/);
  const res = await page.goto('/admin');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await expect(page.getByText('Applications waiting for review')).toHaveCount(0);
  await expectAccessible(page);
});

test('the demo expert lands on the dashboard with the expert navigation', async ({ page }) => {
  await signIn(page, 'expert@pathwise.dev');
  await expect(page).toHaveURL(/\/dashboard$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Dashboard', 'Availability', 'Sessions', 'Earnings'])
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  await expect(page.getByText('Approved · listed')).toBeVisible();
  await expectAccessible(page);
});

test('the admin reads a password-reset email in the dev outbox', async ({ page }) => {
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill('learner@pathwise.dev');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('Check your email')).toBeVisible();
  await expectAccessible(page);

  await signIn(page, 'admin@pathwise.dev');
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByText('Reset your Pathwise password').first().click();
  // The admin sees that a link went out, never a live one: its token is masked.
  await expect(page.getByTestId('outbox-body').first()).toContainText('/reset-password?token=');
  await expect(page.getByTestId('outbox-body').first()).toContainText('…[hidden]');
});

test('the public directory lists approved experts only, and works on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/experts');
  await expect(page.getByRole('heading', { name: 'Lukas Becker' })).toBeVisible();
  await expect(page.getByText('Tomás Rivera')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // On a phone the filters fold behind one button so results start on the first screen.
  await expect(page.getByLabel('Specialty')).toBeHidden();
  await page.getByRole('button', { name: 'Filters' }).click();
  await expect(page.getByLabel('Specialty')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide filters' })).toHaveAttribute('aria-expanded', 'true');
  await page.locator('summary[aria-label="Menu"]').click();
  await expect(page.locator('#mobile-menu').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);
});

test('a signed-out visitor gets the directory from the page cache, and the kept page still works', async ({ page }) => {
  expect((await page.goto('/experts?q=german'))?.headers()['x-cache']).toBe('miss');
  expect((await page.goto('/experts?q=german'))?.headers()['x-cache']).toBe('hit');
  // The kept HTML hydrates: a card's link navigates on the client, and the filters still submit.
  await page.getByRole('link', { name: 'Lukas Becker' }).click();
  await expect(page).toHaveURL(/\/experts\/lukas-becker$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lukas Becker' })).toBeVisible();
  await page.goBack();
  await page.getByLabel('Search', { exact: true }).fill('spanish');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/q=spanish/);
});

test('a user resets a forgotten password with the link from their email', async ({ page, request }) => {
  const email = `reset-${Date.now()}@example.test`;
  const created = await request.post('/api/auth/sign-up', {
    data: { name: 'Riley Reset', email, password: 'the first password', acceptTerms: true },
  });
  expect(created.status()).toBe(201);
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('Check your email')).toBeVisible();

  // The dev outbox delivers to files on the server's disk (admins only see the link masked); read the email
  // the way its recipient would.
  await expect.poll(() => readMailTo(email), { timeout: 10_000 }).toMatch(/reset-password\?token=/);
  const url = new URL(/https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(readMailTo(email)!)![0]);

  await page.goto(url.pathname + url.search);
  await page.getByLabel('New password').fill('the second password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await expect(page.getByText('Your password was changed.')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('the second password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/learn$/);
});
