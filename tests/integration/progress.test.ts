import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow, listCurricula } from '@/lib/curriculum/get-curriculum';
import { offlineProvider } from '@/lib/curriculum/get-provider';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { curriculumWithoutAnswers, ZPublicCurriculum } from '@/lib/curriculum/hide-answers';
import { choiceOrder, questionIdOf, shownIndex } from '@/lib/curriculum/quiz-order';
import { percentComplete, streakDays } from '@/lib/progress/compute-progress';
import { getDashboard } from '@/lib/progress/get-dashboard';
import { getActivity, getBestScores, getLessonProgress } from '@/lib/progress/get-progress';
import { submitCheckpoint } from '@/lib/progress/submit-checkpoint';
import { updateLessonProgress } from '@/lib/progress/update-lesson-progress';
import { createUser, uniqueEmail } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

const request = ZCurriculumRequest.parse({
  goal: 'Learn Go',
  level: 'beginner',
  hoursPerWeek: 3,
  weeks: 4,
  materials: ['reading', 'practice'],
});
let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

async function readyCurriculum() {
  const user = await createUser(t.db);
  const { id } = await withUser(t.db, user, (tx) =>
    createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 5 }),
  );
  expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  const c = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
  return { user, c, lesson: c.plan!.modules[0].lessons[0] };
}

