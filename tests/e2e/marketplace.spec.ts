import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, signIn, signOut } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function signUpExpert(page: Page, name: string, email: string) {
  await page.goto('/sign-up');
  await page.getByText('Teach', { exact: true }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByLabel('I agree to the terms and privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Searches the directory as a person does: type into the search box and press Enter. */
async function searchDirectory(page: Page, q: string) {
  await page.goto('/experts');
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill(q);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%20/g, '(\\+|%20)')}`));
}

/** The admin opens an application from the queue, completes the checklist and approves it. */
async function approveFromQueue(page: Page, name: string) {
  await signIn(page, 'admin@pathwise.dev', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole('region', { name: 'Applications waiting for review' }).getByRole('link', { name }).click();
  await page.getByLabel('Identity verified').check();
  await page.getByLabel('Credentials verified').check();
  await page.getByLabel('Background check').selectOption('clear');
  await page.getByRole('button', { name: 'Save checklist' }).click();
  await expect(page.getByText('Checklist saved.')).toBeVisible();
  await expect(page.getByText('The checklist is not complete')).toHaveCount(0);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/Done: the application is now approved/)).toBeVisible();
  await signOut(page);
}

/** The same application through the API (for tests about what happens after it). */
async function applyByApi(request: APIRequestContext, name: string, word: string) {
  const email = `e2e-${word}@example.test`;
  expect(
    (
      await request.post('/api/auth/sign-up', {
        data: { name, email, password: 'a good long password', accountType: 'expert', acceptTerms: true },
      })
    ).ok(),
  ).toBe(true);
  const put = (data: unknown) => request.put('/api/expert/application', { data });
  expect(
    (
      await put({
        step: 'profile',
        displayName: name,
        headline: `Teaches ${word} to beginners`,
        bio: `I have taught ${word} for years and enjoy helping people get unstuck quickly.`,
        specialties: ['Python'],
        tags: [word],
        languages: ['en'],
        yearsExperience: 4,
        country: 'FR',
        timezone: 'Europe/Paris',
        links: [],
      })
    ).ok(),
  ).toBe(true);
  expect((await put({ step: 'offerings', offerings: [{ durationMinutes: 30, priceMinor: 2500, currency: 'EUR' }] })).ok()).toBe(true);
  expect((await put({ step: 'terms', acceptTerms: true })).ok()).toBe(true);
  const up = await request.post('/api/expert/documents', {
    multipart: { kind: 'credential', file: { name: 'cert.pdf', mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(up.status()).toBe(201);
  expect((await request.post('/api/expert/application/submit')).ok()).toBe(true);
  await request.post('/api/auth/sign-out');
  return email;
}

test('an expert applies with a credential, the admin approves, and the expert shows up in the directory search', async ({ page }) => {
  const word = `quokka${Date.now().toString(36)}`;
  await signUpExpert(page, 'Quinn Applicant', `e2e-${word}@example.test`);
  await expect(page.getByText('Apply to teach on Pathwise')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Headline').fill(`Statistics tutor for ${word} lovers`);
  await page.getByLabel('Bio').fill('I teach statistics with real data sets and patient explanations, from means to regression.');
  await page.getByLabel('Python').check();
  await page.getByLabel('Free tags (comma separated)').fill(`${word}, statistics`);
  await page.getByLabel('English').check();
  await page.getByLabel('Years of experience').fill('6');
  await page.getByLabel('Country (2 letters)').fill('ie');
  await page.getByLabel('Time zone').selectOption('Europe/Dublin');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await expect(page.getByRole('heading', { name: 'Sessions and prices' })).toBeVisible();
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByRole('checkbox', { name: '30 minutes' }).check();
  await page.getByLabel('Price for 30 minutes').fill('40');
  await page.getByRole('checkbox', { name: '60 minutes' }).check();
  await page.getByLabel('Price for 60 minutes').fill('0.5');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Session 2 (60 min): ' })).toHaveText(
    'Session 2 (60 min): price must be at least €1.',
  );
  await page.getByRole('checkbox', { name: '30 minutes' }).uncheck();
  await page.getByLabel('Price for 60 minutes').fill('70');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await expect(page.getByRole('heading', { name: 'Credentials' })).toBeVisible();
  // A text file dressed as a PDF is refused by its content.
  await page.getByLabel('File').setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Upload a PDF, PNG, J' })).toHaveText(
    'Upload a PDF, PNG, JPEG or WebP file. This file is not a recognised type.',
  );
  await page.getByLabel('File').setInputFiles({ name: 'diploma.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('link', { name: 'diploma.pdf' })).toBeVisible();
  // A document uploaded by mistake is removed while the application is a draft.
  await page.getByLabel('File').setInputFiles({ name: 'wrong-file.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('link', { name: 'wrong-file.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove wrong-file.pdf' }).click();
  await expect(page.getByRole('link', { name: 'wrong-file.pdf' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'diploma.pdf' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByLabel(/I accept the expert terms/).check();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByText('Under review')).toBeVisible();
  await signOut(page);

  // Not listed yet, neither by page nor by API.
  await searchDirectory(page, word);
  await expect(page.getByText('No experts match')).toBeVisible();

  await signIn(page, 'admin@pathwise.dev', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole('link', { name: 'Quinn Applicant' }).click();
  await expect(page.getByRole('heading', { name: 'Quinn Applicant' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'diploma.pdf' })).toBeVisible();
  await expectAccessible(page);
  // The admin opens the credential through a short-lived signed link.
  const doc = await page.request.get((await page.getByRole('link', { name: 'diploma.pdf' }).getAttribute('href'))!);
  expect(doc.headers()['content-type']).toBe('application/pdf');
  expect(doc.url()).toMatch(/\/api\/files\/experts\/.+\?exp=\d+&sig=/);

  // An incomplete checklist blocks approval; the refusal names what is missing, once.
  await page.getByLabel('Identity verified').check();
  await page.getByLabel('Background check').selectOption('flagged');
  await page.getByRole('button', { name: 'Save checklist' }).click();
  await expect(page.getByText('Checklist saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Approval needs a com' })).toHaveText(
    'Approval needs a complete checklist. Credentials are not verified. The background check is flagged.',
  );
  // An override needs a written reason.
  await page.getByLabel('Approve anyway (override)').check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Write why you approv' })).toHaveText(
    'Write why you approve with the checklist incomplete.',
  );
  await page.getByLabel('Approve anyway (override)').uncheck();
  // Completing the checklist lets the approval through.
  await page.getByLabel('Credentials verified').check();
  await page.getByLabel('Background check').selectOption('clear');
  await page.getByRole('button', { name: 'Save checklist' }).click();
  await expect(page.getByText('The checklist is not complete')).toHaveCount(0);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/Done: the application is now approved/)).toBeVisible();
  await expect(page.getByText(/expert\.approve by Ada Admin/)).toBeVisible();
  await signOut(page);

  await searchDirectory(page, word);
  await expect(page.getByRole('heading', { name: 'Quinn Applicant' })).toBeVisible();
  const api = await (await page.request.get(`/api/experts?q=${word}`)).json();
  expect(api).toMatchObject({ total: 1, items: [{ display_name: 'Quinn Applicant', from_price_minor: 7000, currency: 'EUR' }] });
  await page.getByRole('link', { name: 'Quinn Applicant' }).click();
  await expect(page.getByText('€70')).toBeVisible();
  await expectAccessible(page);
});

test('a rejected application shows the reason to the expert', async ({ page }) => {
  const word = `wombat${Date.now().toString(36)}`;
  const email = await applyByApi(page.request, 'Rory Rejected', word);

  await signIn(page, 'admin@pathwise.dev', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole('link', { name: 'Rory Rejected' }).click();
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Give the expert a re' })).toHaveText('Give the expert a reason.');
  await page.getByLabel(/Message to the expert/).fill('Your credential is unreadable; please upload a clearer scan.');
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByText(/Done: the application is now rejected/)).toBeVisible();
  await signOut(page);

  await signIn(page, email, 'a good long password');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText('Not approved', { exact: true })).toBeVisible();
  await expect(page.getByText('Note from the review team: Your credential is unreadable; please upload a clearer scan.')).toBeVisible();
  await expect(page.getByText('Your expert application was not approved')).toBeVisible();
  await expectAccessible(page);
});

test('an unapproved expert has no public page and is not in the API', async ({ page, request }) => {
  const res = await page.goto('/experts/tomas-rivera');
  expect(res?.status()).toBe(404);
  const api = await (await request.get('/api/experts?q=tomas')).json();
  expect(api.total).toBe(0);
  const ok = await page.goto('/experts/lukas-becker');
  expect(ok?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Lukas Becker' })).toBeVisible();
});

test('a returning applicant lands on the first unfinished step', async ({ page }) => {
  const word = `numbat${Date.now().toString(36)}`;
  const email = `e2e-${word}@example.test`;
  await signUpExpert(page, 'Nora Returning', email);
  await page.getByLabel('Headline').fill('Data analysis mentor for career changers');
  await page
    .getByLabel('Bio')
    .fill('I help career changers read data with spreadsheets, SQL and plain common sense, one question at a time.');
  await page.getByLabel('SQL').check();
  await page.getByLabel('English').check();
  await page.getByLabel('Country (2 letters)').fill('NZ');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Sessions and prices' })).toBeVisible();
  await signOut(page);

  await signIn(page, email, 'a good long password');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Sessions and prices' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2. Sessions and prices' })).toHaveAttribute('aria-current', 'step');
});

test('an approved expert’s headline change waits for review, then goes live when the admin accepts it', async ({ page }) => {
  const word = `bilby${Date.now().toString(36)}`;
  const email = await applyByApi(page.request, 'Bea Approved', word);
  await approveFromQueue(page, 'Bea Approved');

  await signIn(page, email, 'a good long password');
  await expect(page).toHaveURL(/\/dashboard$/);
  // The approved expert's dashboard, not the application form.
  await expect(page.getByText('Approved · listed')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('link', { name: 'weekly hours' })).toHaveAttribute(
    'href',
    '/availability',
  );
  await expect(page.getByRole('region', { name: 'Earnings' })).toContainText('€0');
  await expect(page.getByRole('button', { name: 'Submit application' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByRole('heading', { name: 'Edit profile' })).toBeVisible();
  await page.getByLabel('Headline').fill(`Teaches ${word} to night owls`);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByText('Saved for review.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  const pending = page.getByRole('region', { name: 'Changes waiting for review', exact: true });
  await expect(pending).toContainText(`Teaches ${word} to beginners`);
  await expect(pending).toContainText(`Teaches ${word} to night owls`);
  await expectAccessible(page);
  await signOut(page);

  // Learners still see the approved headline.
  await searchDirectory(page, word);
  await expect(page.getByText(`Teaches ${word} to beginners`)).toBeVisible();
  await expect(page.getByText(`Teaches ${word} to night owls`)).toHaveCount(0);

  await signIn(page, 'admin@pathwise.dev', DEMO_PASSWORD);
  await page.getByRole('region', { name: 'Profile changes waiting for review' }).getByRole('link', { name: 'Bea Approved' }).click();
  const proposed = page.getByRole('region', { name: 'Proposed profile changes' });
  await expect(proposed.getByRole('row', { name: /Headline/ })).toContainText(`Teaches ${word} to night owls`);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Accept changes' }).click();
  await expect(proposed).toHaveCount(0);
  await expect(page.getByText(/expert\.profile_change\.accept by Ada Admin/)).toBeVisible();
  await signOut(page);

  await searchDirectory(page, word);
  await expect(page.getByText(`Teaches ${word} to night owls`)).toBeVisible();
  await expect(page.getByText(`Teaches ${word} to beginners`)).toHaveCount(0);
});
