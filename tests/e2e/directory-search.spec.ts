import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// Issue #8, as a new user met it: searching the directory through its own form, and "Find an expert for
// this" from a curriculum. Seeded data: Lukas Becker teaches German (Goethe/telc B2/C1), Maya Okafor SQL and data
// interviews. A page past the end (`?page=999`) is only reachable by a hand-made URL: integration-tested
// (tests/integration/directory-partial-match.test.ts).

const results = (page: Page) => page.getByRole('list').filter({ has: page.getByRole('heading') });
const card = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

async function openDirectory(page: Page) {
  await page.goto('/experts');
  await expect(page.getByRole('search', { name: 'Find an expert' })).toBeVisible();
  await page.waitForLoadState('networkidle'); // the form's submit handler is hydrated
}

test('search by typing and Enter, then a price filter in whole euros, then clear: Lukas Becker each time he should be', async ({
  page,
}) => {
  await openDirectory(page);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('german');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/experts\?q=german&cur=USD$/); // empty fields are left out; the currency is kept
  await expect(card(page, 'Lukas Becker')).toBeVisible();
  await expect(page.getByText(/^1 expert · page 1 of 1$/)).toBeVisible();
  await expect(page.getByLabel('Minimum price')).toHaveValue('');
  await expect(page.getByLabel('Maximum price')).toHaveValue('');

  // Lukas's cheapest session is €30: a maximum of €35 (whole euros) keeps him, €25 does not.
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Maximum price').fill('35');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/experts\?q=german&cur=EUR&maxPrice=35$/);
  await expect(card(page, 'Lukas Becker')).toBeVisible();
  await expect(page.getByLabel('Maximum price')).toHaveValue('35');
  await expect(page.getByLabel('Minimum price')).toHaveValue('');

  await page.getByLabel('Maximum price').fill('25');
  await page.getByLabel('Maximum price').press('Enter');
  await expect(page).toHaveURL(/\/experts\?q=german&cur=EUR&maxPrice=25$/);
  await expect(page.getByText('No experts match')).toBeVisible();

  await page.getByRole('link', { name: 'Clear', exact: true }).click();
  await expect(page).toHaveURL(/\/experts$/);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  await expect(page.getByLabel('Maximum price')).toHaveValue('');
  await expect(card(page, 'Lukas Becker')).toBeVisible();
  await expect(page.getByText(/^\d+ experts · page 1 of 1$/)).toBeVisible();
  await expectAccessible(page);
});

test('the placeholder’s own example, "German B2", finds Lukas Becker first and says the match is partial', async ({ page }) => {
  await openDirectory(page);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toHaveAttribute('placeholder', /German B2/);
  await search.fill('German B2');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/experts\?q=German\+B2&cur=USD$/);
  await expect(page.getByText(/No expert matches every word of “German B2”/)).toBeVisible();
  await expect(results(page).getByRole('heading').first()).toHaveText('Lukas Becker');

  await search.fill('Goethe B2');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/experts\?q=Goethe\+B2&cur=USD$/);
  await expect(results(page).getByRole('heading').first()).toHaveText('Lukas Becker');
});

test('"Find an expert for this" on the seeded SQL curriculum lists an SQL expert', async ({ page }) => {
  await signIn(page, 'learner@pathwise.dev');
  await expect(page).toHaveURL(/\/learn$/);
  await page.getByRole('link', { name: /SQL/ }).first().click(); // the seeded plan (its title comes from the planner)
  const secondModule = page.locator('[data-module-index="1"]');
  // Modules are collapsed except the current one: open the second if it is closed.
  if ((await secondModule.locator('details').first().getAttribute('open')) === null) await secondModule.locator('summary').first().click();
  await secondModule.getByRole('link', { name: 'Find an expert for this' }).click();
  await expect(page).toHaveURL(/\/experts\?topics=SQL,/);
  await expect(page.getByText('Matched to your module')).toBeVisible();
  await expect(results(page).getByRole('heading').first()).toHaveText('Maya Okafor');
});

test('"Find an expert for this" on a German exam curriculum finds the German exam expert', async ({ page }) => {
  // A new learner, so the seeded learner's curricula stay as other tests expect them.
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Greta Learner');
  await page.getByLabel('Email').fill(`greta-${Date.now()}@example.test`);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByLabel('I agree to the terms and privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await page.getByRole('link', { name: 'New curriculum' }).click();
  await page.getByLabel('What do you want to learn?').fill('Pass the Goethe B2 German exam');
  await page.getByLabel('Hours per week').fill('3');
  await page.getByLabel('Number of weeks').fill('4');
  await page.getByRole('button', { name: 'Generate curriculum' }).click();
  await expect(page).toHaveURL(/\/learn\/[0-9a-f-]{36}$/);

  await page.locator('[data-module-index="0"]').getByRole('link', { name: 'Find an expert for this' }).click();
  await expect(page).toHaveURL(/\/experts\?topics=Goethe,B2,German,exam/);
  await expect(results(page).getByRole('heading').first()).toHaveText('Lukas Becker');
});
