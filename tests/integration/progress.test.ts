import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow, listCurricula } from '@/lib/curriculum/get-curriculum';
import { offlineProvider } from '@/lib/curriculum/get-provider';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { percentComplete, streakDays } from '@/lib/progress/compute-progress';
import { getActivity, getBestScores, getLessonProgress } from '@/lib/progress/get-progress';
import { submitCheckpoint } from '@/lib/progress/submit-checkpoint';
import { updateLessonProgress } from '@/lib/progress/update-lesson-progress';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

const request = ZCurriculumRequest.parse({ goal: 'Learn Go', level: 'beginner', hoursPerWeek: 3, weeks: 4, materials: ['reading', 'practice'] });
let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

async function readyCurriculum() {
  const user = await createUser(t.db);
  const { id } = await withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 5 }));
  expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  const c = await getCurriculumOrThrow(t.db, { id, userId: user.id });
  return { user, c, lesson: c.plan!.modules[0].lessons[0] };
}

describe('lesson progress', () => {
  it('counts the same "done" twice once', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const mark = () => withUser(t.db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: lesson.id, update: { status: 'done' } }));
    const first = await mark();
    const second = await mark();
    expect(first.changed).toBe(true);
    expect(second.changed).toBe(false);
    expect(second.progress).toMatchObject({ status: 'done', minutesSpent: lesson.estimatedMinutes });
    const activity = await withUser(t.db, user, (tx) => getActivity(tx, user.id));
    expect(activity.filter((a) => a.kind === 'done')).toHaveLength(1);
    const rows = await withUser(t.db, user, (tx) => getLessonProgress(tx, user.id, c.id));
    const total = c.plan!.modules.flatMap((m) => m.lessons).reduce((s, l) => s + l.estimatedMinutes, 0);
    expect(percentComplete(c.plan!, rows)).toBeCloseTo((lesson.estimatedMinutes / total) * 100, 0);
    expect(streakDays(activity, new Date().toISOString().slice(0, 10))).toBe(1);
  });

  it('counts logged minutes once per idempotency key and moves the lesson to in progress', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const log = (key: string) =>
      withUser(t.db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: lesson.id, update: { addMinutes: 25, idempotencyKey: key } }));
    await log('key-aaaaaaaa');
    await log('key-aaaaaaaa');
    const third = await log('key-bbbbbbbb');
    expect(third.progress).toMatchObject({ status: 'in_progress', minutesSpent: 50 });
  });

  it('keeps notes, and refuses lessons that are not in the plan', async () => {
    const { user, c, lesson } = await readyCurriculum();
    const r = await withUser(t.db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: lesson.id, update: { notes: 'JOINs click now' } }));
    expect(r.progress.notes).toBe('JOINs click now');
    await expect(
      withUser(t.db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: 'nope', update: { status: 'done' } })),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("lets no one else read or write a learner's curriculum (app check and RLS)", async () => {
    const { c, lesson } = await readyCurriculum();
    const other = await createUser(t.db);
    await expect(
      withUser(t.db, other, (tx) => updateLessonProgress(tx, { userId: other.id, curriculumId: c.id, lessonId: lesson.id, update: { status: 'done' } })),
    ).rejects.toMatchObject({ code: 'not_found' });
    // RLS alone: even a query that forgets the owner filter sees nothing.
    const seen = await withUser(t.db, other, (tx) => tx.query('select id from public.curricula where id = $1', [c.id]));
    expect(seen.rows).toHaveLength(0);
    const inserted = withUser(t.db, other, (tx) =>
      tx.query(`insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status) values ($1, $2, $3, 'done')`, [c.id, lesson.id, other.id]),
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
    const right = m.checkpoint.questions.map((q) => q.answerIndex);
    const wrong = m.checkpoint.questions.map((q) => (q.answerIndex + 1) % q.choices.length);
    const submit = (answers: number[]) => withUser(t.db, user, (tx) => submitCheckpoint(tx, { userId: user.id, curriculumId: c.id, moduleId: m.id, answers }));
    const a = await submit(right);
    expect(a).toMatchObject({ score: right.length, total: right.length, best: right.length });
    const b = await submit(wrong);
    expect(b).toMatchObject({ score: 0, best: right.length });
    expect(b.results.every((r) => !r.correct && r.explanation.length > 0)).toBe(true);
    expect(await withUser(t.db, user, (tx) => getBestScores(tx, c.id))).toEqual({ [m.id]: { best: right.length, total: right.length, attempts: 2 } });
  });
});

describe('generation requests', () => {
  it('saves the request before generating and enforces the daily limit', async () => {
    const user = await createUser(t.db);
    const create = () => withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 2 }));
    const { id } = await create();
    const saved = await getCurriculumOrThrow(t.db, { id, userId: user.id });
    expect(saved).toMatchObject({ status: 'queued', request, budgetMinutes: 12 * 60, weeks: 4, plan: null });
    await create();
    await expect(create()).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('refuses new generations once the daily token budget is used', async () => {
    const user = await createUser(t.db);
    const create = () => withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'openai', dailyLimit: 10, dailyTokens: 5000 }));
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
    await withUser(t.db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: c.id, lessonId: touched.id, update: { status: 'done' } }));
    const merged = await regenerateModule(t.db, user, { curriculumId: c.id, moduleId: m.id, provider: offlineProvider });
    expect(merged.id).toBe(m.id);
    expect(merged.lessons[0].id).toBe(touched.id);
    expect(merged.lessons.slice(1).some((l) => m.lessons.some((o) => o.id === l.id))).toBe(false);
    const after = await getCurriculumOrThrow(t.db, { id: c.id, userId: user.id });
    expect(after.plan!.modules[1].lessons[0].id).toBe(touched.id);
    const rows = await withUser(t.db, user, (tx) => getLessonProgress(tx, user.id, c.id));
    expect(rows.find((r) => r.lessonId === touched.id)?.status).toBe('done');

    const extended = await extendCurriculum(t.db, user, { curriculumId: c.id, weeks: 2, provider: offlineProvider });
    expect(extended.modules.length).toBeGreaterThan(after.plan!.modules.length);
    expect(extended.modules.slice(0, after.plan!.modules.length)).toEqual(after.plan!.modules);
    const final = await getCurriculumOrThrow(t.db, { id: c.id, userId: user.id });
    expect(final.weeks).toBe(6);
    expect(percentComplete(final.plan!, rows)).toBeGreaterThan(0);
  });
});

describe('interrupted generations', () => {
  it('are marked failed (retryable, request kept) at start-up', async () => {
    const { recoverInterruptedGenerations } = await import('@/lib/curriculum/recover-interrupted');
    const user = await createUser(t.db);
    const { id } = await createCurriculumRequest(t.db, { userId: user.id, request, provider: 'offline', dailyLimit: 5 });
    await t.db.query(`update public.curricula set status = 'generating' where id = $1`, [id]);
    expect(await recoverInterruptedGenerations(t.db, { all: false })).toBe(0); // fresh: another instance may be on it
    expect(await recoverInterruptedGenerations(t.db, { all: true })).toBeGreaterThanOrEqual(1);
    const c = await getCurriculumOrThrow(t.db, { id, userId: user.id });
    expect(c).toMatchObject({ status: 'failed', request });
    expect(c.error).toMatch(/interrupted/);
    expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  });
});
