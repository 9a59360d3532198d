import { expect, test, type Page } from '@playwright/test';
import { bookAndPay, DEMO_PASSWORD, expectAccessible, openExpertProfile, signIn } from './helpers';

// Issue #13, notification centre: a learner books Emily; Emily's bell counts the confirmation live in two tabs,
// the centre lists it, "Mark all read" clears the count in the other tab without a reload; a preference toggle
// persists across a reload. Every step drives real controls (typing, clicking, the keyboard).

const bellCount = (page: Page) => page.getByTestId('unread-count');
async function countOf(page: Page): Promise<number> {
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', /Notifications, (none|\d+) unread/);
  const label = (await bell.getAttribute('aria-label')) ?? '';
  return /none/.test(label) ? 0 : Number(/(\d+) unread/.exec(label)![1]);
}

test('a booking confirmation reaches the bell live in two tabs; mark all read clears both; a preference persists', async ({ browser }) => {
  test.setTimeout(150_000);
  // Unique per run: the e2e server's data directory may hold earlier runs' bookings.
  const learnerName = `Nora ${Date.now().toString(36)}`;

  // Emily (the demo expert) has the app open in two tabs of one browser.
  const expertContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab1 = await expertContext.newPage();
  await signIn(tab1, 'expert@pathwise.dev', DEMO_PASSWORD);
  await expect(tab1).toHaveURL(/\/dashboard$/);
  const tab2 = await expertContext.newPage();
  await tab2.goto('/dashboard');
  // Tab 1 opens the centre from the bell, with the keyboard.
  await tab1.getByTestId('notification-bell').focus();
  await tab1.keyboard.press('Enter');
  await expect(tab1.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const before = await countOf(tab2);
  await expect(tab2.locator('html')).toHaveAttribute('data-realtime', 'connected');
  await expect(tab1.locator('html')).toHaveAttribute('data-realtime', 'connected');

  // A new learner signs up and books a free time of Emily's (bookAndPay), paying in test mode.
  const learner = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await learner.goto('/sign-up');
  await learner.getByLabel('Name').fill(learnerName);
  await learner.getByLabel('Email').fill(`e2e-notify-${Date.now()}@example.test`);
  await learner.getByLabel('Password').fill('a good long password');
  await learner.getByLabel('I agree to the terms and privacy notice').check();
  await learner.getByRole('button', { name: 'Create account' }).click();
  await expect(learner).toHaveURL(/\/learn$/);
  await openExpertProfile(learner, 'Emily Carter');
  await bookAndPay(learner, { brief: 'Notifications e2e: window functions' });

  // Both of Emily's tabs count it without a reload; the centre in tab 1 lists it.
  await expect(tab2.getByTestId('notification-bell')).toHaveAttribute('aria-label', `Notifications, ${before + 1} unread`);
  await expect(bellCount(tab2)).toHaveText(String(before + 1));
  await expect(tab1.getByTestId('notification-bell')).toHaveAttribute('aria-label', `Notifications, ${before + 1} unread`);
  const item = tab1.getByTestId('notification-item').filter({ hasText: 'Session confirmed' }).filter({ hasText: learnerName });
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-read', 'false');
  // The learner's own bell has the confirmation too.
  await expect(learner.getByTestId('notification-bell')).toHaveAttribute('aria-label', /Notifications, [1-9]\d* unread/);

  await tab1.screenshot({ path: '.data/shots/notifications-1280.png', fullPage: true });
  await expectAccessible(tab1);

  // Mark all read in tab 1: tab 2's bell drops to none, live.
  await tab1.getByRole('button', { name: 'Mark all read' }).click();
  await expect(tab1.getByTestId('centre-unread')).toHaveText('All caught up.');
  await expect(tab2.getByTestId('notification-bell')).toHaveAttribute('aria-label', 'Notifications, none unread');
  await expect(bellCount(tab2)).toBeHidden();
  await expect(item).toHaveAttribute('data-read', 'true');

  // Preferences: turn off "Session moved" by email; it stays off after a reload.
  await tab2.goto('/settings');
  const moved = tab2.getByRole('checkbox', { name: 'Session moved by Email' });
  await expect(moved).toBeChecked();
  await expect(tab2.getByRole('checkbox', { name: 'Payment receipt by Email (always on)' })).toBeDisabled();
  await moved.uncheck();
  await expect(tab2.getByTestId('prefs-status')).toHaveText('Saved.');
  await tab2.reload();
  await expect(tab2.getByRole('checkbox', { name: 'Session moved by Email' })).not.toBeChecked();
  await expect(tab2.getByText('SMS is simulated')).toBeVisible();
  await tab2.getByRole('heading', { name: 'Notifications' }).scrollIntoViewIfNeeded();
  await tab2.screenshot({ path: '.data/shots/notification-settings-1280.png', fullPage: true });
  await expectAccessible(tab2);

  // Phones: the centre at 375 px.
  const phone = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
  await signIn(phone, 'expert@pathwise.dev', DEMO_PASSWORD);
  await expect(phone).toHaveURL(/\/dashboard$/);
  await phone.getByTestId('notification-bell').click();
  await expect(phone.getByTestId('notification-list')).toBeVisible();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: '.data/shots/notifications-375.png', fullPage: true });
});
