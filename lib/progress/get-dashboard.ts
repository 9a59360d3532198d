import 'server-only';
import { viewCurricula, type TCurriculumRow } from '@/lib/curriculum/get-curriculum';
import type { TUserTx } from '@/lib/db';
import {
  activityHeatmap,
  computePace,
  cumulativeSeries,
  dayKey,
  minutesPerWeek,
  percentComplete,
  pickActiveCurriculum,
  streakDays,
  whatToDoToday,
  type TToday,
} from './compute-progress';
import { getActivity, getLearnerTimeZone, getLessonProgress, planInfo } from './get-progress';

export type TDashboard = Awaited<ReturnType<typeof getDashboard>>;

export async function getDashboard(tx: TUserTx, userId: string, selectedId?: string, now = new Date()) {
  return (await readDashboard(tx, userId, selectedId, now)).dashboard;
}

/**
 * Everything the Learn home and the progress dashboard draw, for one learner. Days are the learner's
 * (their account's zone); the curriculum shown is the one asked for, else the most recently active one.
 */
export async function readDashboard(tx: TUserTx, userId: string, selectedId?: string, now = new Date()) {
  // Sequential: one transaction client runs one statement at a time.
  const curricula = await viewCurricula(tx, userId); // read-only: plans parsed once per version (get-curriculum.ts)
  const progress = await getLessonProgress(tx, userId);
  const activity = await getActivity(tx, userId);
  const timeZone = await getLearnerTimeZone(tx, userId);
  const today = dayKey(now, timeZone);
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
  const selected = ready.find((c) => c.id === selectedId) ?? pickActiveCurriculum(ready, activity) ?? null;
  let todayCard: (TToday & { curriculumId: string; curriculumTitle: string }) | null = null;
  let cumulative: ReturnType<typeof cumulativeSeries> = [];
  if (selected) {
    const info = planInfo(selected)!;
    todayCard = { ...whatToDoToday(info, rowsOf(selected), today), curriculumId: selected.id, curriculumTitle: info.plan.title };
    cumulative = cumulativeSeries(info, rowsOf(selected), today, timeZone);
  }
  const dashboard = {
    today,
    timeZone,
    cards,
    selectedId: selected?.id ?? null,
    todayCard,
    cumulative,
    minutesPerWeek: minutesPerWeek(activity, today, 8, timeZone),
    heatmap: activityHeatmap(activity, today, 84, timeZone),
    streak: streakDays(activity, today, timeZone),
    totalMinutes: activity.reduce((s, a) => s + a.minutes, 0),
  };
  // The rows read on the way, so the Learn pages' loader does not read them again (one query round per request).
  return { dashboard, curricula, progress };
}
