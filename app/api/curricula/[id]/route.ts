import { NextResponse } from 'next/server';
import { readOwnCurriculum } from '@/lib/curriculum/as-learner';
import { curriculumWithoutAnswers, moduleWithoutAnswers, ZPublicCurriculum } from '@/lib/curriculum/hide-answers';
import { route, type TAuthedContext } from '@/lib/http/route';

// GET /api/curricula/:id – status, streamed modules so far, and the plan once ready (polling fallback); no quiz answers
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    const c = await readOwnCurriculum(db, user, params.id);
    return NextResponse.json({
      id: c.id,
      status: c.status,
      error: c.error,
      partialModules: c.partialModules.map((m) => moduleWithoutAnswers(m, user.id)),
      expectedModules: c.expectedModules,
      // Parsed on the way out: a question that still carried its answer would fail here, not leak.
      plan: c.plan ? ZPublicCurriculum.parse(curriculumWithoutAnswers(c.plan, user.id)) : null,
    });
  },
  { roles: ['learner'] },
);
