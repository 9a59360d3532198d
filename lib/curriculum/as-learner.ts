import 'server-only';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { wakeJobRunner } from '@/lib/jobs';
import { createCurriculumRequest, type TCreateRequestOptions } from './create-curriculum-request';
import { getCurriculumOrThrow, listCurricula, viewCurricula, type TCurriculumRow } from './get-curriculum';
import { retryGeneration } from './retry-generation';

// Entry points for route handlers and pages: each opens the learner's transaction (docs/db-access.md).

/** Saves the request with its generation job; once both committed, this process's job runner takes it at once. */
export async function requestCurriculum(db: TDb, user: TDbUser, o: Omit<TCreateRequestOptions, 'userId'>): Promise<{ id: string }> {
  const saved = await withUser(db, user, (tx) => createCurriculumRequest(tx, { ...o, userId: user.id }));
  wakeJobRunner();
  return saved;
}

export function readOwnCurriculum(db: TDb, user: TDbUser, id: string): Promise<TCurriculumRow> {
  return withUser(db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
}

export function listOwnCurricula(db: TDb, user: TDbUser): Promise<TCurriculumRow[]> {
  return withUser(db, user, (tx) => listCurricula(tx, user.id));
}

export type TAttachableCurriculum = { id: string; title: string; modules: { id: string; title: string }[] };

/**
 * The learner's planned curricula with only their modules' ids and titles: what a booking's brief may attach
 * (the expert profile page). Read through the kept parses (viewCurricula: one small statement when the plans
 * are kept), not by reading and parsing every whole plan on each view (issue #15).
 */
export async function listAttachableCurricula(db: TDb, user: TDbUser): Promise<TAttachableCurriculum[]> {
  const rows = await withUser(db, user, (tx) => viewCurricula(tx, user.id));
  return rows.flatMap((c) =>
    c.plan ? [{ id: c.id, title: c.plan.title, modules: c.plan.modules.map((m) => ({ id: m.id, title: m.title })) }] : [],
  );
}

/** Queues a failed generation again (checked and counted in the learner's transaction), then wakes the runner. */
export async function retryOwnCurriculum(db: TDb, user: TDbUser, o: { id: string; dailyLimit: number }): Promise<void> {
  await withUser(db, user, (tx) => retryGeneration(tx, { ...o, userId: user.id }));
  wakeJobRunner();
}
