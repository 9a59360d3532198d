import 'server-only';
import { LRUCache } from 'lru-cache';
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

// Read-only views for the Learn pages (issue #15). A 16-module plan is ~200 kB of jsonb: reading it out of the
// database and checking it with zod on every page view cost more than the rest of the data path. The parsed
// parts (request, plan, partial modules) are kept in this process keyed by the row's version — `xmin` and
// `ctid` change with every update, even two in one transaction — so a changed row is simply a new key and
// nothing has to be invalidated. Access is still decided by the database on every read: the first statement
// selects the row as the learner (RLS, and `user_id = $2`) and returns its version; only rows whose version is
// not kept are read in full. The kept objects are frozen and shared between requests: callers only read them.
type TParts = Pick<TCurriculumRow, 'request' | 'plan' | 'partialModules'>;
type TMeta = Omit<TRaw, 'request' | 'plan' | 'partial_modules'> & { version: string };

const META = `id, user_id, status, provider, model, expected_modules, budget_minutes, weeks, start_date::text as start_date, error,
  attempts, created_at, xmin::text || ':' || ctid::text as version`;
const kept = new LRUCache<string, { parts: TParts; size: number }>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (v) => v.size });
const keyOf = (id: string, version: string) => `${id}:${version}`;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function fromMeta(m: TMeta, parts: TParts): TCurriculumRow {
  return {
    id: m.id,
    userId: m.user_id,
    status: m.status,
    provider: m.provider,
    model: m.model,
    ...parts,
    expectedModules: m.expected_modules,
    budgetMinutes: m.budget_minutes,
    weeks: m.weeks,
    startDate: m.start_date,
    error: m.error,
    attempts: m.attempts,
    createdAt: new Date(m.created_at).toISOString(),
  };
}

function findKept(m: TMeta): TParts | undefined {
  return kept.get(keyOf(m.id, m.version))?.parts;
}

/** Reads in full the rows whose version is not kept (as the learner), keeps their parsed parts, returns them by id. */
async function readMissing(tx: TUserTx, userId: string, ids: string[]): Promise<Map<string, TCurriculumRow>> {
  const out = new Map<string, TCurriculumRow>();
  if (!ids.length) return out;
  const { rows } = await tx.query<TRaw & { version: string; size: number }>(
    `select ${COLUMNS}, xmin::text || ':' || ctid::text as version,
            coalesce(octet_length(plan::text), 0) + coalesce(octet_length(partial_modules::text), 0) as size
       from public.curricula where id = any($1::uuid[]) and user_id = $2`,
    [ids, userId],
  );
  for (const r of rows) {
    const row = toRow(r);
    const parts = deepFreeze({ request: row.request, plan: row.plan, partialModules: row.partialModules });
    // Parsed objects take a few times their JSON's size.
    kept.set(keyOf(r.id, r.version), { parts, size: Math.max(1, 3 * Number(r.size)) });
    out.set(r.id, { ...row, ...parts });
  }
  return out;
}

/** getCurriculumOrThrow for pages that only read: the parsed plan is shared and frozen. */
export async function viewCurriculumOrThrow(tx: TUserTx, o: { id: string; userId: string }): Promise<TCurriculumRow> {
  if (!/^[0-9a-f-]{36}$/i.test(o.id)) throw new AppError('not_found', 'This curriculum does not exist.');
  const { rows } = await tx.query<TMeta>(`select ${META} from public.curricula where id = $1 and user_id = $2`, [o.id, o.userId]);
  if (!rows[0]) throw new AppError('not_found', 'This curriculum does not exist.');
  const parts = findKept(rows[0]);
  if (parts) return fromMeta(rows[0], parts);
  const row = (await readMissing(tx, o.userId, [o.id])).get(o.id);
  if (!row) throw new AppError('not_found', 'This curriculum does not exist.');
  return row;
}

/** listCurricula for pages that only read: the parsed plans are shared and frozen. */
export async function viewCurricula(tx: TUserTx, userId: string): Promise<TCurriculumRow[]> {
  const { rows } = await tx.query<TMeta>(`select ${META} from public.curricula where user_id = $1 order by created_at desc limit 50`, [
    userId,
  ]);
  const hits = rows.map((m) => findKept(m));
  const missing = await readMissing(
    tx,
    userId,
    rows.filter((_, i) => !hits[i]).map((m) => m.id),
  );
  return rows.flatMap((m, i) => {
    const parts = hits[i];
    if (parts) return [fromMeta(m, parts)];
    const row = missing.get(m.id);
    return row ? [row] : []; // deleted between the two reads
  });
}
