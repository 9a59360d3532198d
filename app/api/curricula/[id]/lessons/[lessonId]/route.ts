import { NextResponse } from 'next/server';
import { ZLessonUpdate } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { updateLessonProgress } from '@/lib/progress/update-lesson-progress';
import { publishEvent } from '@/lib/realtime/publish-event';

// PATCH /api/curricula/:id/lessons/:lessonId – status, minutes, notes (idempotent); other tabs hear of it
export const PATCH = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string; lessonId: string }>) => {
    const update = parseOrThrow(ZLessonUpdate, await readJson(req));
    const result = await withUser(db, user, (tx) => updateLessonProgress(tx, { userId: user.id, curriculumId: params.id, lessonId: params.lessonId, update }));
    if (result.changed) await publishEvent(db, user.id, 'progress.updated', { curriculumId: params.id, ...result.progress });
    return NextResponse.json(result);
  },
  { roles: ['learner'] },
);
