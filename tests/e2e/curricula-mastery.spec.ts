import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './helpers';

// Issue #14: a learner generates an offline plan for an atlas subject through the form, takes a checkpoint with one
// wrong answer and sees every explanation; with the browser's clock a day ahead the wrong question is in Today's
// Review, and answering it right moves the module's mastery on the dashboard.
//
// The clock: Review lists what is due by the learner's day on their device (the server sends what falls due within a
// week; docs/curricula.md, "Review"), so Playwright's page.clock moving the browser a day ahead is enough — no server
// clock, no test-only switch in the app. The server records answers at its own time.

type TText = string | { en: string };
const en = (t: TText) => (typeof t === 'string' ? t : t.en);

/** The right choice of every atlas question, by its English prompt: the test's oracle (the page never shows it first). */
function atlasAnswers(): Map<string, { right: string; wrong: string }> {
  const dir = path.resolve('lib/curriculum/atlas/subjects');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json'));
  const answers = new Map<string, { right: string; wrong: string }>();
  for (const f of files) {
    const subject = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
      topics: { questions: { prompt: TText; options: TText[]; answer: number }[] }[];
    };
    for (const q of subject.topics.flatMap((t) => t.questions)) {
      const options = q.options.map(en);
      answers.set(en(q.prompt), { right: options[q.answer], wrong: options[(q.answer + 1) % options.length] });
    }
  }
  return answers;
}

