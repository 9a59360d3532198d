import 'server-only';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { createCurriculumRequest, type TCreateRequestOptions } from './create-curriculum-request';
import { getCurriculumOrThrow, listCurricula, type TCurriculumRow } from './get-curriculum';
import { assertRetryable } from './retry-generation';

// Entry points for route handlers and pages: each opens the learner's transaction (docs/db-access.md).

export function requestCurriculum(db: TDb, user: TDbUser, o: Omit<TCreateRequestOptions, 'userId'>): Promise<{ id: string }> {
  return withUser(db, user, (tx) => createCurriculumRequest(tx, { ...o, userId: user.id }));
}

export function readOwnCurriculum(db: TDb, user: TDbUser, id: string): Promise<TCurriculumRow> {
  return withUser(db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
}

export function listOwnCurricula(db: TDb, user: TDbUser): Promise<TCurriculumRow[]> {
  return withUser(db, user, (tx) => listCurricula(tx, user.id));
}

export function checkRetryable(db: TDb, user: TDbUser, o: { id: string; dailyLimit: number }): Promise<void> {
  return withUser(db, user, (tx) => assertRetryable(tx, { ...o, userId: user.id }));
}
