import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postReview } from '@/app/api/curricula/[id]/review/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow, type TCurriculumRow } from '@/lib/curriculum/get-curriculum';
import { offlineProvider } from '@/lib/curriculum/get-provider';
import { curriculumWithoutAnswers } from '@/lib/curriculum/hide-answers';
import { choiceOrder, questionIdOf, shownIndex } from '@/lib/curriculum/quiz-order';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest, type TStoredModule } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { answerReview } from '@/lib/progress/answer-review';
import { getQuizAnswers, masteryByModule, reviewItems } from '@/lib/progress/quiz-history';
import { submitCheckpoint } from '@/lib/progress/submit-checkpoint';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// Issue #14: checkpoint answers in the learner's own order, each answer kept; a wrong one comes back for review the
// next day; answering it in Review moves its Leitner box and the module's mastery.

const request = ZCurriculumRequest.parse({ goal: 'Learn Go', level: 'beginner', hoursPerWeek: 3, weeks: 4, materials: ['reading'] });
let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown> };
beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});

async function readyCurriculum(user?: TSessionUser) {
  const u = user ?? (await createUser(t.db));
  const { id } = await withUser(t.db, u, (tx) =>
    createCurriculumRequest(tx, { userId: u.id, request, provider: 'offline', dailyLimit: 5 }),
  );
  expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  const c = await withUser(t.db, u, (tx) => getCurriculumOrThrow(tx, { id, userId: u.id }));
  const m = c.plan!.modules[0];
  if (m.checkpoint.type !== 'quiz') throw new Error('expected a quiz');
  return { user: u, c, m, questions: m.checkpoint.questions };
}

/** Where `user` sees the right answer of each question of `m`. */
const rightPositions = (user: TSessionUser, m: TStoredModule) =>
  m.checkpoint.type === 'quiz'
    ? m.checkpoint.questions.map((q) => shownIndex(choiceOrder(user.id, questionIdOf(m.id, q), q.choices.length), q.answerIndex))
    : [];

const dayAfter = (iso: string, days = 1) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

describe('shuffled choices', () => {
  it('two learners see one question’s choices in their own seeded order, the same on every read, and are scored by what they saw', async () => {
    const a = await readyCurriculum();
    const b = await createUser(t.db);
    const seenBy = (u: TSessionUser, c: TCurriculumRow) =>
      curriculumWithoutAnswers(c.plan!, u.id).modules.flatMap((m) => (m.checkpoint.type === 'quiz' ? m.checkpoint.questions : []));
    expect(seenBy(a.user, a.c)).toEqual(seenBy(a.user, a.c));
    const orders = (u: TSessionUser) => seenBy(u, a.c).map((q) => q.choices.join('|'));
    expect(orders(a.user)).not.toEqual(orders(b)); // some question differs between the two learners
    // Same choices, only reordered.
    expect(seenBy(b, a.c).map((q) => [...q.choices].sort())).toEqual(seenBy(a.user, a.c).map((q) => [...q.choices].sort()));

    // Answering with another learner's positions is not the same as answering right: scoring follows what A saw.
    const right = rightPositions(a.user, a.m);
    const scored = await withUser(t.db, a.user, (tx) =>
      submitCheckpoint(tx, { userId: a.user.id, curriculumId: a.c.id, moduleId: a.m.id, answers: right }),
    );
    expect(scored.score).toBe(a.questions.length);
    expect(scored.results.every((r) => r.explanation.length > 0)).toBe(true);
  });
});

