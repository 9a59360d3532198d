import 'server-only';
import { createHash } from 'node:crypto';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import type { TLessonStatus, TLessonUpdate } from '@/lib/curriculum/schemas';
import { withUser, type TDb, type TDbUser, type TUserTx } from '@/lib/db';
import { announce } from '@/lib/realtime/publish-event';
import { AppError } from '@/lib/http/app-error';

export type TLessonProgress = { lessonId: string; status: TLessonStatus; minutesSpent: number; notes: string; completedAt: string | null };

/**
 * Applies a lesson update idempotently: marking a lesson done that is already done records nothing new,
 * and logged minutes carry a key so a retried request counts once. Time spent is only what the learner
 * logged: marking a lesson done adds no minutes (the page offers the planned minutes as a one-click log).
 */
export async function updateLessonProgress(
  tx: TUserTx,
  o: { userId: string; curriculumId: string; lessonId: string; update: TLessonUpdate },
): Promise<{ progress: TLessonProgress; changed: boolean }> {
  if (!/^[0-9a-f-]{36}$/i.test(o.curriculumId)) throw new AppError('not_found', 'This curriculum does not exist.');
  // The lesson straight from the plan's jsonb: no need to parse the whole plan on every write.
  const { rows: found } = await tx.query(
    `select 1
       from public.curricula c, jsonb_array_elements(c.plan -> 'modules') m, jsonb_array_elements(m -> 'lessons') l
      where c.id = $1 and c.user_id = $2 and c.status = 'ready' and l ->> 'id' = $3`,
    [o.curriculumId, o.userId, o.lessonId],
  );
  if (!found[0]) {
    await getCurriculumOrThrow(tx, { id: o.curriculumId, userId: o.userId }); // 404 for someone else's curriculum
    throw new AppError('not_found', 'This lesson is not in the curriculum.');
  }
  await tx.query(
    `insert into public.lesson_progress (curriculum_id, lesson_id, user_id) values ($1, $2, $3) on conflict (curriculum_id, lesson_id) do nothing`,
    [o.curriculumId, o.lessonId, o.userId],
  );
  const { rows: cur } = await tx.query<{ status: TLessonStatus; minutes_spent: number }>(
    'select status, minutes_spent from public.lesson_progress where curriculum_id = $1 and lesson_id = $2 for update',
    [o.curriculumId, o.lessonId],
  );
  const before = cur[0];
  let changed = false;
  let addMinutes = 0;
  const key = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 40);

  if (o.update.addMinutes) {
    const idem = o.update.idempotencyKey
      ? `m:${key(`${o.curriculumId}:${o.lessonId}:${o.update.idempotencyKey}`)}`
      : `m:${crypto.randomUUID()}`;
    const { rows } = await tx.query(
      `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key)
       values ($1, $2, $3, 'minutes', $4, $5) on conflict (user_id, idempotency_key) do nothing returning id`,
      [o.userId, o.curriculumId, o.lessonId, o.update.addMinutes, idem],
    );
    if (rows.length) addMinutes += o.update.addMinutes;
  }
  let status: TLessonStatus = o.update.status ?? before.status;
  if (!o.update.status && addMinutes > 0 && status === 'not_started') status = 'in_progress';
  if (status === 'done' && before.status !== 'done') {
    // One "done" per lesson per day: a double click or a retried request cannot count twice. It marks a
    // learning day for the streak and carries no minutes.
    const idem = `d:${key(`${o.curriculumId}:${o.lessonId}:${new Date().toISOString().slice(0, 10)}`)}`;
    await tx.query(
      `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key)
       values ($1, $2, $3, 'done', 0, $4) on conflict (user_id, idempotency_key) do nothing`,
      [o.userId, o.curriculumId, o.lessonId, idem],
    );
  }
  const { rows } = await tx.query<{ status: TLessonStatus; minutes_spent: number; notes: string; completed_at: Date | null }>(
    `update public.lesson_progress set status = $3, minutes_spent = minutes_spent + $4, notes = coalesce($5, notes),
            completed_at = case when $3 in ('done', 'skipped') then coalesce(completed_at, now()) else null end, updated_at = now()
      where curriculum_id = $1 and lesson_id = $2 returning status, minutes_spent, notes, completed_at`,
    [o.curriculumId, o.lessonId, status, addMinutes, o.update.notes ?? null],
  );
  const r = rows[0];
  changed = status !== before.status || addMinutes > 0 || o.update.notes !== undefined;
  return {
    progress: {
      lessonId: o.lessonId,
      status: r.status,
      minutesSpent: r.minutes_spent,
      notes: r.notes,
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    },
    changed,
  };
}

/** PATCH /api/curricula/:id/lessons/:lessonId: the update as the learner, then (once committed) the learner's other tabs hear of it. */
export async function saveLessonProgress(db: TDb, user: TDbUser, o: { curriculumId: string; lessonId: string; update: TLessonUpdate }) {
  const result = await withUser(db, user, (tx) => updateLessonProgress(tx, { userId: user.id, ...o }));
  if (result.changed) await announce(db, user.id, 'progress.updated', { curriculumId: o.curriculumId, ...result.progress });
  return result;
}
