import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// The demo expert (Emily Carter, America/New_York) edits her weekly hours on /availability.
const saturday = (page: Page, n: number, edge: 'start' | 'end') => page.getByLabel(`Saturday range ${n} ${edge}`);

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save availability' }).click();
}

test('the demo expert adds a Saturday range, saves, and sees it after a reload; a backwards range is refused next to its field', async ({
  page,
}) => {
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

test('a learner’s hold shows on the expert’s week view, marked as held, and leaves the free slots; cancelled, it goes live', async ({
  page,
  playwright,
  baseURL,
}) => {
  // The learner holds Emily's last free 60-minute slot of the coming month through the API (and lets it go after).
  const learner = await playwright.request.newContext({ baseURL });
  expect((await learner.post('/api/auth/sign-in', { data: { email: 'learner@pathwise.dev', password: 'pathwise-demo' } })).ok()).toBe(true);
  const slots = (await (await learner.get('/api/experts/emily-carter/slots?length=60&tz=America/New_York')).json()) as {
    slots: { start: string }[];
  };
  const start = slots.slots.at(-1)!.start;
  const held = await learner.post('/api/bookings', {
    data: { expertSlug: 'emily-carter', start, lengthMinutes: 60, brief: 'Week view check', timeZone: 'America/New_York' },
  });
  expect(held.status()).toBe(201);
  const { booking } = (await held.json()) as { booking: { id: string } };
  try {
    await signIn(page, 'expert@pathwise.dev');
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto('/availability');
    const label = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(start));
    const grid = page.getByTestId('week-grid');
    const heldItem = grid.getByText(new RegExp(`^${label}–\\d\\d:\\d\\d\\s+Held$`));
    // Walk forward week by week with the keyboard until the held session's week is on screen.
    for (let i = 0; i < 6 && !(await heldItem.isVisible()); i++) {
      await page.getByRole('button', { name: 'Next week →' }).focus();
      await page.keyboard.press('Enter');
      await expect(grid).toBeVisible();
      await expect(grid).not.toHaveAttribute('aria-busy', 'true');
    }
    await expect(heldItem).toBeVisible();
    await page.getByRole('button', { name: '60 min' }).click();
    // The held hour is no longer offered as a free 60-minute start.
    const dayName = await heldItem.locator('xpath=ancestor::section[1]').getAttribute('aria-label');
    const day = grid.locator(`section[aria-label="${dayName}"]`);
    await expect(day.getByText(/^\d\d:\d\d\s+Free$/).first()).toBeVisible();
    await expect(day.getByText(new RegExp(`^${label}\\s+Free$`))).toHaveCount(0);
    await page.getByTestId('week-grid').screenshot({ path: '/tmp/availability-week-held.png' });
    // The learner lets the hold go: the open page drops it and offers the time again, without a reload.
    expect((await learner.post(`/api/bookings/${booking.id}/cancel`, { data: { reason: 'e2e cleanup' } })).ok()).toBe(true);
    await expect(heldItem).toHaveCount(0);
    await expect(day.getByText(new RegExp(`^${label}\\s+Free$`))).toBeVisible();
  } finally {
    await learner.post(`/api/bookings/${booking.id}/cancel`, { data: { reason: 'e2e cleanup' } });
    await learner.dispose();
  }
});
