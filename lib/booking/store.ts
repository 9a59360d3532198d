import 'server-only';
import { TZDate } from '@date-fns/tz';
import { createInFlight } from '@/lib/cache/in-flight';
import { logger } from '@/lib/log/logger';
import type { TDb, TPrivilegedTx, TQueryable } from '@/lib/db';
import { refreshNextAvailable } from '@/lib/experts/refresh-next-available';
import { dayKey } from '@/lib/progress/compute-progress';
import { publishSlotsChanged } from '@/lib/realtime/publish-slots';
import type { TBookingStatus, TSlotsResponse } from './contract';
import { getPolicy } from '@/lib/policy/get-policy';
import type { TPolicy } from './policy';
import { expertSlots } from './slot-source';

// Shared reads and writes of the booking operations: the policy row, a locked booking, the history.

export type TBookingRow = {
  id: string;
  expert_id: string;
  learner_id: string | null;
  starts_at: Date;
  ends_at: Date;
  duration_minutes: number;
  status: TBookingStatus;
  hold_expires_at: Date | null;
  price_minor: number;
  currency: string;
  payment_status: string;
  payment_mode: 'simulated' | 'stripe';
  brief: string;
  curriculum_id: string | null;
  module_id: string | null;
  learner_timezone: string;
  sequence: number;
  cancelled_by: string | null;
  cancel_reason: string | null;
  refund_percent: number | null;
  confirmed_at: Date | null;
  completed_at: Date | null;
};

export const ms = (d: Date | string) => new Date(d).getTime();

/** The admin-set policy (lib/policy owns the row; booking reads the fields its rules use). */
export function loadPolicy(db: TQueryable): Promise<TPolicy> {
  return getPolicy(db);
}

/** The booking row, locked for the rest of the transaction. */
export async function lockBooking(tx: TPrivilegedTx, id: string): Promise<TBookingRow | null> {
  const { rows } = await tx.query<TBookingRow>('select * from public.bookings where id = $1 for update', [id]);
  return rows[0] ?? null;
}

export async function addEvent(
  tx: TPrivilegedTx,
  bookingId: string,
  kind: string,
  actorId: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.query('insert into public.booking_events (booking_id, actor_id, kind, data) values ($1, $2, $3, $4)', [
    bookingId,
    actorId,
    kind,
    JSON.stringify(data),
  ]);
}

/**
 * Marks the expert's lapsed holds expired (one event each) and returns how many. Run first in every write
 * that takes a slot, so a lapsed hold never blocks the exclusion constraint.
 */
export async function expireLapsedHolds(tx: TPrivilegedTx, expertId: string | null, now: Date): Promise<string[]> {
  const { rows } = await tx.query<{ id: string; expert_id: string }>(
    `update public.bookings set status = 'expired'
      where status = 'held' and hold_expires_at <= $1 and ($2::uuid is null or expert_id = $2::uuid)
      returning id, expert_id`,
    [now, expertId],
  );
  for (const r of rows) await addEvent(tx, r.id, 'expired', null, {});
  return rows.map((r) => r.expert_id);
}

/** After the write committed (a TDb, not a transaction, so it cannot run inside one): everyone watching sees the slots change, and the directory's "Next:" moves. */
export async function afterSlotsChanged(db: TDb, expertIds: Iterable<string>): Promise<void> {
  for (const expertId of new Set(expertIds)) {
    try {
      publishSlotsChanged(expertId);
      await refreshNextAvailable(db, expertId);
    } catch (err) {
      logger().warn({ err, expertId }, 'booking: could not announce changed slots');
    }
  }
}

/** The expert's free slots for the month from the local day of `aroundMs`, as the slots API answers them. */
// The losers of one race all ask for the same month of fresh slots at the same moment (they fail together when the
// winner commits): they share one computation while it runs. Nothing is kept after it settles.
const shareFresh = createInFlight();

export function freshSlots(
  db: TPrivilegedTx,
  expertId: string,
  lengthMinutes: number,
  timeZone: string,
  aroundMs: number,
): Promise<TSlotsResponse> {
  const zone = safeZone(timeZone);
  const day = dayKey(new Date(Math.max(aroundMs, Date.now())), zone);
  const key = `${expertId}|${lengthMinutes}|${zone}|${day}`;
  return shareFresh(key, () => computeFreshSlots(db, expertId, lengthMinutes, zone, day));
}

async function computeFreshSlots(
  db: TPrivilegedTx,
  expertId: string,
  lengthMinutes: number,
  zone: string,
  day: string,
): Promise<TSlotsResponse> {
  const { rows } = await db.query<{ timezone: string; offerings: { lengthMinutes: number; priceMinor: number; currency: string }[] }>(
    `select e.timezone,
            coalesce((select json_agg(json_build_object('lengthMinutes', o.duration_minutes, 'priceMinor', o.price_minor, 'currency', o.currency)
                                  order by o.duration_minutes)
                        from public.expert_offerings o where o.expert_id = e.id), '[]') as offerings
       from public.expert_profiles e where e.id = $1`,
    [expertId],
  );
  const [y, m, d] = day.split('-').map(Number);
  const from = new TZDate(y, m - 1, d, zone).getTime();
  const to = new TZDate(y, m - 1, d + 31, zone).getTime();
  let slots: { start: number; end: number }[] = [];
  try {
    slots = await expertSlots(db, expertId, { from, to, lengthMinutes });
  } catch (err) {
    logger().warn({ err, expertId }, 'booking: could not compute fresh slots');
  }
  return {
    expertTimeZone: rows[0]?.timezone ?? 'UTC',
    timeZone: zone,
    lengthMinutes,
    offerings: rows[0]?.offerings ?? [],
    slots: slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  };
}

export function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}
