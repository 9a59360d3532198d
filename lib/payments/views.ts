import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { isAdmin, requireAdmin } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { creditsLeft, unusedValueMinor } from '@/lib/packages/pricing';
import { returnedOf } from './settle';
import { readPayment, toPaymentRow } from './store';

export type TPayView = {
  id: string;
  mode: 'simulated' | 'stripe';
  status: string;
  amountMinor: number;
  commissionMinor: number;
  expertMinor: number;
  refundedMinor: number;
  currency: string;
  checkoutUrl: string | null;
  booking: {
    id: string;
    status: string;
    start: string;
    lengthMinutes: number;
    holdExpiresAt: string | null;
    expertName: string;
    expertSlug: string;
  } | null;
};

/** The payment page's view: the learner's own payment (admins may look), else 404 like a missing one. */
export async function getPayView(db: TDb, user: TSessionUser, paymentId: string): Promise<TPayView> {
  const p = /^[0-9a-f-]{36}$/i.test(paymentId) ? await readPayment(db, paymentId) : null;
  if (!p || (p.learner_id !== user.id && !isAdmin(user)))
    throw new AppError('not_found', 'This payment does not exist, or it is not yours.');
  const { rows } = await db.query<{
    id: string;
    status: string;
    starts_at: Date;
    duration_minutes: number;
    hold_expires_at: Date | null;
    display_name: string;
    slug: string;
  }>(
    `select b.id, b.status, b.starts_at, b.duration_minutes, b.hold_expires_at, e.display_name, e.slug
       from public.bookings b join public.expert_profiles e on e.id = b.expert_id where b.id = $1`,
    [p.booking_id],
  );
  const b = rows[0];
  return {
    id: p.id,
    mode: p.mode,
    status: p.status,
    amountMinor: p.amount_minor,
    commissionMinor: p.commission_minor,
    expertMinor: p.amount_minor - p.commission_minor,
    refundedMinor: p.refunded_minor,
    currency: p.currency,
    checkoutUrl: p.checkout_url,
    booking: b
      ? {
          id: b.id,
          status: b.status,
          start: new Date(b.starts_at).toISOString(),
          lengthMinutes: b.duration_minutes,
          holdExpiresAt: b.hold_expires_at ? new Date(b.hold_expires_at).toISOString() : null,
          expertName: b.display_name,
          expertSlug: b.slug,
        }
      : null,
  };
}

export type TAdminPayment = {
  id: string;
  createdAt: string;
  mode: string;
  status: string;
  amountMinor: number;
  commissionMinor: number;
  refundedMinor: number;
  refundableMinor: number;
  currency: string;
  transferStatus: string;
  disputeStatus: string | null;
  learnerName: string | null;
  expertName: string;
  bookingId: string | null;
  bookingStatus: string | null;
  /** A package's payment: its credits now (refunds of it void credits, lib/packages/refund-credits.ts). */
  package: { purchaseId: string; title: string; sessionCount: number; used: number; remaining: number; perSessionMinor: number } | null;
};

/** Newest first; `disputed` lists only payments with a dispute (the admins' flag). */
export async function listAdminPayments(
  db: TDb,
  user: TSessionUser,
  o: { disputed?: boolean; limit?: number } = {},
): Promise<TAdminPayment[]> {
  requireAdmin(user);
  const { rows } = await db.query(
    `select p.*, lu.name as learner_name, e.display_name as expert_name, b.status as booking_status,
            pp.title as package_title, pp.session_count, pp.sessions_used, pp.sessions_refunded
       from public.payments p join public.expert_profiles e on e.id = p.expert_id
       left join public.users lu on lu.id = p.learner_id left join public.bookings b on b.id = p.booking_id
       left join public.package_purchases pp on pp.id = p.package_purchase_id
      where ($1::boolean is not true or p.dispute_status is not null)
      order by p.created_at desc limit $2`,
    [o.disputed ?? false, Math.min(o.limit ?? 100, 500)],
  );
  return rows.map((r) => {
    const p = toPaymentRow(r);
    const left = p.charge_id && ['paid', 'partially_refunded'].includes(p.status) ? p.amount_minor - returnedOf(p) : 0;
    const pkg =
      p.package_purchase_id && r.session_count != null
        ? {
            purchaseId: p.package_purchase_id,
            title: r.package_title as string,
            sessionCount: Number(r.session_count),
            used: Number(r.sessions_used),
            remaining: creditsLeft({
              count: Number(r.session_count),
              used: Number(r.sessions_used),
              refunded: Number(r.sessions_refunded),
            }),
            perSessionMinor: Math.floor(p.amount_minor / Number(r.session_count)),
          }
        : null;
    return {
      id: p.id,
      createdAt: new Date(p.created_at).toISOString(),
      mode: p.mode,
      status: p.status,
      amountMinor: p.amount_minor,
      commissionMinor: p.commission_minor,
      refundedMinor: p.refunded_minor,
      // A package's payment: only the unused credits' value is refundable (the package refund policy).
      refundableMinor: pkg
        ? Math.min(
            left,
            unusedValueMinor({ priceMinor: p.amount_minor, count: pkg.sessionCount, used: pkg.used, refundedMinor: p.refunded_minor }),
          )
        : left,
      currency: p.currency,
      transferStatus: p.transfer_status,
      disputeStatus: p.dispute_status,
      learnerName: (r.learner_name as string | null) ?? null,
      expertName: r.expert_name as string,
      bookingId: p.booking_id,
      bookingStatus: (r.booking_status as string | null) ?? null,
      package: pkg,
    };
  });
}
