import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb, TQueryable } from '@/lib/db';
import { canRefundUnused, creditsLeft, unusedRefund } from './pricing';
import { checkoutPath } from './purchase';
import type { TPurchaseView } from './schemas';

// Purchases with their remaining counts. The where clauses scope them to the signed-in learner or expert (as
// lib/booking/views.ts does); the privileged read is needed for the learner's name, which users' RLS hides
// from experts.

type TRow = {
  id: string;
  title: string;
  expert_id: string;
  slug: string;
  expert_name: string;
  learner_name: string | null;
  status: TPurchaseView['status'];
  session_count: number;
  duration_minutes: number;
  sessions_used: number;
  sessions_refunded: number;
  price_minor: string;
  commission_minor: string;
  refunded_minor: string | null;
  currency: string;
  paid_at: Date | null;
  refund_until: Date | null;
};

function toView(r: TRow, nowMs: number): TPurchaseView {
  const credit = { count: r.session_count, used: r.sessions_used, refunded: r.sessions_refunded };
  const price = Number(r.price_minor);
  const refundable = canRefundUnused({ status: r.status, refundUntil: r.refund_until, ...credit }, nowMs)
    ? unusedRefund({ priceMinor: price, count: r.session_count }, r.sessions_used).refundMinor - Number(r.refunded_minor ?? 0)
    : 0;
  return {
    id: r.id,
    title: r.title,
    expert: { id: r.expert_id, slug: r.slug, name: r.expert_name },
    learner: r.learner_name === null ? null : { name: r.learner_name },
    status: r.status,
    sessionCount: r.session_count,
    lengthMinutes: r.duration_minutes,
    used: r.sessions_used,
    refunded: r.sessions_refunded,
    remaining: creditsLeft(credit),
    priceMinor: price,
    commissionMinor: Number(r.commission_minor),
    currency: r.currency,
    paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
    refundUntil: r.refund_until ? new Date(r.refund_until).toISOString() : null,
    refundableMinor: Math.max(0, refundable),
    checkoutUrl: r.status === 'pending' ? checkoutPath(r.id) : null,
  };
}

const SELECT = `select pp.id, pp.title, pp.expert_id, e.slug, e.display_name as expert_name, u.name as learner_name, pp.status,
       pp.session_count, pp.duration_minutes, pp.sessions_used, pp.sessions_refunded, pp.price_minor, pp.commission_minor, pp.currency, pp.paid_at,
       pp.refund_until, (select pay.refunded_minor from public.payments pay where pay.package_purchase_id = pp.id
                          order by pay.created_at desc limit 1) as refunded_minor
  from public.package_purchases pp join public.expert_profiles e on e.id = pp.expert_id
  left join public.users u on u.id = pp.learner_id`;

async function query(tx: TQueryable, where: string, params: unknown[], nowMs: number): Promise<TPurchaseView[]> {
  const { rows } = await tx.query<TRow>(
    `${SELECT} where ${where} order by pp.status = 'active' desc, pp.created_at desc limit 100`,
    params,
  );
  return rows.map((r) => toView(r, nowMs));
}

/**
 * The signed-in learner's purchases (optionally with one expert), or the signed-in expert's sales. Abandoned
 * checkouts are left out; pending ones show with their checkout link.
 */
export async function listPurchases(db: TDb, user: TSessionUser, opts: { expertId?: string; now?: Date } = {}): Promise<TPurchaseView[]> {
  const nowMs = (opts.now ?? new Date()).getTime();
  if (user.role === 'expert') return query(db, "e.user_id = $1 and pp.status in ('active', 'closed')", [user.id], nowMs);
  if (user.role !== 'learner') return [];
  return query(
    db,
    "pp.learner_id = $1 and pp.status <> 'abandoned' and ($2::uuid is null or pp.expert_id = $2::uuid)",
    [user.id, opts.expertId ?? null],
    nowMs,
  );
}

/** One purchase, for its learner, its expert or an admin; null for anyone else. */
export async function getPurchase(db: TDb, user: TSessionUser, id: string): Promise<TPurchaseView | null> {
  const scope = user.role === 'admin' ? 'true' : user.role === 'expert' ? 'e.user_id = $2' : 'pp.learner_id = $2';
  return (await query(db, `pp.id = $1 and ${scope}`, [id, user.id], Date.now()))[0] ?? null;
}
