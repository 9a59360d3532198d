import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { getPolicy } from './get-policy';
import { ZPolicy, type TPolicy } from './schemas';
import { requireAdmin } from '@/lib/auth/permissions';

/** An admin saves the marketplace policy; the audit log keeps the before and after. RLS allows admins only. */
export async function updatePolicy(db: TDb, admin: TSessionUser, input: unknown): Promise<TPolicy> {
  requireAdmin(admin, 'Only admins change the marketplace policy.');
  const p = parseOrThrow(ZPolicy, input);
  return withUser(db, admin, async (tx) => {
    const before = await getPolicy(tx);
    await tx.query(
      `update public.marketplace_policy set full_refund_hours = $1, late_cancel_refund_percent = $2, expert_cancel_refund_percent = $3,
              review_window_days = $4, no_show_window_hours = $5, strike_window_days = $6, strikes_warning = $7,
              strikes_pause = $8, strikes_suspend = $9, pause_days = $10, updated_at = now()
        where id = 1`,
      [
        p.fullRefundHours,
        p.lateCancelRefundPercent,
        p.expertCancelRefundPercent,
        p.reviewWindowDays,
        p.noShowWindowHours,
        p.strikeWindowDays,
        p.strikesWarning,
        p.strikesPause,
        p.strikesSuspend,
        p.pauseDays,
      ],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'policy.update', 'marketplace_policy', '1', $2)`,
      [admin.id, JSON.stringify({ before, after: p })],
    );
    return p;
  });
}
