import 'server-only';
import type { TQueryable, TPrivilegedTx } from '@/lib/db';
import { getExpertSlots, type TSlotQuery } from '@/lib/availability/get-expert-slots';
import type { TSlot } from '@/lib/availability/types';
import { defineRecurringJob } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { invalidateExpertCache } from './expert-cache';

const DAY_MS = 86_400_000;
/** Slots are searched a window at a time: most experts have a free slot in the first one. */
const WINDOW_DAYS = 14;

export type TRefreshDeps = {
  getSlots?: (db: TQueryable, expertId: string, q: TSlotQuery) => Promise<TSlot[]>;
  now?: number;
};

/**
 * The first free slot of the expert's shortest offering within their booking horizon (epoch ms), or null: no
 * offering, or nothing free. Searched two weeks at a time, so a busy week does not cost a whole horizon's slots.
 */
export async function findNextAvailable(db: TPrivilegedTx, expertId: string, deps: TRefreshDeps = {}): Promise<number | null> {
  const getSlots = deps.getSlots ?? getExpertSlots;
  const now = deps.now ?? Date.now();
  const { rows } = await db.query<{ length: number | null; horizon: number }>(
    `select (select min(duration_minutes) from public.expert_offerings where expert_id = $1)::int as length,
            coalesce((select horizon_days from public.availability_settings where expert_id = $1), 60)::int as horizon`,
    [expertId],
  );
  const length = rows[0]?.length;
  if (!length) return null;
  const end = now + rows[0].horizon * DAY_MS;
  for (let from = now; from < end; from += WINDOW_DAYS * DAY_MS) {
    const slots = await getSlots(db, expertId, { from, to: Math.min(end, from + WINDOW_DAYS * DAY_MS), lengthMinutes: length, now });
    if (slots.length) return Math.min(...slots.map((s) => s.start));
  }
  return null;
}

/**
 * Recomputes the expert's next free time shown in the directory ("Next: Tue 14:30") after their availability or
 * bookings changed, and stores it on expert_profiles.next_available_at. When it changed, the directory's cached
 * searches and kept pages are dropped (a new generation) so "available this week" and the cards follow.
 * Returns whether it changed.
 */
export async function refreshNextAvailable(db: TPrivilegedTx, expertId: string, deps: TRefreshDeps = {}): Promise<boolean> {
  const next = await findNextAvailable(db, expertId, deps);
  const { rows } = await db.query<{ slug: string }>(
    `update public.expert_profiles set next_available_at = $2
      where id = $1 and next_available_at is distinct from $2::timestamptz returning slug`,
    [expertId, next === null ? null : new Date(next).toISOString()],
  );
  if (rows[0]) await invalidateExpertCache(rows[0].slug);
  return rows.length > 0;
}

/**
 * The recurring refresh (every 5 minutes, lib/jobs `experts.refresh-next-available`): every approved expert, so
 * a slot that passed (or minimum notice that moved on) does not stay on the cards. One expert's failure does not
 * stop the others. Returns how many changed.
 */
export async function refreshAllNextAvailable(db: TPrivilegedTx, deps: TRefreshDeps = {}): Promise<number> {
  const { rows } = await db.query<{ id: string }>(`select id from public.expert_profiles where status = 'approved' order by id`);
  let changed = 0;
  const failures: unknown[] = [];
  for (const { id } of rows) {
    try {
      if (await refreshNextAvailable(db, id, deps)) changed += 1;
    } catch (err) {
      failures.push(err);
      logger().warn({ err, expertId: id }, 'next available time not refreshed');
    }
  }
  if (failures.length && failures.length === rows.length) throw failures[0];
  return changed;
}

export const REFRESH_NEXT_AVAILABLE_JOB = 'experts.refresh-next-available';

/** Registers the 5-minute refresh with the job runner (call once at start-up, before startJobRunner). */
export function registerNextAvailableJob(): void {
  defineRecurringJob(REFRESH_NEXT_AVAILABLE_JOB, 300, async ({ db }) => {
    await refreshAllNextAvailable(db);
  });
}
