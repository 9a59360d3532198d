import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { bookAndPay, expectAccessible, openExpertProfile, signIn as signInForm, signOut } from './helpers';

/** Signs in through the form and waits until the app has left the sign-in page. */
async function signIn(page: Page, email: string) {
  await signInForm(page, email);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

// Payments, expert side, in simulated mode (no Stripe key, PayPal off): the dashboard's labelled simulated payout
// account, /earnings from the ledger with its CSV, and the admin's payments report, ledger health and commission
// rules edited through the form; and the paid session → completion → earnings and commission journey (the last test).

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

// Issue #12: a learner books and pays; after completion the expert's earnings and the admin's commission report show the
// right amounts. Every step is the UI except one: a session completes only once its end has passed, so the admin's test
// clock (POST /api/test-clock/complete, served because the e2e server runs with TEST_CLOCK=1) completes it now, running
// what production runs at the end (the completion, then the transfer of the expert's share).
test('after a paid session completes, the expert’s earnings and the admin’s commission report show the amounts', async ({ browser }) => {
  test.setTimeout(240_000); // three signed-in people and a booking on a shared 2-core machine
  const open = async (email: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, email);
    return page;
  };
  const admin = await open('admin@pathwise.dev');
  const expert = await open('expert@pathwise.dev');
  const commissionBefore = await emilysCommission(admin);
  const paidOutBefore = await paidOut(expert);

  // The learner books Emily through the profile and pays on the test-mode page.
  const learner = await open('learner@pathwise.dev');
  await openExpertProfile(learner, 'Emily Carter');
  const booked = await bookAndPay(learner, { brief: 'Earnings e2e: the amounts after completion' });
  const total = toMinor(booked.price.total);
  const commission = toMinor(booked.price.commission);
  // The split the pay page showed: the commission is included in the price, the expert gets the rest.
  expect(commission).toBeGreaterThan(0);
  expect(toMinor(booked.price.share)).toBe(total - commission);
  await learner.getByRole('link', { name: 'Go to My sessions' }).click();
  const mine = learner.locator(`[data-testid="session-item"][data-start="${new Date(booked.start).toISOString()}"]`);
  await expect(mine).toBeVisible();
  const bookingId = (await mine.getAttribute('data-booking-id'))!;

  // Not UI: the admin's test clock moves this session past its end (the same request the admin's browser session makes).
  const res = await admin.request.post('/api/test-clock/complete', { data: { bookingId } });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toMatchObject({ bookingId, transferStatus: ['transferred'] });

  // The expert's earnings: this session completed, its gross, commission and net, paid out.
  await expert.goto('/earnings');
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(booked.start),
  );
  const row = expert.getByTestId('earnings-sessions').getByRole('row').filter({ hasText: when }).filter({ hasText: 'completed' });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(2)).toHaveText(booked.price.total);
  await expect(cells.nth(3)).toHaveText(booked.price.commission);
  await expect(cells.nth(4)).toHaveText(booked.price.share);
  await expect(cells.nth(5)).toHaveText('Paid out');
  const paidOutAfter = await paidOut(expert);
  expect(changes(paidOutBefore, paidOutAfter)).toEqual([total - commission]);
  await expert.getByRole('heading', { name: 'Per session' }).scrollIntoViewIfNeeded();
  await expert.screenshot({ path: '.data/shots/earnings-after-completion.png', fullPage: true });

  // The admin's commission report: Emily's commission grew by this session's.
  const commissionAfter = await emilysCommission(admin);
  expect(changes(commissionBefore, commissionAfter)).toEqual([commission]);
  // …and the commission the pay page showed is the rule the admin sees for that currency (or the default one):
  // round_half_up(price × percent) + fixed (lib/money/commission.ts).
  const [currency] = Object.keys(commissionAfter).filter((c) => commissionAfter[c] !== (commissionBefore[c] ?? 0));
  const own = admin.getByRole('form', { name: `Commission for ${currency}` });
  const rule = (await own.count()) ? own : admin.getByRole('form', { name: 'Commission for the default' });
  const percentBp = Math.round(Number(await rule.getByLabel('Percent').inputValue()) * 100);
  const fixed = (await rule.getByLabel('Fixed amount').count()) ? toMinor(await rule.getByLabel('Fixed amount').inputValue()) : 0;
  expect(commission).toBe(Math.min(total, Math.floor((total * percentBp + 5000) / 10_000) + fixed));
  await expect(admin.getByTestId('ledger-healthy')).toContainText('Balanced');
  await admin.screenshot({ path: '.data/shots/admin-payments-after-completion.png', fullPage: true });
});

/** "$1,234.50" → 123450 (the amounts here are in two-decimal currencies). */
const toMinor = (shown: string) => Math.round(Number(shown.replace(/[^0-9.-]/g, '')) * 100);

/** Per currency, what grew between two readings (currencies absent before count from 0). */
function changes(before: Record<string, number>, after: Record<string, number>): number[] {
  return Object.keys(after)
    .map((c) => after[c] - (before[c] ?? 0))
    .filter((d) => d !== 0);
}

/** Emily Carter's commission per currency in the admin's "Commission by expert" tables. */
async function emilysCommission(admin: Page): Promise<Record<string, number>> {
  await admin.goto('/admin/payments');
  await expect(admin.getByRole('heading', { level: 2, name: 'Commission by expert' })).toBeVisible();
  const out: Record<string, number> = {};
  for (const table of await admin.locator('[data-testid^="commission-by-expert-"]').all()) {
    const currency = (await table.getAttribute('data-testid'))!.replace('commission-by-expert-', '');
    const row = table.getByRole('row').filter({ hasText: 'Emily Carter' });
    if (await row.count()) out[currency] = toMinor((await row.getByRole('cell').nth(2).textContent())!);
  }
  return out;
}

/** The expert's "Paid out" total per currency on /earnings. */
async function paidOut(expert: Page): Promise<Record<string, number>> {
  await expert.goto('/earnings');
  await expect(expert.getByRole('heading', { level: 1, name: 'Earnings' })).toBeVisible();
  const out: Record<string, number> = {};
  for (const totals of await expert.locator('[data-testid^="earnings-totals-"]').all()) {
    const currency = (await totals.getAttribute('data-testid'))!.replace('earnings-totals-', '');
    out[currency] = toMinor((await totals.getByTestId('earnings-paidOutMinor').textContent())!);
  }
  return out;
}
