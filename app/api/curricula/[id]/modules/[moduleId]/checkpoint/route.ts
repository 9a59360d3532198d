import { NextResponse } from 'next/server';
import { ZQuizSubmission } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { submitCheckpoint } from '@/lib/progress/submit-checkpoint';
import { publishEvent } from '@/lib/realtime/publish-event';

// POST /api/curricula/:id/modules/:moduleId/checkpoint – score a quiz, keep the best score
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string; moduleId: string }>) => {
    const { answers } = parseOrThrow(ZQuizSubmission, await readJson(req));
    const result = await withUser(db, user, (tx) => submitCheckpoint(tx, { userId: user.id, curriculumId: params.id, moduleId: params.moduleId, answers }));
    await publishEvent(db, user.id, 'progress.updated', { curriculumId: params.id, moduleId: params.moduleId, best: result.best });
    return NextResponse.json(result);
  },
  { roles: ['learner'] },
);
