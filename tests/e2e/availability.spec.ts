import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// The demo expert (Emily Carter, America/New_York) edits her weekly hours on /availability.
const saturday = (page: Page, n: number, edge: 'start' | 'end') => page.getByLabel(`Saturday range ${n} ${edge}`);

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save availability' }).click();
}

test('the demo expert adds a Saturday range, saves, and sees it after a reload; a backwards range is refused next to its field', async ({ page }) => {
  await signIn(page, 'expert@pathwise.dev');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/availability');
  await expect(page.getByText('America/New_York').first()).toBeVisible();
  // Seeded hours: Monday to Friday, 09:00–12:00 and 13:00–17:00; Saturday is free.
  await expect(page.getByLabel('Monday range 2 end')).toHaveValue('17:00');
  await expect(saturday(page, 1, 'start')).toHaveCount(0);
  // The week view shows the seeded hours as free slots.
  await expect(page.getByTestId('week-grid')).toBeVisible();

  await page.getByRole('button', { name: 'Add a range to Saturday' }).click();
  // Click the hour part of each time input and type the time as a person does.
  await saturday(page, 1, 'start').click({ position: { x: 14, y: 12 } });
  await page.keyboard.type('1000');
  await saturday(page, 1, 'end').click({ position: { x: 14, y: 12 } });
  await page.keyboard.type('1330');
  await expect(saturday(page, 1, 'end')).toHaveValue('13:30');
  await save(page);
  await expect(page.getByText('Availability saved.')).toBeVisible();

  await page.reload();
  await expect(saturday(page, 1, 'start')).toHaveValue('10:00');
  await expect(saturday(page, 1, 'end')).toHaveValue('13:30');

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '/tmp/availability-1280.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: '/tmp/availability-375.png', fullPage: true });
  await page.screenshot({ path: '/tmp/availability-375-top.png' });
  await page.getByRole('heading', { name: 'Your week as learners see it' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/availability-375-week.png' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);

  // End before start: the message sits next to the end field, and nothing is saved.
  await page.getByRole('button', { name: 'Add a range to Sunday' }).click();
  await page.getByLabel('Sunday range 1 start').fill('14:00');
  await page.getByLabel('Sunday range 1 end').fill('10:00');
  await save(page);
  const end = page.getByLabel('Sunday range 1 end');
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  const errorId = await end.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText('The end must be after the start.');
  await expect(page.getByText('Availability saved.')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/availability-error.png', fullPage: false });

  // Put the demo expert's week back as seeded, for the suites that book her.
  await page.reload();
  await page.getByRole('button', { name: 'Remove Saturday range 1' }).click();
  await save(page);
  await expect(page.getByText('Availability saved.')).toBeVisible();
  await page.reload();
  await expect(saturday(page, 1, 'start')).toHaveCount(0);
});
