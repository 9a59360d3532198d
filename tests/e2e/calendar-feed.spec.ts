import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// The private ICS feed in Chromium: from /sessions to Settings, make the URL, a calendar app reads it (text/calendar
// with the learner's sessions), replacing the URL stops the old one, revoking stops the new one.
test('a learner subscribes to their sessions feed, replaces the URL and revokes it', async ({ page, request }) => {
  await signIn(page, 'learner@pathwise.dev');
  await expect(page).toHaveURL(/\/learn$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Sessions' }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  await page.getByRole('link', { name: 'Subscribe in your calendar' }).click();
  await expect(page).toHaveURL(/\/settings#calendar-feed$/);
  const feed = page.getByTestId('ics-feed');
  await expect(page.getByRole('heading', { name: 'Calendar feed' })).toBeVisible();

  await feed.getByRole('button', { name: /Create my feed URL|Replace the feed URL/ }).click();
  const input = feed.getByLabel(/Your feed URL/);
  await expect(input).toHaveValue(/\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
  const first = await input.inputValue();
  mkdirSync('.data/shots', { recursive: true });
  await page.screenshot({ path: '.data/shots/settings-calendar-feed.png', fullPage: false });
  await expectAccessible(page);

  // A calendar app (no cookies) reads the feed.
  const path = new URL(first).pathname;
  const res = await request.get(path, { headers: { cookie: '' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/calendar');
  const body = await res.text();
  expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(body).toMatch(/UID:[0-9a-f-]{36}@pathwise/);

  // Replace: the old URL stops at once.
  await feed.getByRole('button', { name: 'Replace the feed URL' }).click();
  await expect(input).not.toHaveValue(first);
  const second = new URL(await input.inputValue()).pathname;
  expect((await request.get(path)).status()).toBe(404);
  expect((await request.get(second)).status()).toBe(200);

  // Revoke, with the keyboard.
  await feed.getByRole('button', { name: 'Revoke the feed URL' }).focus();
  await page.keyboard.press('Enter');
  await expect(feed.getByTestId('ics-feed-status')).toHaveText('You have no feed URL.');
  expect((await request.get(second)).status()).toBe(404);

  // After a reload the page says a URL is active only when one is, and never shows it again.
  await feed.getByRole('button', { name: 'Create my feed URL' }).click();
  await expect(input).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('ics-feed-status')).toContainText('A feed URL is active');
  await expect(page.getByTestId('ics-feed-url')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('ics-feed').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.data/shots/settings-calendar-feed-mobile.png' });
});