describe('lesson progress', () => {
  it('counts the same "done" twice once', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const mark = () =>
      withUser(t.db, user, (tx) =>
        updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: lesson.id, update: { status: 'done' } }),
      );
    const first = await mark();
    const second = await mark();
    expect(first.changed).toBe(true);
    expect(second.changed).toBe(false);
    expect(second.progress).toMatchObject({ status: 'done', minutesSpent: 0 });
    const activity = await withUser(t.db, user, (tx) => getActivity(tx, user.id));
    expect(activity.filter((a) => a.kind === 'done')).toHaveLength(1);
    expect(activity.reduce((sum, a) => sum + a.minutes, 0)).toBe(0); // done is a learning day, not learning time
    const rows = await withUser(t.db, user, (tx) => getLessonProgress(tx, user.id, c.id));
    const total = c.plan!.modules.flatMap((m) => m.lessons).reduce((s, l) => s + l.estimatedMinutes, 0);
    expect(percentComplete(c.plan!, rows)).toBeCloseTo((lesson.estimatedMinutes / total) * 100, 0);
    expect(streakDays(activity, new Date().toISOString().slice(0, 10))).toBe(1);
  });

  it('counts logged minutes once per idempotency key and moves the lesson to in progress', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const log = (key: string) =>
      withUser(t.db, user, (tx) =>
        updateLessonProgress(tx, {
          userId: user.id,
          curriculumId: c.id,
          lessonId: lesson.id,
          update: { addMinutes: 25, idempotencyKey: key },
        }),
      );
    await log('key-aaaaaaaa');
    await log('key-aaaaaaaa');
    const third = await log('key-bbbbbbbb');
    expect(third.progress).toMatchObject({ status: 'in_progress', minutesSpent: 50 });
  });

  it('time learned is exactly what was logged: mark done adds 0, logging on a done lesson adds the minutes once', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const other = c.plan!.modules[0].lessons[1];
    const update = (lessonId: string, u: Parameters<typeof updateLessonProgress>[1]['update']) =>
      withUser(t.db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId, update: u }));
    for (const l of c.plan!.modules[0].lessons) await update(l.id, { status: 'done' }); // "a few clicks"
    const logged = await update(lesson.id, { addMinutes: 45, idempotencyKey: 'log-45-aaaa' });
    expect(logged.progress).toMatchObject({ status: 'done', minutesSpent: 45 });
    expect((await update(lesson.id, { addMinutes: 45, idempotencyKey: 'log-45-aaaa' })).progress.minutesSpent).toBe(45); // retried: once
    expect((await update(lesson.id, { status: 'done' })).changed).toBe(false); // done again: nothing
    expect((await update(other.id, { status: 'done' })).progress.minutesSpent).toBe(0);
    const d = await withUser(t.db, user, (tx) => getDashboard(tx, user.id));
    expect(d.totalMinutes).toBe(45);
    // The database refuses a "done" row that carries minutes, whoever writes it.
    await expect(
      t.db.query(
        `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key) values ($1, $2, $3, 'done', 30, 'd:forged')`,
        [user.id, c.id, lesson.id],
      ),
    ).rejects.toThrow(/learning_activity_done_no_minutes/);
  });

  it('keeps notes, and refuses lessons that are not in the plan', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const r = await withUser(t.db, user, (tx) =>
      updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: lesson.id, update: { notes: 'JOINs click now' } }),
    );
    expect(r.progress.notes).toBe('JOINs click now');
    await expect(
      withUser(t.db, user, (tx) =>
        updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: 'nope', update: { status: 'done' } }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("lets no one else read or write a learner's curriculum (app check and RLS)", async () => {
    const { c, lesson } = await readyCurriculum();
    const other = await createUser(t.db);
    await expect(
      withUser(t.db, other, (tx) =>
        updateLessonProgress(tx, { userId: other.id, curriculumId: c.id, lessonId: lesson.id, update: { status: 'done' } }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    // RLS alone: even a query that forgets the owner filter sees nothing.
    const seen = await withUser(t.db, other, (tx) => tx.query('select id from public.curricula where id = $1', [c.id]));
    expect(seen.rows).toHaveLength(0);
    const inserted = withUser(t.db, other, (tx) =>
      tx.query(`insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status) values ($1, $2, $3, 'done')`, [
        c.id,
        lesson.id,
        other.id,
      ]),
    );
    await expect(inserted).rejects.toThrow(/row-level security/);
    expect(await withUser(t.db, other, (tx) => listCurricula(tx, other.id))).toEqual([]);
  });
});

describe('checkpoints', () => {
  it('scores a quiz and keeps the best score', async () => {
    const { user, c } = await readyCurriculum();
    const m = c.plan!.modules[0];
    if (m.checkpoint.type !== 'quiz') throw new Error('expected a quiz');
    // Answers are the positions the learner saw: choices are shuffled per learner and question.
    const right = m.checkpoint.questions.map((q) =>
      shownIndex(choiceOrder(user.id, questionIdOf(m.id, q), q.choices.length), q.answerIndex),
    );
    const wrong = m.checkpoint.questions.map((q, i) => (right[i] + 1) % q.choices.length);
    const submit = (answers: number[]) =>
      withUser(t.db, user, (tx) => submitCheckpoint(tx, { userId: user.id, curriculumId: c.id, moduleId: m.id, answers }));
    const a = await submit(right);
    expect(a).toMatchObject({ score: right.length, total: right.length, best: right.length });
    const b = await submit(wrong);
    expect(b).toMatchObject({ score: 0, best: right.length });
    expect(b.results.every((r) => !r.correct && r.explanation.length > 0)).toBe(true);
    expect(await withUser(t.db, user, (tx) => getBestScores(tx, c.id))).toEqual({
      [m.id]: { best: right.length, total: right.length, attempts: 2 },
    });
  });
});

describe('quiz answers stay on the server until a complete submission', () => {
  it('refuses a blank or partial quiz with 422 naming the unanswered questions, storing nothing', async () => {
    const { user, c } = await readyCurriculum();
    const m = c.plan!.modules[0];
    if (m.checkpoint.type !== 'quiz') throw new Error('expected a quiz');
    const qs = m.checkpoint.questions;
    const submit = (answers: number[]) =>
      withUser(t.db, user, (tx) => submitCheckpoint(tx, { userId: user.id, curriculumId: c.id, moduleId: m.id, answers }));
    const blank = await submit(qs.map(() => -1)).catch((e: unknown) => e);
    expect(blank).toMatchObject({ code: 'unprocessable', status: 422, message: expect.stringMatching(/Answer every question/) });
    expect(Object.keys((blank as { fields: Record<string, string> }).fields)).toEqual(qs.map((_, i) => `answers.${i}`));
    expect(JSON.stringify(blank)).not.toMatch(/answerIndex|explanation/);
    const shownRight = qs.map((q) => shownIndex(choiceOrder(user.id, questionIdOf(m.id, q), q.choices.length), q.answerIndex));
    const partial = await submit([shownRight[0]]).catch((e: unknown) => e);
    expect(partial).toMatchObject({
      code: 'unprocessable',
      fields: Object.fromEntries(qs.slice(1).map((_, i) => [`answers.${i + 1}`, 'Choose an answer.'])),
    });
    expect((partial as Error).message).toContain(
      `questions ${qs
        .slice(1)
        .map((_, i) => i + 2)
        .join(', ')}`,
    );
    await expect(submit(qs.map((q) => q.choices.length))).rejects.toMatchObject({ code: 'unprocessable' }); // out of range
    expect(await withUser(t.db, user, (tx) => getBestScores(tx, c.id))).toEqual({}); // nothing scored or stored
    const scored = await submit(shownRight);
    expect(scored.score).toBe(qs.length);
    expect(scored.results.map((r) => r.answerIndex)).toEqual(shownRight); // revealed only now, at the learner's positions
  });

  it('what the browser gets before submitting (API plan, streamed modules, realtime events) has no answers', async () => {
    const { user, c } = await readyCurriculum();
    const answersOf = (x: unknown) => JSON.stringify(x).match(/answerIndex|explanation/g) ?? [];
    expect(answersOf(c.plan).length).toBeGreaterThan(0); // stored server-side…
    expect(answersOf(curriculumWithoutAnswers(c.plan!, user.id))).toEqual([]); // …never sent
    expect(ZPublicCurriculum.parse(curriculumWithoutAnswers(c.plan!, user.id))).toEqual(curriculumWithoutAnswers(c.plan!, user.id)); // the response schema keeps everything else
    expect(() => ZPublicCurriculum.parse(c.plan)).toThrow(); // and refuses a plan with answers
    const quiz = curriculumWithoutAnswers(c.plan!, user.id).modules[0].checkpoint;
    expect(quiz.type === 'quiz' && quiz.questions[0].choices.length).toBeGreaterThan(1);
    const events = await t.db.query<{ payload: unknown }>(
      `select payload from public.realtime_events where user_id = $1 and type = 'curriculum.module'`,
      [user.id],
    );
    expect(events.rows.length).toBeGreaterThan(0);
    expect(answersOf(events.rows)).toEqual([]);
  });
});

describe('learner days and the curriculum shown', () => {
  it("counts days in the account's zone: a streak across Auckland's midnight, not UTC's", async () => {
    const { user, c, lesson } = await readyCurriculum();
    await t.db.query(`update public.users set timezone = 'Pacific/Auckland' where id = $1`, [user.id]);
    for (const [i, at] of ['2026-11-20T10:30:00Z', '2026-11-20T11:30:00Z'].entries()) {
      await t.db.query(
        `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key, occurred_at) values ($1, $2, $3, 'minutes', 20, $4, $5)`,
        [user.id, c.id, lesson.id, `tz-${i}`, at],
      );
    }
    const now = new Date('2026-11-20T12:00:00Z'); // already 01:00 on the 21st in Auckland, still the 20th in UTC
    const d = await withUser(t.db, user, (tx) => getDashboard(tx, user.id, undefined, now));
    expect(d).toMatchObject({ timeZone: 'Pacific/Auckland', today: '2026-11-21', streak: 2 });
    await t.db.query(`update public.users set timezone = 'UTC' where id = $1`, [user.id]);
    expect(await withUser(t.db, user, (tx) => getDashboard(tx, user.id, undefined, now))).toMatchObject({ today: '2026-11-20', streak: 1 });
  });

  it('keeps a valid IANA zone on the account: sign-up takes the browser zone, falls back to UTC, the database refuses junk', async () => {
    const { signUp } = await import('@/lib/auth/sign-up');
    const zoneOf = async (id: string) =>
      (await t.db.query<{ timezone: string }>('select timezone from public.users where id = $1', [id])).rows[0].timezone;
    const base = { name: 'Zed', password: 'a long enough password', acceptTerms: true as const };
    const la = await signUp(t.db, { ...base, email: uniqueEmail('la'), timeZone: 'America/Los_Angeles' });
    expect(await zoneOf(la.id)).toBe('America/Los_Angeles');
    const junk = await signUp(t.db, { ...base, email: uniqueEmail('junk'), timeZone: 'Mars/Olympus_Mons' });
    expect(await zoneOf(junk.id)).toBe('UTC');
    const none = await signUp(t.db, { ...base, email: uniqueEmail('none') });
    expect(await zoneOf(none.id)).toBe('UTC');
    await expect(t.db.query(`update public.users set timezone = 'Mars/Olympus_Mons' where id = $1`, [la.id])).rejects.toThrow(
      /users_timezone_valid/,
    );
    // A learner reads and changes their own zone under RLS.
    await withUser(t.db, la, (tx) => tx.query(`update public.users set timezone = 'Europe/London' where id = $1`, [la.id]));
    expect(
      await withUser(t.db, la, (tx) => tx.query<{ timezone: string }>('select timezone from public.users where id = $1', [la.id])),
    ).toMatchObject({ rows: [{ timezone: 'Europe/London' }] });
  });

  it('shows the most recently active curriculum by default, and the one asked for', async () => {
    const { user, c: older, lesson } = await readyCurriculum();
    const { id: newerId } = await withUser(t.db, user, (tx) =>
      createCurriculumRequest(tx, { userId: user.id, request: { ...request, goal: 'Learn Rust' }, provider: 'offline', dailyLimit: 5 }),
    );
    expect(await runGeneration(t.db, newerId, offlineProvider)).toBe('ready');
    expect((await withUser(t.db, user, (tx) => getDashboard(tx, user.id))).selectedId).toBe(newerId); // no activity: the newest
    await withUser(t.db, user, (tx) =>
      updateLessonProgress(tx, {
        userId: user.id,
        curriculumId: older.id,
        lessonId: lesson.id,
        update: { addMinutes: 10, idempotencyKey: 'recent-aaaa' },
      }),
    );
    const d = await withUser(t.db, user, (tx) => getDashboard(tx, user.id));
    expect(d.selectedId).toBe(older.id);
    expect(d.todayCard?.curriculumId).toBe(older.id);
    expect((await withUser(t.db, user, (tx) => getDashboard(tx, user.id, newerId))).selectedId).toBe(newerId);
  });
});

describe('generation requests', () => {
  it('saves the request before generating and enforces the daily limit', async () => {
    const user = await createUser(t.db);
    const create = () =>
      withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 2 }));
    const { id } = await create();
    const saved = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    expect(saved).toMatchObject({ status: 'queued', request, budgetMinutes: 12 * 60, weeks: 4, plan: null });
    await create();
    await expect(create()).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('refuses new generations once the daily token budget is used', async () => {
    const user = await createUser(t.db);
    const create = () =>
      withUser(t.db, user, (tx) =>
        createCurriculumRequest(tx, { userId: user.id, request, provider: 'openai', dailyLimit: 10, dailyTokens: 5000 }),
      );
    const { id } = await create();
    await t.db.query('update public.curricula set tokens_used = 5200 where id = $1', [id]);
    await expect(create()).rejects.toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/budget/) });
  });
});

