import 'server-only';
import type { TCurriculumRow } from '@/lib/curriculum/get-curriculum';
import type { TUserTx } from '@/lib/db';
import type { TActivityRow, TProgressRow } from './compute-progress';
import type { TLessonProgress } from './update-lesson-progress';

export async function getLessonProgress(
  tx: TUserTx,
  userId: string,
  curriculumId?: string,
): Promise<(TLessonProgress & { curriculumId: string })[]> {
  const { rows } = await tx.query<{
    curriculum_id: string;
    lesson_id: string;
    status: TProgressRow['status'];
    minutes_spent: number;
    notes: string;
    completed_at: Date | null;
  }>(
    `select curriculum_id, lesson_id, status, minutes_spent, notes, completed_at from public.lesson_progress
      where user_id = $1 and ($2::uuid is null or curriculum_id = $2::uuid)`,
    [userId, curriculumId ?? null],
  );
  return rows.map((r) => ({
    curriculumId: r.curriculum_id,
    lessonId: r.lesson_id,
    status: r.status,
    minutesSpent: r.minutes_spent,
    notes: r.notes,
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  }));
}

export async function getActivity(tx: TUserTx, userId: string, sinceDays = 400): Promise<(TActivityRow & { curriculumId: string })[]> {
  const { rows } = await tx.query<{
    curriculum_id: string;
    lesson_id: string;
    kind: 'done' | 'minutes';
    minutes: number;
    occurred_at: Date;
  }>(
    `select curriculum_id, lesson_id, kind, minutes, occurred_at from public.learning_activity
      where user_id = $1 and occurred_at > now() - make_interval(days => $2) order by occurred_at`,
    [userId, sinceDays],
  );
  return rows.map((r) => ({
    curriculumId: r.curriculum_id,
    lessonId: r.lesson_id,
    kind: r.kind,
    minutes: r.minutes,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

export async function getBestScores(
  tx: TUserTx,
  curriculumId: string,
): Promise<Record<string, { best: number; total: number; attempts: number }>> {
  const { rows } = await tx.query<{ module_id: string; best_score: number; total: number; attempts: number }>(
    'select module_id, best_score, total, attempts from public.checkpoint_scores where curriculum_id = $1',
    [curriculumId],
  );
  return Object.fromEntries(rows.map((r) => [r.module_id, { best: r.best_score, total: r.total, attempts: r.attempts }]));
}

export const planInfo = (c: TCurriculumRow) =>
  c.plan ? { plan: c.plan, startDate: c.startDate, weeks: c.weeks, hoursPerWeek: c.request.hoursPerWeek } : null;

/** The learner's IANA zone, in which their days (streak, heatmap, today) are counted. */
export async function getLearnerTimeZone(tx: TUserTx, userId: string): Promise<string> {
  const { rows } = await tx.query<{ timezone: string | null }>('select timezone from public.users where id = $1', [userId]);
  return rows[0]?.timezone || 'UTC';
}
