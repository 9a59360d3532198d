import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, signIn, signOut } from './helpers';

test('the landing page explains the product and reports embedded defaults', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Learn anything with a plan');
  // Copy true to what works: sessions can be booked, and payments are said to be test mode.
  await expect(page.getByText(/book a 1:1 session/i).first()).toBeVisible();
  await expect(page.getByText(/payments run in test mode/i)).toBeVisible();
  await expect(page.getByText(/opens soon/i)).toHaveCount(0);
  await expectAccessible(page);
  const health = await (await request.get('/api/health')).json();
  expect(health).toMatchObject({
    status: 'ok',
    db: 'pglite',
    redis: 'memory',
    providers: {
      ai: 'offline',
      email: 'outbox',
      sms: 'outbox',
      storage: 'local',
      payments: 'simulated',
      calendar: 'ics',
      video: 'builtin',
      paypal: 'off',
    },
  });
  expect(Object.keys(health.providers).sort()).toEqual(['ai', 'calendar', 'email', 'payments', 'paypal', 'sms', 'storage', 'video']);
});

test('a new learner signs up, signs out and signs back in', async ({ page }) => {
  const email = `e2e-${Date.now()}@example.test`;
  await page.goto('/sign-up');
  await expectAccessible(page);
  await page.getByLabel('Name').fill('Pat Learner');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByLabel('I agree to the terms and privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Pat' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' })).toBeVisible();
  await expectAccessible(page);

  await signOut(page);
  await page.goto('/learn');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Flearn/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/learn$/);
});

test('sign-up shows field messages next to the fields, from the browser and from the server', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Dup');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  await expect(page.getByText('Agree to the terms and privacy notice to create an account.')).toBeVisible();
  await expectAccessible(page);

  // The server refuses a taken address with 409 without saying the account exists (the owner gets an email);
  // the message lands under the email field.
  await page.getByLabel('Email').fill('learner@pathwise.dev');
  await page.getByLabel('Password').fill('a good long password');
  await page.getByLabel('I agree to the terms and privacy notice').check();
  const [res] = await Promise.all([
    page.waitForResponse('**/api/auth/sign-up'),
    page.getByRole('button', { name: 'Create account' }).click(),
  ]);
  expect(res.status()).toBe(409);
  await expect(page.getByText(/We could not create an account with this email/)).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await signIn(page, 'learner@pathwise.dev', 'not the password');
  await expect(page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' })).toBeVisible();
  await expectAccessible(page);
});

test('the theme toggle switches to dark and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/sign-in');
  const html = page.locator('html');
  await expect(html).not.toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Toggle dark theme' }).click();
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expectAccessible(page);
});

test('a crafted next= link cannot send the user to another site after signing in', async ({ page }) => {
  // The link an attacker mails out: /%5C makes "/\evil.example/", which browsers read as //evil.example/.
  await page.goto('/sign-in?next=/%5Cevil.example/');
  await page.getByLabel('Email').fill('learner@pathwise.dev');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/learn$/);
});

test('a next= path on this site is still honoured after signing in', async ({ page }) => {
  await page.goto('/experts/lukas-becker');
  await page.getByRole('link', { name: 'Sign in to book' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fexperts%2Flukas-becker/);
  await page.getByLabel('Email').fill('learner@pathwise.dev');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/experts\/lukas-becker$/);
});
