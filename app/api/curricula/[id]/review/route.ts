import { NextResponse } from 'next/server';
import { ZReviewAnswer } from '@/lib/curriculum/schemas';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { answerReviewFor } from '@/lib/progress/answer-review';

// POST /api/curricula/:id/review – answer one question due for review; returns right/wrong, the answer, its new box
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    const body = parseOrThrow(ZReviewAnswer, await readJson(req));
    return NextResponse.json(await answerReviewFor(db, user, { curriculumId: params.id, ...body }));
  },
  { roles: ['learner'] },
);