describe('regenerating and extending', () => {
  it('regenerates one module without losing progress on the lessons kept, and extends the plan', async () => {
    const { regenerateModule, extendCurriculum } = await import('@/lib/curriculum/change-curriculum');
    const { user, c } = await readyCurriculum();
    const m = c.plan!.modules[1];
    const touched = m.lessons[0];
    await withUser(t.db, user, (tx) =>
      updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: touched.id, update: { status: 'done' } }),
    );
    const merged = await regenerateModule(t.db, user, { curriculumId: c.id, moduleId: m.id, provider: offlineProvider });
    expect(merged.id).toBe(m.id);
    expect(merged.lessons[0].id).toBe(touched.id);
    expect(merged.lessons.slice(1).some((l) => m.lessons.some((o) => o.id === l.id))).toBe(false);
    const after = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id: c.id, userId: user.id }));
    expect(after.plan!.modules[1].lessons[0].id).toBe(touched.id);
    const rows = await withUser(t.db, user, (tx) => getLessonProgress(tx, user.id, c.id));
    expect(rows.find((r) => r.lessonId === touched.id)?.status).toBe('done');

    const extended = await extendCurriculum(t.db, user, { curriculumId: c.id, weeks: 2, provider: offlineProvider });
    expect(extended.modules.length).toBeGreaterThan(after.plan!.modules.length);
    expect(extended.modules.slice(0, after.plan!.modules.length)).toEqual(after.plan!.modules);
    const final = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id: c.id, userId: user.id }));
    expect(final.weeks).toBe(6);
    expect(percentComplete(final.plan!, rows)).toBeGreaterThan(0);
  });
});

describe('interrupted generations', () => {
  it('are marked failed (retryable, request kept) only once their generation job is gone', async () => {
    const { failOrphanedGenerations } = await import('@/lib/curriculum/recover-interrupted');
    const user = await createUser(t.db);
    const { id } = await withUser(t.db, user, (tx) =>
      createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 5 }),
    );
    await t.db.query(`update public.curricula set status = 'generating' where id = $1`, [id]);
    expect(await failOrphanedGenerations(t.db)).toBe(0); // its job is waiting: the job's lease decides
    expect((await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }))).status).toBe('generating');
    // The job ended without settling the row (its process died during the last attempt).
    await t.db.query(`update public.jobs set done_at = now(), failed_at = now() where singleton_key = $1`, [id]);
    expect(await failOrphanedGenerations(t.db)).toBe(1);
    const c = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    expect(c).toMatchObject({ status: 'failed', request });
    expect(c.error).toMatch(/stopped before it finished/);
    expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  });
});