describe('answer history, review and mastery', () => {
  it('records every checkpoint answer; a wrong one is due the next day, answered right in Review it moves up a box and mastery rises', async () => {
    const { user, c, m, questions } = await readyCurriculum();
    const right = rightPositions(user, m);
    const answers = right.map((r, i) => (i === 0 ? (r + 1) % questions[0].choices.length : r)); // first one wrong
    const scored = await withUser(t.db, user, (tx) =>
      submitCheckpoint(tx, { userId: user.id, curriculumId: c.id, moduleId: m.id, answers }),
    );
    expect(scored.results.map((r) => r.correct)).toEqual(questions.map((_, i) => i !== 0));
    expect(scored.results[0].answerIndex).toBe(right[0]); // the right answer, at the position the learner saw it

    const history = await withUser(t.db, user, (tx) => getQuizAnswers(tx, user.id, c.id));
    const byId = (a: [string, boolean], b: [string, boolean]) => a[0].localeCompare(b[0]);
    expect(history.map((h): [string, boolean] => [h.questionId, h.correct]).sort(byId)).toEqual(
      questions.map((q, i): [string, boolean] => [questionIdOf(m.id, q), i !== 0]).sort(byId),
    );
    expect(new Set(history.map((h) => h.answeredAt)).size).toBe(1); // one instant for the whole checkpoint
    const answeredAt = history[0].answeredAt;
    const today = answeredAt.slice(0, 10);

    // Review: nothing due today; the wrong question the next day; the right ones after 3 days.
    const items = reviewItems(user.id, [c], history, 'UTC', today);
    const wrongId = questionIdOf(m.id, questions[0]);
    expect(items.filter((x) => x.dueDay <= today)).toEqual([]);
    expect(items.filter((x) => x.dueDay <= dayAfter(answeredAt)).map((x) => x.questionId)).toEqual([wrongId]);
    expect(items.find((x) => x.questionId === wrongId)).toMatchObject({ box: 1, question: questions[0].question });
    expect(JSON.stringify(items)).not.toMatch(/answerIndex|explanation/);

    const before = masteryByModule(c, history, 'UTC')[m.id];
    expect(before).toMatchObject({ answered: true, mastered: 0 });

    const wrongAgain = await withUser(t.db, user, (tx) =>
      answerReview(tx, { userId: user.id, curriculumId: c.id, questionId: wrongId, answer: (right[0] + 1) % questions[0].choices.length }),
    );
    expect(wrongAgain).toMatchObject({ correct: false, answerIndex: right[0], box: 1 });
    const reviewed = await withUser(t.db, user, (tx) =>
      answerReview(tx, { userId: user.id, curriculumId: c.id, questionId: wrongId, answer: right[0] }),
    );
    expect(reviewed).toMatchObject({ correct: true, box: 2, dueDay: dayAfter(answeredAt, 3), explanation: questions[0].explanation });

    const after = masteryByModule(c, await withUser(t.db, user, (tx) => getQuizAnswers(tx, user.id, c.id)), 'UTC')[m.id];
    expect(after.percent).toBeGreaterThan(before.percent);
  });

  it('refuses a Review of a question never answered (409), one not in the plan (404) and another learner’s curriculum (404)', async () => {
    const { user, c, m, questions } = await readyCurriculum();
    const qid = questionIdOf(m.id, questions[0]);
    const review = (u: TSessionUser, questionId: string) =>
      withUser(t.db, u, (tx) => answerReview(tx, { userId: u.id, curriculumId: c.id, questionId, answer: 0 }));
    await expect(review(user, qid)).rejects.toMatchObject({ code: 'conflict' });
    await expect(review(user, 'no/such/question')).rejects.toMatchObject({ code: 'not_found' });
    await expect(review(await createUser(t.db), qid)).rejects.toMatchObject({ code: 'not_found' });
    expect(await withUser(t.db, user, (tx) => getQuizAnswers(tx, user.id, c.id))).toEqual([]);
  });
});

describe('POST /api/curricula/:id/review', () => {
  function req(cookie: string | undefined, id: string, body: unknown) {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      host: 'localhost:3000',
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    };
    if (cookie) headers.cookie = cookie;
    return postReview(new NextRequest(`http://localhost:3000/api/curricula/${id}/review`, { method: 'POST', body: text, headers }), {
      params: Promise.resolve({ id }),
    });
  }

  it('answers for the learner: 401 signed out, 400 with fields, 422 for a position that does not exist, 200 with the result', async () => {
    const { user, c, m, questions } = await readyCurriculum();
    const cookie = `pw_session=${(await createSession(t.db, user.id, 1)).token}`;
    const qid = questionIdOf(m.id, questions[0]);
    await withUser(t.db, user, (tx) =>
      submitCheckpoint(tx, { userId: user.id, curriculumId: c.id, moduleId: m.id, answers: questions.map(() => 0) }),
    );
    expect((await req(undefined, c.id, { questionId: qid, answer: 0 })).status).toBe(401);
    const bad = await req(cookie, c.id, { questionId: '', answer: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_input', fields: { questionId: expect.any(String), answer: expect.any(String) } },
    });
    const outOfRange = await req(cookie, c.id, { questionId: qid, answer: questions[0].choices.length });
    expect(outOfRange.status).toBe(422);
    const ok = await req(cookie, c.id, { questionId: qid, answer: rightPositions(user, m)[0] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ correct: true, explanation: questions[0].explanation });
  });
});

describe('a question in two checkpoints', () => {
  it('is one card: one schedule, listed once for review', async () => {
    const { user, c, m, questions } = await readyCurriculum();
    // The same bank question again in a later module's checkpoint (as the planner's review modules do).
    const later = c.plan!.modules[1];
    const copy = { ...c.plan!, modules: c.plan!.modules.map((x) => (x.id === later.id ? { ...x, checkpoint: m.checkpoint } : x)) };
    const row = { ...c, plan: copy };
    await withUser(t.db, user, (tx) =>
      submitCheckpoint(tx, { userId: user.id, curriculumId: c.id, moduleId: m.id, answers: questions.map(() => 0) }),
    );
    const history = await withUser(t.db, user, (tx) => getQuizAnswers(tx, user.id, c.id));
    const due = reviewItems(user.id, [row], history, 'UTC', '2999-01-01');
    expect(due.map((x) => x.questionId)).toEqual([...new Set(due.map((x) => x.questionId))]);
    expect(due).toHaveLength(questions.length);
  });
});
