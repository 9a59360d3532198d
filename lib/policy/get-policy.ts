import 'server-only';
import type { TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import type { TPolicy } from './schemas';

type TPolicyRow = {
  full_refund_hours: number;
  late_cancel_refund_percent: number;
  expert_cancel_refund_percent: number;
  review_window_days: number;
  no_show_window_hours: number;
  strike_window_days: number;
  strikes_warning: number;
  strikes_pause: number;
  strikes_suspend: number;
  pause_days: number;
};

/** The one marketplace policy row (the migration inserts it). */
export async function getPolicy(db: TQueryable): Promise<TPolicy> {
  const { rows } = await db.query<TPolicyRow>('select * from public.marketplace_policy where id = 1');
  const r = rows[0];
  if (!r) throw new AppError('internal', 'The marketplace policy is missing.');
  return {
    fullRefundHours: r.full_refund_hours,
    lateCancelRefundPercent: r.late_cancel_refund_percent,
    expertCancelRefundPercent: r.expert_cancel_refund_percent,
    reviewWindowDays: r.review_window_days,
    noShowWindowHours: r.no_show_window_hours,
    strikeWindowDays: r.strike_window_days,
    strikesWarning: r.strikes_warning,
    strikesPause: r.strikes_pause,
    strikesSuspend: r.strikes_suspend,
    pauseDays: r.pause_days,
  };
}
