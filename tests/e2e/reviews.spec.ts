import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, signIn, signOut } from './helpers';

// The seed leaves the demo learner one completed session with Emily Carter that ended yesterday, unreviewed.
const LEARNER_REVIEW = 'Emily untangled my React state in an hour — clear, patient, and practical.';
const EXPERT_FEEDBACK = 'Great questions. Next: write tests for the reducer before adding features.';

async function pendingSessionId(page: Page): Promise<string> {
  const res = await page.request.get('/api/reviews/pending');
  expect(res.ok()).toBe(true);
  const { pending } = (await res.json()) as { pending: { bookingId: string; otherName: string }[] };
  const session = pending.find((p) => p.otherName === 'Emily Carter' || p.otherName === 'Lena Learner');
  expect(session).toBeTruthy();
  return session!.bookingId;
}

async function publicRatings(page: Page) {
  await page.goto('/experts/emily-carter');
  return page.getByRole('region', { name: 'Rating and reviews' });
}

test('both sides review a completed session; the learner’s review appears only when both are in', async ({ page }) => {
  await page.goto('/experts/emily-carter');
  const section = await publicRatings(page);
  await expect(section.getByTestId('rating-summary')).toContainText('from 128 ratings');

  // The learner reviews first.
  await signIn(page, 'learner@pathwise.dev', DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/sign-in/);
  const id = await pendingSessionId(page);
  await page.goto(`/sessions/${id}/review`);
  await expect(page.getByRole('heading', { name: 'Your session with Emily Carter' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByText('Pick 1 to 5 stars.')).toBeVisible();
  await page.locator('label', { hasText: '4 stars' }).click();
  await expect(page.getByRole('radio', { name: '4 stars' })).toBeChecked();
  await page.getByLabel(/Your review \(public/).fill(LEARNER_REVIEW);
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('own-review-status')).toContainText('stays private');
  await expectAccessible(page);

  // Not on the public profile yet, and the count is unchanged.
  let ratings = await publicRatings(page);
  await expect(ratings.getByTestId('rating-summary')).toContainText('from 128 ratings');
  await expect(page.getByText(LEARNER_REVIEW)).toHaveCount(0);
  await signOut(page);

  // The expert sees that a review is waiting, not what it says, then writes theirs.
  await signIn(page, 'expert@pathwise.dev', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId('standing')).toContainText('Good standing');
  await page.goto(`/sessions/${id}/review`);
  await expect(page.getByTestId('their-review')).toContainText('has written theirs');
  await expect(page.getByText(LEARNER_REVIEW)).toHaveCount(0);
  await page.getByLabel(/Private feedback for Lena Learner/).fill(EXPERT_FEEDBACK);
  await page.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(page.getByTestId('their-review')).toContainText(LEARNER_REVIEW);
  await page.getByLabel('Public reply (once)').fill('Thank you, Lena — enjoy the reducer tests!');
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.getByText('Your public reply')).toBeVisible();
  await signOut(page);

  // Now public, with the reply, and counted.
  ratings = await publicRatings(page);
  await expect(ratings.getByTestId('rating-summary')).toContainText('from 129 ratings');
  await expect(ratings.getByText(LEARNER_REVIEW)).toBeVisible();
  await expect(ratings.getByText('Thank you, Lena — enjoy the reducer tests!')).toBeVisible();
  await expect(ratings.getByText('Lena L.')).toBeVisible();

  // The learner reads the expert's private feedback; it is nowhere public.
  await expect(page.getByText(EXPERT_FEEDBACK)).toHaveCount(0);
  await signIn(page, 'learner@pathwise.dev', DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto(`/sessions/${id}/review`);
  await expect(page.getByTestId('their-review')).toContainText(EXPERT_FEEDBACK);
});

test('an admin edits the policy with field messages', async ({ page }) => {
  await signIn(page, 'admin@pathwise.dev', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/policy');
  await page.getByLabel('Strikes for a suspension').fill('1');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('A suspension needs at least as many strikes as a pause.')).toBeVisible();
  await page.getByLabel('Strikes for a suspension').fill('4');
  await page.getByLabel('Review window (days after the session)').fill('10');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('Policy saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Review window (days after the session)')).toHaveValue('10');
  await expectAccessible(page);
  // Leave the defaults for the other specs.
  await page.getByLabel('Strikes for a suspension').fill('3');
  await page.getByLabel('Review window (days after the session)').fill('7');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('Policy saved.')).toBeVisible();
  await page.goto('/admin/reviews');
  await expect(page.getByRole('heading', { name: 'Reviews', exact: true })).toBeVisible();
});
