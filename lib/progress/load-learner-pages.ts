import 'server-only';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { getRealtimeInfo } from '@/lib/realtime/get-realtime-info';
import { getDashboard } from './get-dashboard';
import { getBestScores, getLearnerTimeZone, getLessonProgress } from './get-progress';

// What the Learn pages read, each in one transaction as the learner (docs/db-access.md).

/** Learn home and the progress dashboard. */
export function loadLearnerDashboard(db: TDb, user: TDbUser, selectedId?: string) {
  return withUser(db, user, async (tx) => ({
    d: await getDashboard(tx, user.id, selectedId),
    realtime: await getRealtimeInfo(tx, user.id),
  }));
}

/** One curriculum's page; a 404 (AppError not_found) for another learner's or an unknown id. */
export function loadCurriculumPage(db: TDb, user: TDbUser, id: string) {
  return withUser(db, user, async (tx) => {
    const c = await getCurriculumOrThrow(tx, { id, userId: user.id });
    // In turn, not Promise.all: one transaction client runs one statement at a time.
    const progress = await getLessonProgress(tx, user.id, id);
    const scores = await getBestScores(tx, id);
    const realtime = await getRealtimeInfo(tx, user.id);
    return { c, progress, scores, realtime };
  });
}

/** The account's time zone (UTC when unset), read as the user: for pages that show dates in it. */
export function loadAccountTimeZone(db: TDb, user: TDbUser): Promise<string> {
  return withUser(db, user, (tx) => getLearnerTimeZone(tx, user.id));
}
