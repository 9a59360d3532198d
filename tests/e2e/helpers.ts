import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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
