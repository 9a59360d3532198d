import { expect, test, type Browser } from '@playwright/test';
import { bookAndPay, DEMO_PASSWORD, openExpertProfile, payOnTestModePage, pickSlot, signIn } from './helpers';

// Simulated mode (no Stripe key): a learner books Emily and pays on the test-mode page, seeing the total, the
// commission and Emily's share first; then cancels late (under 24 h before the start) and gets the policy's refund.

async function newPage(browser: Browser, timezoneId = 'Europe/London') {
  const context = await browser.newContext({ timezoneId });
  return context.newPage();
}

test('a learner pays on the test-mode page; the admin refunds part of it with a reason', async ({ browser }) => {
  const learner = await newPage(browser);
  await signIn(learner, 'learner@pathwise.dev', DEMO_PASSWORD);
  await expect(learner).toHaveURL(/\/learn$/);
  await openExpertProfile(learner, 'Emily Carter');

  // Emily's demo availability always has free times in the coming days (pickSlot waits for the list to load).
  const { slot } = await pickSlot(learner);
  await slot.click();
  await learner.getByLabel('What do you want to work on?').fill('Window functions, please');
  await learner.getByRole('button', { name: /^Hold this time/ }).click();

  // Before paying: the total, the commission in it and Emily's share.
  const breakdown = learner.getByTestId('price-breakdown');
  await expect(breakdown).toBeVisible();
  const total = (await breakdown.getByTestId('price-total').textContent())!;
  const commission = (await breakdown.getByTestId('price-commission').textContent())!;
  const share = (await breakdown.getByTestId('price-expert').textContent())!;
  const num = (s: string) => Number(s.replace(/[^0-9.]/g, ''));
  expect(num(commission) + num(share)).toBeCloseTo(num(total), 2);
  expect(num(commission)).toBeCloseTo(num(total) * 0.15, 0);

  // The test-mode payment page shows the same amounts before Pay.
  const { paymentUrl } = await payOnTestModePage(learner, {
    onPayPage: async (shown) => {
      expect(shown).toEqual({ total, commission, share });
      await learner.screenshot({ path: '.data/shots/pay-test-mode.png', fullPage: true });
    },
  });
  await expect(learner.getByTestId('booking-confirmed')).toContainText('Booked:');
  await expect(learner.getByTestId('booking-confirmed')).toContainText('test mode');
  await learner.screenshot({ path: '.data/shots/pay-confirmed.png', fullPage: true });

  // The admin finds the payment and refunds part of it, with a reason.
  const admin = await newPage(browser);
  await signIn(admin, 'admin@pathwise.dev', DEMO_PASSWORD);
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).first().click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
  await admin.getByRole('link', { name: 'All payments and refunds →' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'All payments' })).toBeVisible();
  const row = admin.getByTestId('admin-payment').filter({ hasText: 'Lena Learner' }).filter({ hasText: total }).first();
  await row.getByRole('button', { name: 'Refund' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Refund a payment' });
  await dialog.getByLabel(/^Amount/).fill('10');
  await dialog.getByLabel(/^Reason/).fill('The first ten minutes were lost to audio trouble');
  await admin.screenshot({ path: '.data/shots/admin-refund.png', fullPage: true });
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('admin-payment-refunded')).toHaveText('$10');
  await expect(row).toContainText('partially refunded');

  await learner.goto(paymentUrl);
  await expect(learner.getByText('Partly refunded')).toBeVisible();
});

async function setPolicy(browser: Browser, fullRefundHours: string, latePercent: string) {
  const admin = await newPage(browser);
  await signIn(admin, 'admin@pathwise.dev', DEMO_PASSWORD);
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }).first().click();
  const hours = admin.getByLabel('Full refund when the learner cancels at least … hours before');
  await expect(hours).toBeEditable({ timeout: 30_000 });
  await hours.fill(fullRefundHours);
  await admin.getByLabel('Refund for a later learner cancellation (%)').fill(latePercent);
  await admin.getByRole('button', { name: /^Save/ }).click();
  await expect(admin.getByText('Policy saved.')).toBeVisible();
  await admin.context().close();
}

test('a late cancellation refunds what the policy says, and the amounts are shown', async ({ browser }) => {
  test.setTimeout(240_000); // two admin visits, a booking and a refund job on a shared 2-core machine
  // Every upcoming slot counts as late (full refund only 30 days ahead), and late cancellations get 50 %.
  await setPolicy(browser, '720', '50');
  try {
    const learner = await newPage(browser);
    await signIn(learner, 'learner@pathwise.dev', DEMO_PASSWORD);
    await expect(learner).toHaveURL(/\/learn$/);
    await openExpertProfile(learner, 'Emily Carter');
    const { start, paymentUrl } = await bookAndPay(learner);
    await learner.getByRole('link', { name: 'Go to My sessions' }).click();
    // This session's row: its start as the sessions list shows it (another test's session may share the day).
    const when = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'Europe/London',
    }).format(new Date(start));
    const item = learner.getByTestId('session-item').filter({ hasText: 'Confirmed' }).filter({ hasText: when });
    await expect(item).toHaveCount(1);
    await item.getByRole('button', { name: 'Details' }).click();
    await item.getByRole('button', { name: 'Cancel session' }).click();
    const dialog = learner.getByRole('dialog', { name: 'Cancel this session?' });
    const preview = dialog.getByTestId('refund-preview');
    await expect(preview).toContainText('50%');
    const text = (await preview.textContent())!;
    const [, refund, price] = /\((\S+) of (\S+)\)/.exec(text)!;
    const num = (s: string) => Number(s.replace(/[^0-9.]/g, ''));
    expect(num(refund)).toBe(Math.floor(num(price) * 50) / 100);
    await learner.screenshot({ path: '.data/shots/cancel-refund.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Cancel session' }).click();
    await expect(dialog).toHaveCount(0);
    // The refund runs as a job: the payment page shows the amount back once it is done.
    await expect(async () => {
      await learner.goto(paymentUrl);
      await expect(learner.getByText('Partly refunded')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    await expect(learner.getByText(`${refund} of ${price} went back to you.`)).toBeVisible();
  } finally {
    await setPolicy(browser, '24', '0');
  }
});