async function signUpLearner(page: Page, name: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(`e2e-mastery-${Date.now()}@example.test`);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByLabel('I agree to the terms and privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/learn$/);
}

async function generate(page: Page, goal: string, weeks: number) {
  await page.getByRole('link', { name: 'New curriculum' }).first().click();
  await page.getByLabel('What do you want to learn?').fill(goal);
  await page.getByLabel('Hours per week').fill('4');
  await page.getByLabel('Number of weeks').fill(String(weeks));
  await page.getByRole('button', { name: 'Generate curriculum' }).click();
  await expect(page).toHaveURL(/\/learn\/[0-9a-f-]{36}$/);
  await expect(page.locator('[data-module-index]').first()).toBeVisible({ timeout: 30_000 });
}

const mastery = (row: Locator) => row.getByTestId('mastery');
const percentOf = async (l: Locator) => Number((await l.textContent())!.match(/(\d+)%/)![1]);

test('checkpoint with one wrong answer → explanations → Review the next day → mastery moves on the dashboard', async ({ page }) => {
  test.setTimeout(120_000);
  const oracle = atlasAnswers();
  await signUpLearner(page, 'Quinn Quiz');
  await generate(page, 'Learn SQL for data analysis', 4);

  // The plan says what it matched, for the learner (not the operator).
  await expect(page.getByTestId('plan-label')).toContainText('Matched to SQL');
  await expect(page.getByText(/OPENAI_API_KEY/)).toHaveCount(0);

  // The current module is open, the others closed.
  const first = page.locator('[data-module-index="0"]');
  await expect(first.locator('details').first()).toHaveAttribute('open', '');
  await expect(page.locator('[data-module-index="1"] details').first()).not.toHaveAttribute('open');

  // The checkpoint: every question right except the first.
  await first.locator('summary', { hasText: 'Checkpoint' }).click();
  const questions = first.locator('fieldset');
  const n = await questions.count();
  expect(n).toBeGreaterThanOrEqual(3);
  const wrongPrompt = (await questions.nth(0).locator('legend').textContent())!.replace(/^\d+\.\s*/, '');
  for (let i = 0; i < n; i++) {
    const prompt = (await questions.nth(i).locator('legend').textContent())!.replace(/^\d+\.\s*/, '');
    const known = oracle.get(prompt);
    expect(known, `atlas question "${prompt}"`).toBeTruthy();
    await questions
      .nth(i)
      .getByLabel(i === 0 ? known!.wrong : known!.right, { exact: true })
      .check();
  }
  await first.getByRole('button', { name: 'Submit answers' }).click();
  await expect(first.getByText(`You scored ${n - 1}/${n}.`)).toBeVisible();
  // Explanations for every question: right or wrong, the right answer, why.
  const explanations = first.getByTestId('quiz-explanation');
  await expect(explanations).toHaveCount(n);
  await expect(explanations.nth(0)).toContainText('Wrong');
  await expect(explanations.nth(0)).toContainText(`The answer is “${oracle.get(wrongPrompt)!.right}”`);
  for (let i = 1; i < n; i++) await expect(explanations.nth(i)).toContainText('Right');
  // The module header's mastery has moved off "not taken".
  await expect(mastery(first)).toContainText(/0 of \d+ objectives mastered · \d+%/);

  // Learn: nothing to review today; mastery of module 1 beside its lessons done.
  await page.getByRole('link', { name: 'Learn', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(page.getByTestId('review-count')).toHaveText('0 due');
  const row = page.getByTestId('module-mastery').locator('li').first();
  await expect(row).toContainText(/0 of \d+ lessons done/);
  const before = await percentOf(mastery(row));
  await expectAccessible(page);

  // A day later (the browser's clock): the wrong question is due.
  await page.clock.setFixedTime(new Date(Date.now() + 25 * 3_600_000));
  await page.reload();
  await expect(page.getByTestId('review-count')).toHaveText('1 due');
  const review = page.getByRole('region', { name: 'Review' });
  await expect(review.getByText(wrongPrompt)).toBeVisible();
  await review.getByLabel(oracle.get(wrongPrompt)!.right, { exact: true }).check();
  await review.getByRole('button', { name: 'Check answer' }).click();
  await expect(review.getByTestId('review-result')).toContainText('Right');
  await expect(review.getByTestId('review-result')).toContainText('Next review:');

  // Mastery moved on the dashboard.
  await expect.poll(() => percentOf(mastery(row))).toBeGreaterThan(before);
  await expectAccessible(page);
});

test('a long plan: modules collapse, the outline jumps and opens, Regenerate asks first; no layout shift', async ({ page }) => {
  test.setTimeout(120_000);
  await signUpLearner(page, 'Lena Long');
  await generate(page, 'Learn Spanish to B1', 20); // 20 modules, 147 lessons
  const modules = page.locator('[data-module-index]');
  const count = await modules.count();
  expect(count).toBeGreaterThanOrEqual(16);
  await expect(page.locator('[data-module-index] details[open]')).toHaveCount(1);

  // The page stays short: nowhere near the 24,000 px of every module open (the issue), and nothing shifts as it loads.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(6000);
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
  expect(shift).toBeLessThan(0.05);

  // The server's HTML carries the open module's lessons only (issue #15: sixteen modules of lessons made the page
  // cost the most to render); the browser mounts the closed modules' lessons after hydration, so every lesson is
  // still in the page for find-in-page and links.
  const perModule = (await page.locator('[data-module-index] > details > summary').allTextContents()).map((t) =>
    Number(/of (\d+) lessons done/.exec(t)![1]),
  );
  expect(perModule).toHaveLength(count);
  const html = await (await page.request.get(page.url())).text();
  expect(html.match(/data-lesson-status=/g)?.length ?? 0).toBe(perModule[0]);
  await expect(page.locator('li[data-lesson-status]')).toHaveCount(perModule.reduce((a, b) => a + b, 0));

  // The outline (desktop side column) jumps to a module and opens it.
  const outline = page.getByRole('navigation', { name: 'Modules', exact: true });
  await outline
    .getByRole('link')
    .nth(count - 1)
    .click();
  const last = modules.nth(count - 1);
  await expect(last.locator('details').first()).toHaveAttribute('open', '');
  await expect(last.getByRole('button', { name: /^Regenerate module/ })).toBeInViewport();

  // Keyboard: a module header is a disclosure button; Enter closes and opens it.
  const summary = last.locator('summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(last.locator('details').first()).not.toHaveAttribute('open');
  await page.keyboard.press('Enter');
  await expect(last.locator('details').first()).toHaveAttribute('open', '');

  // Regenerate asks first and names what is kept; Cancel (or Escape) changes nothing.
  const title = (await last.locator('summary .text-base').first().textContent())!;
  await last.getByRole('button', { name: /^Regenerate module/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Regenerate/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Kept:');
  await expect(dialog).toContainText('best checkpoint score');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(last.locator('summary .text-base').first()).toHaveText(title);
  await expectAccessible(page);

  // On a phone: the outline is a compact jump menu under the header.
  await page.setViewportSize({ width: 375, height: 812 });
  const menu = page.getByRole('navigation', { name: 'Modules (menu)' });
  await menu.getByText('Jump to a module').click();
  await menu.getByRole('link').nth(1).click();
  await expect(modules.nth(1).locator('details').first()).toHaveAttribute('open', '');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
