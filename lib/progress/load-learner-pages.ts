import 'server-only';
import { viewCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { getRealtimeInfo } from '@/lib/realtime/get-realtime-info';
import { getDashboard } from './get-dashboard';
import { getBestScores, getLessonProgress } from './get-progress';

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
    const c = await viewCurriculumOrThrow(tx, { id, userId: user.id }); // read-only: the plan parsed once per version
    // In turn, not Promise.all: one transaction client runs one statement at a time.
    const progress = await getLessonProgress(tx, user.id, id);
    const scores = await getBestScores(tx, id);
    const realtime = await getRealtimeInfo(tx, user.id);
    return { c, progress, scores, realtime };
  });
}
