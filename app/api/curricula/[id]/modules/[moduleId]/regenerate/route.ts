import { NextResponse } from 'next/server';
import { regenerateModule } from '@/lib/curriculum/change-curriculum';
import { getCurriculumProvider } from '@/lib/curriculum/get-provider';
import { moduleWithoutAnswers } from '@/lib/curriculum/hide-answers';
import { route, type TAuthedContext } from '@/lib/http/route';

// POST /api/curricula/:id/modules/:moduleId/regenerate – a fresh take on one module; touched lessons stay
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string; moduleId: string }>) => {
    const regenerated = await regenerateModule(db, user, {
      curriculumId: params.id,
      moduleId: params.moduleId,
      provider: getCurriculumProvider(),
    });
    return NextResponse.json({ module: moduleWithoutAnswers(regenerated, user.id) });
  },
  { roles: ['learner'] },
);
