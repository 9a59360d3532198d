import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TQueryable, type TUserTx } from '@/lib/db';
import { lockUntilCommit } from '@/lib/db/transaction-lock';
import { refreshNextAvailable } from '@/lib/experts/refresh-next-available';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { logger } from '@/lib/log/logger';
import { publishSlotsChanged } from '@/lib/realtime/publish-slots';
import { settingsFromRow, type TSettingsRow } from './get-expert-slots';
import { toEditorWeek, toOverrides, toWeeklyRules, ZAvailabilityInput, type TAvailability } from './editor-schema';
import {
  DEFAULT_AVAILABILITY_SETTINGS,
  ZAvailabilitySettings,
  ZDateOverride,
  ZWeeklyRule,
  type TAvailabilitySettings,
  type TDateOverride,
  type TWeeklyRule,
} from './types';
import { requireRole } from '@/lib/auth/permissions';

/** The signed-in expert's own profile (id and zone), found through their session: 404 before they have one. */
export async function getOwnExpertProfile(tx: TUserTx, userId: string): Promise<{ id: string; timeZone: string }> {
  const { rows } = await tx.query<{ id: string; timezone: string }>('select id, timezone from public.expert_profiles where user_id = $1', [
    userId,
  ]);
  if (!rows[0]) throw new AppError('not_found', 'Create your expert profile first: availability belongs to a profile.');
  return { id: rows[0].id, timeZone: rows[0].timezone };
}

export async function loadSettings(db: TQueryable, expertId: string): Promise<TAvailabilitySettings> {
  const { rows } = await db.query<TSettingsRow>(
    `select buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, max_per_day, slot_interval_minutes
       from public.availability_settings where expert_id = $1`,
    [expertId],
  );
  const s = rows[0];
  if (!s) return { ...DEFAULT_AVAILABILITY_SETTINGS };
  return ZAvailabilitySettings.parse(settingsFromRow(s));
}

export async function loadRules(db: TQueryable, expertId: string): Promise<TWeeklyRule[]> {
  const { rows } = await db.query<{ weekday: number; start_minute: number; end_minute: number }>(
    'select weekday, start_minute, end_minute from public.availability_rules where expert_id = $1 order by weekday, start_minute',
    [expertId],
  );
  return rows.map((r) => ({ weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute }));
}

/** Overrides grouped by date (a date with only a null row is a day off), from `fromDate` on when given. */
export async function loadOverrides(db: TQueryable, expertId: string, fromDate?: string): Promise<TDateOverride[]> {
  const { rows } = await db.query<{ date: string; start_minute: number | null; end_minute: number | null }>(
    `select to_char(date, 'YYYY-MM-DD') as date, start_minute, end_minute from public.availability_overrides
      where expert_id = $1 and ($2::date is null or date >= $2::date) order by date, start_minute nulls first`,
    [expertId, fromDate ?? null],
  );
  const byDate = new Map<string, TDateOverride>();
  for (const r of rows) {
    const o = byDate.get(r.date) ?? { date: r.date, ranges: [] };
    if (r.start_minute !== null && r.end_minute !== null) o.ranges.push({ startMinute: r.start_minute, endMinute: r.end_minute });
    byDate.set(r.date, o);
  }
  return [...byDate.values()];
}

async function loadOfferings(db: TQueryable, expertId: string): Promise<TAvailability['offerings']> {
  const { rows } = await db.query<{ duration_minutes: number; price_minor: number; currency: string }>(
    'select duration_minutes, price_minor, currency from public.expert_offerings where expert_id = $1 order by duration_minutes',
    [expertId],
  );
  return rows.map((r) => ({ lengthMinutes: r.duration_minutes, priceMinor: r.price_minor, currency: r.currency }));
}

/** Today's date in a zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The editor's view of the signed-in expert's availability (past overrides left out), read as that user (RLS). */
export async function loadAvailability(db: TDb, user: TSessionUser): Promise<TAvailability> {
  return withUser(db, user, (tx) => loadAvailabilityIn(tx, user.id));
}

