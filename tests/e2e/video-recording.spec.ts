import { expect, test, type Browser } from '@playwright/test';
import { CHROMIUM } from '../../playwright.config';
import { bookAndPay, DEMO_PASSWORD, openExpertProfile, signIn } from './helpers';

// Issue #13, Must show: recording starts only after BOTH participants consent in the room, and the file is then
// listed for both. Fake camera and microphone as in video-room.spec.ts; the booking is made through the UI (the e2e
// server opens rooms early enough for any slot). The learner asks, the expert consents, the learner's browser
// records (MediaRecorder) and uploads; both then find "Download recording" on their session's details.

test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-quic',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

async function newPage(browser: Browser, timezoneId: string, width = 1280) {
  const context = await browser.newContext({ timezoneId, locale: 'en-US', viewport: { width, height: 900 } });
  return context.newPage();
}

test('recording waits for both consents, then records; stopped, it is listed for both', async ({ browser }) => {
  test.setTimeout(240_000);

  const learner = await newPage(browser, 'Europe/Berlin');
  await signIn(learner, 'learner@pathwise.dev', DEMO_PASSWORD);
  await expect(learner).toHaveURL(/\/learn$/);
  await openExpertProfile(learner, 'Emily Carter');
  const start = new Date((await bookAndPay(learner, { brief: 'Recording e2e' })).start).toISOString();
  await learner.getByRole('link', { name: 'Go to My sessions' }).click();
  // The session just booked (earlier specs leave other joinable sessions of this learner's).
  const mine = learner.locator(`[data-testid="session-item"][data-start="${start}"]`);
  await expect(mine).toBeVisible();
  const bookingId = (await mine.getAttribute('data-booking-id'))!;
  await learner.locator(`[data-booking-id="${bookingId}"]`).getByTestId('join-session').click();
  await expect(learner).toHaveURL(new RegExp(`/sessions/${bookingId}/room$`));

  const expert = await newPage(browser, 'America/New_York');
  await signIn(expert, 'expert@pathwise.dev', DEMO_PASSWORD);
  await expect(expert).toHaveURL(/\/dashboard$/);
  await expert.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).first().click();
  await expert.locator(`[data-booking-id="${bookingId}"]`).getByTestId('join-session').click();
  await expect(expert).toHaveURL(new RegExp(`/sessions/${bookingId}/room$`));
  for (const p of [learner, expert])
    await expect(p.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });

  // The learner asks. One consent is not enough: nothing records, on either side, however long we wait.
  const ask = learner.getByRole('button', { name: 'Ask to record' });
  await expect(ask).toBeEnabled({ timeout: 15_000 });
  await ask.click();
  await expect(learner.getByTestId('waiting-consent')).toContainText('Waiting for the expert to consent');
  const consent = expert.getByRole('alertdialog');
  await expect(consent).toContainText('The learner asked to record this session');
  await learner.waitForTimeout(3500);
  for (const p of [learner, expert]) {
    await expect(p.getByTestId('recording-indicator')).toHaveCount(0);
    await expect(p.getByTestId('recording-off')).toBeVisible();
  }
  await expert.screenshot({ path: '.data/shots/video-recording-consent-expert.png' });

  // The expert consents (keyboard: focus the button and press Enter): both now see "Recording".
  await consent.getByRole('button', { name: 'I consent' }).focus();
  await expert.keyboard.press('Enter');
  for (const p of [learner, expert]) await expect(p.getByTestId('recording-indicator')).toBeVisible({ timeout: 10_000 });
  await expect(learner.getByText(/Recording in this browser/)).toBeVisible();
  await expect(expert.getByText(/Recorded in the learner’s browser/)).toBeVisible();
  await learner.screenshot({ path: '.data/shots/video-recording-on-learner.png' });
  await learner.waitForTimeout(5000);

  // Either side may stop it: the expert does. The learner's browser uploads what it recorded.
  await expert.getByRole('button', { name: 'Stop recording' }).click();
  for (const p of [learner, expert]) await expect(p.getByTestId('recording-indicator')).toHaveCount(0, { timeout: 10_000 });
  await expect(learner.getByText('Saved. Both of you can download it from the session page.')).toBeVisible({ timeout: 30_000 });

  // Listed for both, with a download link that serves WebM.
  for (const p of [learner, expert]) {
    await p.goto('/sessions');
    const item = p.locator(`[data-booking-id="${bookingId}"]`);
    await item.getByRole('button', { name: 'Details' }).click();
    const link = item.getByRole('link', { name: 'Download recording' });
    await expect(link).toBeVisible({ timeout: 15_000 });
    const res = await p.request.get((await link.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('video/webm');
    const body = await res.body();
    expect(body.length).toBeGreaterThan(1000);
    expect([...body.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  }
  await expert.screenshot({ path: '.data/shots/video-recording-listed-expert.png', fullPage: true });

  // A third user sees none of it.
  const third = await newPage(browser, 'Europe/London');
  await signIn(third, 'maya.okafor@pathwise.dev', DEMO_PASSWORD);
  await expect(third).not.toHaveURL(/sign-in/);
  const refused = await third.request.get(`/api/bookings/${bookingId}/recordings`);
  expect(refused.status()).toBe(403);
});
