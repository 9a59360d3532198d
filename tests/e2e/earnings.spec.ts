import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn as signInForm, signOut } from './helpers';

/** Signs in through the form and waits until the app has left the sign-in page. */
async function signIn(page: Page, email: string) {
  await signInForm(page, email);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

// Payments, expert side, in simulated mode (no Stripe key, PayPal off): the dashboard's labelled simulated payout
// account, /earnings from the ledger with its CSV, and the admin's payments report, ledger health and commission
// rules edited through the form. Paying for a session through the UI is the payments core's test-mode page
// (branch pay-core); the paid-session → completion → earnings journey is the fixme below until that page lands.

test.describe.configure({ mode: 'serial' });

test('the expert dashboard shows a labelled simulated payout account and links to earnings', async ({ page }) => {
  await signIn(page, 'expert@pathwise.dev');
  await page.goto('/dashboard');
  const card = page.getByTestId('payouts-card');
  await expect(card.getByRole('heading', { name: 'Payouts' })).toBeVisible();
  await expect(card.getByText('Test mode')).toBeVisible();
  await expect(card.getByText('Simulated payout account.')).toBeVisible();
  await card.getByRole('link', { name: 'See your earnings' }).click();
  await expect(page).toHaveURL(/\/earnings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Earnings' })).toBeVisible();
  await expect(page.getByText('Payments are simulated: no real money moved.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: '.data/shots/earnings-expert.png', fullPage: true });
  await signOut(page);
});

test('the admin edits a commission rule through the form, sees the ledger balanced and downloads the CSV', async ({ page }) => {
  await signIn(page, 'admin@pathwise.dev');
  await page.goto('/admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).click();
  await expect(page).toHaveURL(/\/admin\/payments$/);
  await expect(page.getByTestId('ledger-healthy')).toContainText('Balanced');
  await expect(page.getByText('Test mode: payments are simulated')).toBeVisible();

  const add = page.getByRole('form', { name: 'Commission for a new currency' });
  await add.getByLabel('Currency code').fill('EUR');
  await add.getByLabel('Percent').fill('12.5');
  await add.getByLabel('Fixed amount').fill('0.35');
  await add.getByRole('button', { name: 'Add' }).click();
  const eur = page.getByRole('form', { name: 'Commission for EUR' });
  await expect(eur.getByLabel('Percent')).toHaveValue('12.50');
  await expect(eur.getByLabel('Fixed amount')).toHaveValue('0.35');

  // A bad value gets a clear message, and nothing is saved.
  await eur.getByLabel('Percent').fill('150');
  await eur.getByLabel('Percent').press('Enter');
  await expect(eur.getByRole('alert')).toContainText('At most 100 %');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Commission for EUR' }).getByLabel('Percent')).toHaveValue('12.50');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download payments CSV' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8').split('\r\n')[0]).toBe(
    'payment_id,booking_id,expert,paid_at_utc,status,currency,amount,commission,expert_share,refunded,transfer_status,dispute_status',
  );
  await expectAccessible(page);
  await page.screenshot({ path: '.data/shots/admin-payments.png', fullPage: true });
});

test('mobile: the payouts card and earnings fit a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'expert@pathwise.dev');
  await page.goto('/dashboard');
  await expect(page.getByTestId('payouts-card')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: '.data/shots/dashboard-payouts-mobile.png', fullPage: true });
});

test.fixme('after a paid session completes, the expert’s earnings and the admin’s commission report show the amounts', async () => {
  // Needs the payments core's test-mode payment page (/pay/<id>, branch pay-core) to pay through the UI.
});