async function loadAvailabilityIn(tx: TUserTx, userId: string): Promise<TAvailability> {
  const profile = await getOwnExpertProfile(tx, userId);
  // One after another: a transaction's client runs one query at a time (pg warns about concurrent ones).
  const rules = await loadRules(tx, profile.id);
  const overrides = await loadOverrides(tx, profile.id, todayIn(profile.timeZone));
  const settings = await loadSettings(tx, profile.id);
  const offerings = await loadOfferings(tx, profile.id);
  return { timeZone: profile.timeZone, weekly: toEditorWeek(rules), overrides, settings, offerings };
}

/**
 * Replaces the signed-in expert's weekly hours and date overrides and upserts their settings in one
 * transaction (as that user, so RLS holds too), then tells watchers their slots changed.
 */
export async function saveAvailability(db: TDb, user: TSessionUser, input: unknown): Promise<TAvailability> {
  requireRole(user, ['expert'], 'Only experts have availability.');
  const v = parseOrThrow(ZAvailabilityInput, input);
  const rules = z.array(ZWeeklyRule).parse(toWeeklyRules(v.weekly));
  const overrides = z.array(ZDateOverride).parse(toOverrides(v.overrides));
  const settings = ZAvailabilitySettings.parse(v.settings);
  const { saved, expertId } = await withUser(db, user, async (tx) => {
    const profile = await getOwnExpertProfile(tx, user.id);
    // Two tabs saving at once: the second waits, then replaces the first's rows rather than adding to them.
    await lockUntilCommit(tx, 'availability', profile.id);
    await tx.query('delete from public.availability_rules where expert_id = $1', [profile.id]);
    await tx.query('delete from public.availability_overrides where expert_id = $1', [profile.id]);
    if (rules.length) {
      await tx.query(
        `insert into public.availability_rules (expert_id, weekday, start_minute, end_minute)
         select $1, * from unnest($2::smallint[], $3::int[], $4::int[])`,
        [profile.id, rules.map((r) => r.weekday), rules.map((r) => r.startMinute), rules.map((r) => r.endMinute)],
      );
    }
    const overrideRows: [string, number | null, number | null][] = overrides.flatMap((o) =>
      o.ranges.length
        ? o.ranges.map((r): [string, number | null, number | null] => [o.date, r.startMinute, r.endMinute])
        : [[o.date, null, null]],
    );
    if (overrideRows.length) {
      await tx.query(
        `insert into public.availability_overrides (expert_id, date, start_minute, end_minute)
         select $1, * from unnest($2::date[], $3::int[], $4::int[])`,
        [profile.id, overrideRows.map((r) => r[0]), overrideRows.map((r) => r[1]), overrideRows.map((r) => r[2])],
      );
    }
    await tx.query(
      `insert into public.availability_settings
         (expert_id, buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, max_per_day, slot_interval_minutes)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (expert_id) do update set
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         min_notice_minutes = excluded.min_notice_minutes, horizon_days = excluded.horizon_days,
         max_per_day = excluded.max_per_day, slot_interval_minutes = excluded.slot_interval_minutes`,
      [
        profile.id,
        settings.bufferBeforeMinutes,
        settings.bufferAfterMinutes,
        settings.minNoticeMinutes,
        settings.horizonDays,
        settings.maxPerDay,
        settings.slotIntervalMinutes,
      ],
    );
    return { saved: await loadAvailabilityIn(tx, user.id), expertId: profile.id };
  });
  // After the commit: watchers refetch committed slots, and the directory's "Next:" follows.
  publishSlotsChanged(expertId);
  // The save has committed: a failed refresh of the directory's "Next:" is logged, not reported as a failed save.
  await refreshNextAvailable(db, expertId).catch((err: unknown) =>
    logger().error({ err, expertId }, 'availability saved; refreshing the next available time failed'),
  );
  return saved;
}
