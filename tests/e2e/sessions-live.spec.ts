import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// The expert's Sessions page follows their calendar live: a learner's hold appears without a reload, and when the
// learner lets it go it leaves the Upcoming list. (The learner acts through the API; the expert's page is the subject.)
test('an expert’s open Sessions page shows a new hold and its cancellation without a reload', async ({ page, playwright, baseURL }) => {
  await signIn(page, 'expert@pathwise.dev');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole('link', { name: 'Sessions' }).first().click();
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.slotsLive)).toBe('connected');

  const learner = await playwright.request.newContext({ baseURL });
  expect((await learner.post('/api/auth/sign-in', { data: { email: 'learner@pathwise.dev', password: 'pathwise-demo' } })).ok()).toBe(true);
  const slots = (await (await learner.get('/api/experts/emily-carter/slots?length=30&tz=America/New_York')).json()) as {
    slots: { start: string }[];
  };
  const start = slots.slots.at(-2)!.start;
  const held = await learner.post('/api/bookings', {
    data: { expertSlug: 'emily-carter', start, lengthMinutes: 30, brief: 'Live list check', timeZone: 'America/New_York' },
  });
  expect(held.status()).toBe(201);
  const { booking } = (await held.json()) as { booking: { id: string } };
  try {
    const item = page.locator(`[data-testid="session-item"][data-booking-id="${booking.id}"]`);
    await expect(item).toBeVisible();
    await expect(item).toContainText('Held, awaiting payment');
    expect((await learner.post(`/api/bookings/${booking.id}/cancel`, { data: { reason: 'e2e' } })).ok()).toBe(true);
    await expect(item).toHaveCount(0);
  } finally {
    await learner.post(`/api/bookings/${booking.id}/cancel`, { data: { reason: 'e2e cleanup' } });
    await learner.dispose();
  }
});
