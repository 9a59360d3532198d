import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// Issue #10's marketplace follow-ups: the price filter takes a whole amount in the viewer's currency (converted with
// the seeded rates: EUR 0.92, JPY 150, NZD 1.65, BRL 5 per USD), cards show the converted price beside the
// original, and a kept /experts page carries no server-rendered local time (the browser fills it in).
// Seeded cheapest sessions: Lukas €30, Sofía $35 (≈ €32), Kenji ¥3,500 (≈ €21), Ana R$120 (≈ €22),
// Aroha NZ$60 (≈ €33), Maya $45 (≈ €41), Priya $50, Oliver £45, Emily $65.

const names = (page: Page) =>
  page
    .getByRole('list')
    .filter({ has: page.getByRole('heading') })
    .getByRole('heading');
const cardOf = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

async function openDirectory(page: Page, path = '/experts') {
  await page.goto(path);
  await expect(page.getByRole('search', { name: 'Find an expert' })).toBeVisible();
  await page.waitForLoadState('networkidle'); // the form's submit handler is hydrated
}

test('a maximum in euros, then in yen, through the form: the right experts and their converted prices', async ({ page }) => {
  await openDirectory(page);
  await expect(page.getByLabel('Currency')).toHaveValue('USD'); // an en-US browser

  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Maximum price').fill('34');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/experts\?cur=EUR&maxPrice=34$/);
  await expect(page.getByText(/^5 experts · page 1 of 1$/)).toBeVisible();
  // Cards come in rating order; the set is what the filter decides.
  expect((await names(page).allInnerTexts()).sort()).toEqual([
    'Ana Souza',
    'Aroha Ngata',
    'Kenji Watanabe',
    'Lukas Becker',
    'Sofía Martínez',
  ]);
  await expect(cardOf(page, 'Sofía Martínez').getByTestId('converted-price')).toHaveText('≈ €32');
  await expect(cardOf(page, 'Kenji Watanabe').getByTestId('converted-price')).toHaveText('≈ €21');
  await expect(cardOf(page, 'Sofía Martínez')).toContainText('from $35');
  await expect(cardOf(page, 'Lukas Becker').getByTestId('converted-price')).toHaveCount(0); // already in euros
  await expect(page.getByLabel('Currency')).toHaveValue('EUR');
  await expect(page.getByLabel('Maximum price')).toHaveValue('34');

  // ¥4,000 is $26.67: Kenji (¥3,500) and Ana (R$120 = $24) only. Enter submits too.
  await page.getByLabel('Currency').selectOption('JPY');
  await page.getByLabel('Maximum price').fill('4000');
  await page.getByLabel('Maximum price').press('Enter');
  await expect(page).toHaveURL(/\/experts\?cur=JPY&maxPrice=4000$/);
  await expect(page.getByText(/^2 experts · page 1 of 1$/)).toBeVisible();
  expect((await names(page).allInnerTexts()).sort()).toEqual(['Ana Souza', 'Kenji Watanabe']);
  await expect(cardOf(page, 'Ana Souza').getByTestId('converted-price')).toHaveText('≈ ¥3,600');
  await expect(cardOf(page, 'Kenji Watanabe')).toContainText('from ¥3,500');
});

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });
  test('the currency picker defaults to euros', async ({ page }) => {
    await openDirectory(page);
    await expect(page.getByLabel('Currency')).toHaveValue('EUR');
    await page.getByLabel('Maximum price').fill('31');
    await page.getByLabel('Maximum price').press('Enter');
    await expect(page).toHaveURL(/\/experts\?cur=EUR&maxPrice=31$/);
    await expect(page.getByText(/^3 experts · page 1 of 1$/)).toBeVisible();
    expect((await names(page).allInnerTexts()).sort()).toEqual(['Ana Souza', 'Kenji Watanabe', 'Lukas Becker']);
  });
});

test('a kept /experts page has no server-rendered local time; the browser fills it in', async ({ page, request }) => {
  const first = await request.get('/experts?language=de');
  const again = await request.get('/experts?language=de');
  expect(again.headers()['x-cache']).toBe('hit'); // a signed-out visitor gets the kept copy
  for (const html of [await first.text(), await again.text()]) {
    expect(html).toContain('Lukas Becker');
    expect(html).not.toContain('data-testid="local-time"');
    expect(html).not.toMatch(/\d{1,2}:\d{2}(?:<!-- -->)?\s*local time/);
  }
  await page.goto('/experts?language=de');
  const clock = cardOf(page, 'Lukas Becker').getByTestId('local-time');
  const berlin = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/Berlin' });
  await expect(clock).toHaveText(/^\d{2}:\d{2}$/);
  const shown = await clock.innerText();
  const now = Date.now();
  expect([berlin.format(now - 60_000), berlin.format(now), berlin.format(now + 60_000)]).toContain(shown);
  await expect(cardOf(page, 'Lukas Becker')).toContainText(`DE · ${shown} local time`);
});

test('an admin adds a currency on /admin/rates and the directory offers it', async ({ page }) => {
  await signIn(page, 'admin@pathwise.dev');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/rates');
  await expect(page.getByRole('heading', { name: 'Currency rates' })).toBeVisible();
  await expect(page.getByRole('row', { name: /EUR/ }).getByLabel('EUR per 1 USD')).toHaveValue('0.92');
  // A new currency (changing a seeded rate would move other tests' conversions).
  await page.getByLabel('Currency code').fill('sek');
  await page.getByLabel('Units per 1 USD').fill('10.5');
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('row', { name: /SEK/ }).getByLabel('SEK per 1 USD')).toHaveValue('10.5');
  await expect(page.getByRole('row', { name: /SEK/ })).toContainText('by Ada Admin');
  await page.getByLabel('Currency code').fill('SEK');
  await page.getByLabel('Units per 1 USD').fill('0');
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'A rate is more than 0.' })).toBeVisible();

  await page.goto('/experts?cur=SEK&maxPrice=250'); // kr250 = $23.81: Kenji (¥3,500 = $23.33) only
  await expect(page.getByLabel('Currency')).toHaveValue('SEK');
  expect(await names(page).allInnerTexts()).toEqual(['Kenji Watanabe']);
  await expect(cardOf(page, 'Kenji Watanabe').getByTestId('converted-price')).toHaveText('≈ SEK 245');
});

test('a learner is refused the rates page', async ({ page }) => {
  await signIn(page, 'learner@pathwise.dev');
  await expect(page).toHaveURL(/\/learn$/);
  const res = await page.goto('/admin/rates');
  expect(res?.status()).toBe(403);
});
