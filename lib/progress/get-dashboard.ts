import 'server-only';
import { listCurricula, type TCurriculumRow } from '@/lib/curriculum/get-curriculum';
import type { TQueryable } from '@/lib/db';
import { activityHeatmap, computePace, cumulativeSeries, dayKey, minutesPerWeek, percentComplete, streakDays, whatToDoToday, type TToday } from './compute-progress';
import { getActivity, getLessonProgress, planInfo } from './get-progress';

export type TDashboard = Awaited<ReturnType<typeof getDashboard>>;

/** Everything the Learn home and the progress dashboard draw, for one learner. */
export async function getDashboard(tx: TQueryable, userId: string, selectedId?: string, now = new Date()) {
  const today = dayKey(now);
  const [curricula, progress, activity] = await Promise.all([listCurricula(tx, userId), getLessonProgress(tx, userId), getActivity(tx, userId)]);
  const rowsOf = (c: TCurriculumRow) => progress.filter((p) => p.curriculumId === c.id);
  const ready = curricula.filter((c) => c.plan);
  const cards = curricula.map((c) => ({
    id: c.id,
    title: c.plan?.title ?? c.request.goal,
    status: c.status,
    provider: c.provider,
    percent: c.plan ? percentComplete(c.plan, rowsOf(c)) : 0,
    pace: c.plan ? computePace(planInfo(c)!, rowsOf(c), today) : null,
  }));
  const selected = ready.find((c) => c.id === selectedId) ?? ready[0] ?? null;
  let todayCard: (TToday & { curriculumId: string; curriculumTitle: string }) | null = null;
  let cumulative: ReturnType<typeof cumulativeSeries> = [];
  if (selected) {
    const info = planInfo(selected)!;
    todayCard = { ...whatToDoToday(info, rowsOf(selected), today), curriculumId: selected.id, curriculumTitle: info.plan.title };
    cumulative = cumulativeSeries(info, rowsOf(selected), today);
  }
  return {
    today,
    cards,
    selectedId: selected?.id ?? null,
    todayCard,
    cumulative,
    minutesPerWeek: minutesPerWeek(activity, today),
    heatmap: activityHeatmap(activity, today),
    streak: streakDays(activity, today),
    totalMinutes: activity.reduce((s, a) => s + a.minutes, 0),
  };
}
