import { NextResponse } from 'next/server';
import { ZLessonUpdate } from '@/lib/curriculum/schemas';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { saveLessonProgress } from '@/lib/progress/update-lesson-progress';

// PATCH /api/curricula/:id/lessons/:lessonId – status, minutes, notes (idempotent); other tabs hear of it
export const PATCH = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string; lessonId: string }>) => {
    const update = parseOrThrow(ZLessonUpdate, await readJson(req));
    return NextResponse.json(await saveLessonProgress(db, user, { curriculumId: params.id, lessonId: params.lessonId, update }));
  },
  { roles: ['learner'] },
);
