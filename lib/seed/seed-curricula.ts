import 'server-only';
import { createHash } from 'node:crypto';
import { curriculumWithIds } from '@/lib/curriculum/assign-ids';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { budgetMinutes, planWeeks, ZCurriculumRequest } from '@/lib/curriculum/schemas';
import type { TPrivilegedTx } from '@/lib/db/types';

/**
 * A demo curriculum for the learner, started three weeks ago, with lessons done on most days since,
 * so the dashboard has data on first run. Deterministic ids keep reseeding predictable.
 */
export async function seedDemoCurricula(db: TPrivilegedTx, learnerId: string, now = new Date()): Promise<void> {
  const request = ZCurriculumRequest.parse({
    goal: 'Get job-ready in SQL',
    level: 'beginner',
    background: 'Spreadsheet power user, some Python.',
    hoursPerWeek: 5,
    weeks: 8,
    materials: ['reading', 'video', 'practice', 'projects'],
  });
  const start = new Date(now.getTime() - 21 * 86_400_000);
  let n = 0;
  const id = () => {
    const h = createHash('sha256').update(`demo-sql-${n++}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const plan = curriculumWithIds(planOffline(request, start), id);
  const { rows } = await db.query<{ id: string }>(
    `insert into public.curricula (user_id, request, status, provider, plan, budget_minutes, weeks, start_date, expected_modules, attempts, created_at, generated_at)
     values ($1, $2, 'ready', 'offline', $3, $4, $5, $6::date, $7, 1, $6::timestamptz, $6::timestamptz) returning id`,
    [
      learnerId,
      JSON.stringify(request),
      JSON.stringify(plan),
      budgetMinutes(request, start),
      planWeeks(request, start),
      start.toISOString().slice(0, 10),
      plan.modules.length,
    ],
  );
  const curriculumId = rows[0].id;
  const lessons = plan.modules.flatMap((m) => m.lessons);
  // Learned on 15 of the last 21 days; one lesson roughly every other learning day.
  const skip = new Set([3, 4, 9, 12, 16, 17]);
  let li = 0;
  for (let day = 20; day >= 1; day--) {
    if (skip.has(day)) continue;
    const at = new Date(now.getTime() - day * 86_400_000 + 18 * 3_600_000).toISOString();
    const lesson = lessons[li];
    if (!lesson) break;
    const minutes = 25 + ((day * 7) % 30);
    await db.query(
      `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key, occurred_at) values ($1, $2, $3, 'minutes', $4, $5, $6)`,
      [learnerId, curriculumId, lesson.id, minutes, `seed-m-${day}`, at],
    );
    if (day % 2 === 0) {
      await db.query(
        `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key, occurred_at) values ($1, $2, $3, 'done', 0, $4, $5)`,
        [learnerId, curriculumId, lesson.id, `seed-d-${day}`, at],
      );
      await db.query(
        `insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status, minutes_spent, completed_at, updated_at) values ($1, $2, $3, 'done', $4, $5, $5)`,
        [curriculumId, lesson.id, learnerId, lesson.estimatedMinutes, at],
      );
      li++;
    }
  }
  if (lessons[li]) {
    await db.query(
      `insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status, minutes_spent, notes) values ($1, $2, $3, 'in_progress', 20, $4)`,
      [curriculumId, lessons[li].id, learnerId, 'Window functions next — re-read the PARTITION BY example.'],
    );
  }
}
