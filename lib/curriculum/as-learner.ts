import 'server-only';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { wakeJobRunner } from '@/lib/jobs';
import { createCurriculumRequest, type TCreateRequestOptions } from './create-curriculum-request';
import { getCurriculumOrThrow, listCurricula, type TCurriculumRow } from './get-curriculum';
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
 * (the expert profile page). Picked out in SQL, not by reading and parsing every whole plan (issue #15).
 */
export function listAttachableCurricula(db: TDb, user: TDbUser): Promise<TAttachableCurriculum[]> {
  return withUser(db, user, async (tx) => {
    const { rows } = await tx.query<TAttachableCurriculum>(
      `select id, plan->>'title' as title,
              coalesce((select jsonb_agg(jsonb_build_object('id', m->>'id', 'title', m->>'title') order by n)
                          from jsonb_array_elements(plan->'modules') with ordinality as e(m, n)), '[]'::jsonb) as modules
         from public.curricula where user_id = $1 and plan is not null order by created_at desc limit 50`,
      [user.id],
    );
    return rows;
  });
}

/** Queues a failed generation again (checked and counted in the learner's transaction), then wakes the runner. */
export async function retryOwnCurriculum(db: TDb, user: TDbUser, o: { id: string; dailyLimit: number }): Promise<void> {
  await withUser(db, user, (tx) => retryGeneration(tx, { ...o, userId: user.id }));
  wakeJobRunner();
}
