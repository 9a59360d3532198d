import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'pathwise-demo';

/** No serious or critical accessibility violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
}

/**
 * The newest email to `recipient` in the dev outbox's files (DATA_DIR/outbox of the server the suite
 * started: .data/e2e), or null. Only the server's disk holds live links; the admin panel masks them.
 */
export function readMailTo(recipient: string): string | null {
  const dir = path.resolve('.data/e2e/outbox');
  let files: string[];
  try {
    files = readdirSync(dir).map((f) => path.join(dir, f));
  } catch {
    return null;
  }
  // The header ends at the first blank line; the recipient is its To: line (a From: line may come first).
  const mails = files.map((f) => readFileSync(f, 'utf8')).filter((m) => m.split('\n\n', 1)[0].split('\n').includes(`To: ${recipient}`));
  return mails.at(-1) ?? null;
}

// ── Booking and paying through the UI (simulated payments) ─────────────────────────────────────────────────────────

/**
 * How far ahead a picked slot starts at least. The demo experts' minimum notice is 2 hours (lib/seed/seed-availability.ts),
 * and the profile's slot list can be up to a cache period old, so its first time may already be inside the notice by
 * the time it is held (booking.spec.ts once flaked on that, depending on the time of day). Four hours is well past it.
 */
export const SLOT_LEAD_MINUTES = 240;

/** From any page: Experts in the main navigation, then the expert's card; waits for the profile's heading. */
export async function openExpertProfile(page: Page, name = 'Emily Carter') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experts' }).first().click();
  await page.getByRole('link', { name }).first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/**
 * On an expert's profile: waits for the slot picker to load (the skeleton gone) and returns the first free time that
 * starts at least `minLeadMinutes` from now — looking through the picker's days, and the next month if needed — without
 * clicking it. `start` is the slot's data-start (an ISO instant).
 */
export async function pickSlot(page: Page, opts: { minLeadMinutes?: number } = {}): Promise<{ slot: Locator; start: string }> {
  const earliest = Date.now() + (opts.minLeadMinutes ?? SLOT_LEAD_MINUTES) * 60_000;
  const picker = page.getByTestId('slot-picker');
  await expect(picker).toBeVisible({ timeout: 30_000 });
  for (let month = 0; month < 3; month++) {
    await expect(page.getByTestId('slots-skeleton')).toHaveCount(0, { timeout: 30_000 });
    const days = picker.getByRole('list', { name: 'Days' }).getByRole('button', { disabled: false });
    const count = await days.count();
    for (let i = 0; i < count; i++) {
      const day = days.nth(i);
      if ((await day.getAttribute('aria-pressed')) !== 'true') await day.click();
      await expect(day).toHaveAttribute('aria-pressed', 'true');
      const buttons = page.getByTestId('slot-list').getByRole('button');
      await expect(buttons.first()).toBeVisible();
      const starts = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('data-start') ?? ''));
      const start = starts.find((s) => Date.parse(s) >= earliest);
      if (start) return { slot: page.locator(`[data-testid="slot-list"] button[data-start="${start}"]`), start };
    }
    const shown = await picker.getByRole('heading', { level: 3 }).textContent();
    await page.getByRole('button', { name: 'Next month' }).click();
    await expect(picker.getByRole('heading', { level: 3 })).not.toHaveText(shown ?? '');
  }
  throw new Error(`No free time at least ${opts.minLeadMinutes ?? SLOT_LEAD_MINUTES} minutes ahead in the next three months`);
}

/** The price breakdown (its texts, as shown: "$90") of the test-mode payment page. */
export type TShownPrice = { total: string; commission: string; share: string };

/**
 * After "Hold this time": "Pay … test mode" opens the test-mode payment page (/pay/<id>), which stands in for Stripe
 * Checkout; `onPayPage` may look at it first; Pay confirms the booking. Returns the breakdown the page showed and its URL.
 */
export async function payOnTestModePage(
  page: Page,
  opts: { onPayPage?: (price: TShownPrice) => Promise<void> } = {},
): Promise<{ price: TShownPrice; paymentUrl: string; paymentId: string }> {
  await page.getByRole('button', { name: /^Pay .*test mode/ }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByText('Test mode — no card is charged')).toBeVisible();
  const breakdown = page.getByTestId('price-breakdown');
  const price: TShownPrice = {
    total: (await breakdown.getByTestId('price-total').textContent())!,
    commission: (await breakdown.getByTestId('price-commission').textContent())!,
    share: (await breakdown.getByTestId('price-expert').textContent())!,
  };
  const paymentUrl = page.url();
  await opts.onPayPage?.(price);
  await page.getByRole('button', { name: /^Pay .*\(test mode\)$/ }).click();
  await expect(page.getByTestId('booking-confirmed')).toBeVisible({ timeout: 30_000 });
  return { price, paymentUrl, paymentId: paymentUrl.split('/').at(-1)! };
}

/**
 * The whole learner journey on an expert's open profile: pick a free time well past the minimum notice (pickSlot),
 * write the brief, hold it, pay on the test-mode page and land on the confirmed booking.
 */
export async function bookAndPay(
  page: Page,
  opts: { brief?: string; minLeadMinutes?: number; onPayPage?: (price: TShownPrice) => Promise<void> } = {},
): Promise<{ start: string; price: TShownPrice; paymentUrl: string; paymentId: string }> {
  const { slot, start } = await pickSlot(page, opts);
  await slot.click();
  await expect(slot).toHaveAttribute('aria-pressed', 'true');
  if (opts.brief) await page.getByLabel('What do you want to work on?').fill(opts.brief);
  await page.getByRole('button', { name: /^Hold this time/ }).click();
  return { start, ...(await payOnTestModePage(page, opts)) };
}
