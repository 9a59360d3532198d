import 'server-only';
import type { TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import {
  ZCurriculumRequest,
  ZStoredCurriculum,
  ZStoredModule,
  type TCurriculumRequest,
  type TCurriculumStatus,
  type TStoredCurriculum,
  type TStoredModule,
} from './schemas';

export type TCurriculumRow = {
  id: string;
  userId: string;
  status: TCurriculumStatus;
  provider: 'openai' | 'offline';
  model: string | null;
  request: TCurriculumRequest;
  plan: TStoredCurriculum | null;
  partialModules: TStoredModule[];
  expectedModules: number;
  budgetMinutes: number;
  weeks: number;
  startDate: string;
  error: string | null;
  attempts: number;
  createdAt: string;
};

type TRaw = {
  id: string;
  user_id: string;
  status: TCurriculumStatus;
  provider: 'openai' | 'offline';
  model: string | null;
  request: unknown;
  plan: unknown;
  partial_modules: unknown;
  expected_modules: number;
  budget_minutes: number;
  weeks: number;
  start_date: string;
  error: string | null;
  attempts: number;
  created_at: Date | string;
};

const COLUMNS = `id, user_id, status, provider, model, request, plan, partial_modules, expected_modules, budget_minutes, weeks,
  start_date::text as start_date, error, attempts, created_at`;

function toRow(r: TRaw): TCurriculumRow {
  return {
    id: r.id,
    userId: r.user_id,
    status: r.status,
    provider: r.provider,
    model: r.model,
    request: ZCurriculumRequest.parse(r.request),
    plan: r.plan ? ZStoredCurriculum.parse(r.plan) : null,
    partialModules: ZStoredModule.array().parse(r.partial_modules ?? []),
    expectedModules: r.expected_modules,
    budgetMinutes: r.budget_minutes,
    weeks: r.weeks,
    startDate: r.start_date,
    error: r.error,
    attempts: r.attempts,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The curriculum if it belongs to the user; a 404 otherwise (never says whether it exists). */
export async function getCurriculumOrThrow(tx: TUserTx, o: { id: string; userId: string }): Promise<TCurriculumRow> {
  if (!/^[0-9a-f-]{36}$/i.test(o.id)) throw new AppError('not_found', 'This curriculum does not exist.');
  const { rows } = await tx.query<TRaw>(`select ${COLUMNS} from public.curricula where id = $1 and user_id = $2`, [o.id, o.userId]);
  if (!rows[0]) throw new AppError('not_found', 'This curriculum does not exist.');
  return toRow(rows[0]);
}

export async function listCurricula(tx: TUserTx, userId: string): Promise<TCurriculumRow[]> {
  const { rows } = await tx.query<TRaw>(`select ${COLUMNS} from public.curricula where user_id = $1 order by created_at desc limit 50`, [
    userId,
  ]);
  return rows.map(toRow);
}
