import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, signIn } from './helpers';

// Issue #12, Must show (packages, simulated mode): Emily sells 5 × 60 min at 10 % off from her dashboard; a learner
// sees the per-session saving on her profile, buys the package on the labelled test-mode checkout, books two of its
// sessions from the booking panel without paying again, and both sides see 3 of 5 sessions left. Real controls only.

const TZ = 'America/New_York';

async function newPage(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({ timezoneId: TZ, locale: 'en-US', viewport: { width, height: 900 } });
  return context.newPage();
}

/** Picks the first free 60-minute time, holds it and books it with a package credit. */
async function bookWithPackage(page: Page, name: string, creditsBefore: number) {
  await page
    .getByRole('group', { name: 'Session length' })
    .getByRole('button', { name: /60 min/ })
    .click();
  // Wait for the slots to load before choosing one (after a reload, under load, the list is still a skeleton).
  await expect(page.getByTestId('slot-picker')).toBeVisible();
  await expect(page.getByTestId('slots-skeleton')).toHaveCount(0, { timeout: 20_000 });
  const list = page.getByTestId('slot-list').getByRole('button').first();
  const nextMonth = page.getByRole('button', { name: 'Try next month' });
  await expect(list.or(nextMonth)).toBeVisible({ timeout: 20_000 });
  let first = list;
  if (!(await first.isVisible())) {
    await page.getByRole('button', { name: 'Try next month' }).click();
    first = page.getByTestId('slot-list').getByRole('button').first();
  }
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: /^Hold this time/ }).click();
  await expect(page.getByTestId('hold-countdown')).toBeVisible();
  await page.getByRole('button', { name: `Book with your package (${creditsBefore} left)` }).click();
  const left = creditsBefore - 1;
  await expect(page.getByTestId('booking-confirmed')).toContainText(`${left} session${left === 1 ? '' : 's'} left`);
  await expect(page.getByTestId('my-package').filter({ hasText: name })).toContainText(`${left} of 5 sessions left`);
}

test('an expert sells a package; a learner buys it and books two of its sessions; both see the sessions left', async ({ browser }) => {
  test.setTimeout(180_000);
  const name = `Five focused hours ${Date.now().toString(36)}`;

  // Emily creates the package on her dashboard; the form shows the price learners will pay.
  const expert = await newPage(browser);
  await signIn(expert, 'expert@pathwise.dev', DEMO_PASSWORD);
  await expect(expert).toHaveURL(/\/dashboard$/);
  const section = expert.getByTestId('expert-packages');
  await section.getByRole('button', { name: 'New package' }).click();
  await section.getByLabel('Name').fill(name);
  await section.getByLabel('Session length').selectOption('60');
  await section.getByLabel('Number of sessions').fill('5');
  await section.getByLabel('Discount (%)').fill('10');
  await expect(section.getByTestId('package-price-preview')).toHaveText('Learners pay $540 for 5 sessions (saving $12 per session).');
  await section.getByRole('button', { name: 'Create package' }).click();
  await expect(section.getByText(name)).toBeVisible();
  await expect(section.getByText('5 × 60 min · $540 (10% off) · 0 sold')).toBeVisible();
  await expert.screenshot({ path: '.data/shots/packages-dashboard.png', fullPage: true });

  // The learner finds Emily, sees the saving and buys the package.
  const learner = await newPage(browser);
  await signIn(learner, 'learner@pathwise.dev', DEMO_PASSWORD);
  await expect(learner).toHaveURL(/\/learn$/);
  await learner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experts' }).first().click();
  await learner.getByRole('link', { name: 'Emily Carter' }).first().click();
  const offer = learner.getByTestId('profile-packages').getByRole('listitem').filter({ hasText: name });
  await expect(offer).toContainText('Save $12 per session (10% off)');
  await offer.getByRole('button', { name: `Buy ${name} for $540` }).click();
  await expect(learner).toHaveURL(/\/packages\/checkout\/[0-9a-f-]{36}$/);
  await expect(learner.getByText('Test mode — simulated payment')).toBeVisible();
  await expect(learner.getByTestId('checkout-total')).toHaveText('$540');
  await expectAccessible(learner);
  await learner.screenshot({ path: '.data/shots/packages-checkout.png', fullPage: true });
  await learner.getByRole('button', { name: 'Pay $540 (test mode)' }).click();
  await expect(learner).toHaveURL(/\/experts\/emily-carter\?package=paid$/);
  await expect(learner.getByTestId('my-package').filter({ hasText: name })).toContainText('5 of 5 sessions left');

  // Two sessions booked with the package, no payment step.
  await bookWithPackage(learner, name, 5);
  await learner.screenshot({ path: '.data/shots/packages-profile-booked.png', fullPage: true });
  await learner.reload();
  await bookWithPackage(learner, name, 4);

  // The learner's sessions page shows the package with 3 left, and a refund offer for the unused ones.
  await learner.getByRole('link', { name: 'Go to My sessions' }).click();
  const summary = learner.getByTestId('packages-summary').getByRole('listitem').filter({ hasText: name });
  await expect(summary).toContainText('3 of 5 sessions left');
  await expect(summary.getByRole('button', { name: 'Refund unused · $324' })).toBeVisible();
  await expectAccessible(learner);
  await learner.screenshot({ path: '.data/shots/packages-sessions.png', fullPage: true });

  // Emily sees the buyer with 3 of 5 left, on her dashboard and on Sessions.
  await expert.reload();
  const sale = expert.getByTestId('package-sales').getByRole('listitem').filter({ hasText: name });
  await expect(sale).toContainText('Lena Learner');
  await expect(sale).toContainText('3 of 5 sessions left');
  await expect(section.getByText('5 × 60 min · $540 (10% off) · 1 sold')).toBeVisible();
  await expert.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).first().click();
  await expect(expert.getByTestId('packages-summary').getByRole('listitem').filter({ hasText: name })).toContainText(
    '3 of 5 sessions left',
  );
});
