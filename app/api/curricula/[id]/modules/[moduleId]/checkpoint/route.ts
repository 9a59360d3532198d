import { NextResponse } from 'next/server';
import { ZQuizSubmission } from '@/lib/curriculum/schemas';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { submitCheckpointFor } from '@/lib/progress/submit-checkpoint';

// POST /api/curricula/:id/modules/:moduleId/checkpoint – score a quiz, keep the best score
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string; moduleId: string }>) => {
    const { answers } = parseOrThrow(ZQuizSubmission, await readJson(req));
    return NextResponse.json(await submitCheckpointFor(db, user, { curriculumId: params.id, moduleId: params.moduleId, answers }));
  },
  { roles: ['learner'] },
);
