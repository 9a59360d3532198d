import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// The privacy journey in Chromium: consent at sign-up, consents in settings, the data archive, deleting the account.
test('a learner signs up with consent, downloads their data, and deletes the account with their password', async ({ page }) => {
  const email = `e2e-privacy-${Date.now()}@example.test`;
  const password = 'a good long password';
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Priya Private');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  // Without the box ticked the form says why and sends nothing.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Agree to the terms and privacy notice to create an account.')).toBeVisible();
  await page.getByLabel('I agree to the terms and privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/learn$/);

  // Settings: the sign-up consents are on record; an optional one is switched on and joins the history.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();
  await page.getByText(/^History/).click();
  const history = page.getByTestId('consent-history');
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history).toContainText('Terms of service');
  await expect(history).toContainText('Privacy notice');
  const marketing = page.getByRole('switch', { name: 'Product news by email' });
  await expect(marketing).not.toBeChecked();
  await marketing.check();
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(marketing).toBeChecked();
  await expectAccessible(page);

  // The archive: a JSON file about this account, with its consents and no secrets.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pathwise-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, 'utf8');
  const archive = JSON.parse(text);
  expect(archive).toMatchObject({ format: 'pathwise-data-export', account: { email, name: 'Priya Private', role: 'learner' } });
  expect(archive.consents.map((c: { kind: string }) => c.kind).sort()).toEqual(['marketing_email', 'privacy', 'terms']);
  expect(archive.sessions.length).toBeGreaterThanOrEqual(1);
  expect(text).not.toMatch(/argon2|password_hash|pw_session/);

  // Delete: the dialog needs the password (a wrong one is refused in place), then the account is gone.
  await page.getByRole('button', { name: 'Delete my account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Your password')).toBeFocused();
  await page.keyboard.press('Escape'); // keyboard: Esc closes it, nothing happens
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete my account…' }).click();
  await dialog.getByLabel('Your password').fill('not my password');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByText('That password is not right.')).toBeVisible();
  await dialog.getByLabel('Your password').fill(password);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();

  await expect(page).toHaveURL(/\/privacy\?account=deleted$/);
  await expect(page.getByText('Your account has been deleted')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expectAccessible(page);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings/);

  // The old password opens nothing now.
  await signIn(page, email, password);
  await expect(page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' })).toBeVisible();
});

test('the privacy page is public and linked from every page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { name: 'Privacy', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How long we keep it' })).toBeVisible();
  await expectAccessible(page);
});
