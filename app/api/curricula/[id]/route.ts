import { NextResponse } from 'next/server';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { curriculumWithoutAnswers, moduleWithoutAnswers, ZPublicCurriculum } from '@/lib/curriculum/hide-answers';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';

// GET /api/curricula/:id – status, streamed modules so far, and the plan once ready (polling fallback); no quiz answers
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    const c = await withUser(db, user, (tx) => getCurriculumOrThrow(tx, { id: params.id, userId: user.id }));
    return NextResponse.json({
      id: c.id,
      status: c.status,
      error: c.error,
      partialModules: c.partialModules.map(moduleWithoutAnswers),
      expectedModules: c.expectedModules,
      // Parsed on the way out: a question that still carried its answer would fail here, not leak.
      plan: c.plan ? ZPublicCurriculum.parse(curriculumWithoutAnswers(c.plan)) : null,
    });
  },
  { roles: ['learner'] },
);
