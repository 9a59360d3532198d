import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireAdmin } from '@/lib/auth/permissions';
import { withUser, type TDb, type TQueryable } from '@/lib/db';
import { listCommissionRules, type TCommissionRuleRow } from './commission-rules';
import { listFailedPaypalPayouts, type TFailedPayout } from './paypal/retry';
import { minorToDecimal } from '@/lib/money/decimal-string';
import { toCsv } from './csv';

// The admin's payment reports, from the ledger (commission, ledger health) and the payments table (refunds,
// disputes). The caller passes an admin's user transaction: row-level security shows admins every row.

export type TCommissionMonth = { month: string; currency: string; commissionMinor: number; grossMinor: number };
export type TCommissionExpert = { expertId: string; name: string; currency: string; commissionMinor: number; grossMinor: number };
export type TPaymentLine = {
  paymentId: string;
  bookingId: string | null;
  expertName: string;
  currency: string;
  amountMinor: number;
  commissionMinor: number;
  refundedMinor: number;
  status: string;
  disputeStatus: string | null;
  transferStatus: string;
  paidAt: string | null;
};
export type TUnbalanced = { scope: 'booking' | 'payment' | 'posting'; id: string; currency: string; sumMinor: number };
export type TAccountTotal = { account: string; currency: string; totalMinor: number };
export type TAdminPaymentsReport = {
  byMonth: TCommissionMonth[];
  byExpert: TCommissionExpert[];
  refunds: TPaymentLine[];
  disputes: TPaymentLine[];
  unbalanced: TUnbalanced[];
  accounts: TAccountTotal[];
};

const n = (v: string | number | null) => Number(v ?? 0);

// One pass over the ledger: rows are first rolled up by (month, expert, account, currency, transfer or not), a few
// hundred groups even for a large ledger, and the three views (by month, by expert, per account) are grouping sets
// over that rollup. gross as in /earnings: commission + the expert's share, net of refunds (transfers excluded).
// Months are grouped as timestamps and formatted once per group.
const ROLLUP = `
with r as (
  select date_trunc('month', l.created_at at time zone 'UTC') as month, l.expert_id, l.account, l.currency,
         l.kind in ('transfer', 'transfer_reversal') as is_transfer, sum(l.amount_minor)::bigint as total
    from public.ledger_entries l group by 1, 2, 3, 4, 5
), g as (
  select case when grouping(r.month) = 0 then 'month' when grouping(r.expert_id) = 0 then 'expert' else 'account' end as part,
         r.month, r.expert_id, r.account, r.currency,
         -coalesce(sum(r.total) filter (where r.account = 'platform_commission'), 0)::bigint as commission,
         -coalesce(sum(r.total) filter (where r.account = 'platform_commission'
                                        or (r.account = 'expert_payable' and not r.is_transfer)), 0)::bigint as gross,
         sum(r.total)::bigint as total
    from r group by grouping sets ((r.month, r.currency), (r.expert_id, r.currency), (r.account, r.currency))
)
select g.part, to_char(g.month, 'YYYY-MM') as month, g.expert_id, coalesce(e.display_name, '—') as name, g.account, g.currency,
       g.commission, g.gross, g.total
  from g left join public.expert_profiles e on e.id = g.expert_id
 where g.part = 'account' or ((g.commission <> 0 or g.gross <> 0) and (g.part = 'month' or g.expert_id is not null))
 order by g.part, case when g.part = 'expert' then -g.commission end, case when g.part = 'expert' then coalesce(e.display_name, '—') end,
          g.month, g.currency, g.account`;
type TRollupRow = {
  part: 'month' | 'expert' | 'account';
  month: string | null;
  expert_id: string | null;
  name: string;
  account: string | null;
  currency: string;
  commission: string;
  gross: string;
  total: string;
};

// Ledger health, one pass: the sums per booking, per payment and per posting (txn) that are not zero. Every posting
// balances by construction (postLedger); these catch rows written any other way.
const HEALTH = `
select case when grouping(booking_id) = 0 then 'booking' when grouping(payment_id) = 0 then 'payment' else 'posting' end as scope,
       coalesce(booking_id, payment_id, txn_id)::text as id, currency, sum(amount_minor)::bigint as total
  from public.ledger_entries
 group by grouping sets ((booking_id, currency), (payment_id, currency), (txn_id, currency))
having sum(amount_minor) <> 0
   and (grouping(booking_id) = 1 or booking_id is not null)
   and (grouping(payment_id) = 1 or payment_id is not null)
 order by 1, 2 limit 500`;

const PAYMENT_LINE = `select p.id, p.booking_id, coalesce(e.display_name, '—') as expert_name, p.currency, p.amount_minor, p.commission_minor,
       p.refunded_minor, p.status, p.dispute_status, p.transfer_status, p.paid_at
  from public.payments p left join public.expert_profiles e on e.id = p.expert_id`;
type TPaymentRow = {
  id: string;
  booking_id: string | null;
  expert_name: string;
  currency: string;
  amount_minor: string;
  commission_minor: string;
  refunded_minor: string;
  status: string;
  dispute_status: string | null;
  transfer_status: string;
  paid_at: Date | null;
};
const line = (r: TPaymentRow): TPaymentLine => ({
  paymentId: r.id,
  bookingId: r.booking_id,
  expertName: r.expert_name,
  currency: r.currency,
  amountMinor: n(r.amount_minor),
  commissionMinor: n(r.commission_minor),
  refundedMinor: n(r.refunded_minor),
  status: r.status,
  disputeStatus: r.dispute_status,
  transferStatus: r.transfer_status,
  paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
});

/**
 * The report in four statements (a rollup of the ledger, its health, refunds, disputes). Row-level security on
 * the ledger is evaluated once per statement (migration 20261201000200), so the admin's view costs what the
 * aggregate costs.
 */
export async function loadPaymentsReport(tx: TQueryable): Promise<TAdminPaymentsReport> {
  const rollup = await tx.query<TRollupRow>(ROLLUP);
  const unbalanced = await tx.query<{ scope: TUnbalanced['scope']; id: string; currency: string; total: string }>(HEALTH);
  const refunds = await tx.query<TPaymentRow>(`${PAYMENT_LINE} where p.refunded_minor > 0 order by p.updated_at desc limit 200`);
  const disputes = await tx.query<TPaymentRow>(`${PAYMENT_LINE} where p.dispute_status is not null order by p.updated_at desc limit 200`);
  const part = (p: TRollupRow['part']) => rollup.rows.filter((r) => r.part === p);
  return {
    byMonth: part('month').map((r) => ({
      month: r.month!,
      currency: r.currency,
      commissionMinor: n(r.commission),
      grossMinor: n(r.gross),
    })),
    byExpert: part('expert').map((r) => ({
      expertId: r.expert_id!,
      name: r.name,
      currency: r.currency,
      commissionMinor: n(r.commission),
      grossMinor: n(r.gross),
    })),
    refunds: refunds.rows.map(line),
    disputes: disputes.rows.map(line),
    unbalanced: unbalanced.rows.map((r) => ({ scope: r.scope, id: r.id, currency: r.currency, sumMinor: n(r.total) })),
    accounts: part('account').map((r) => ({ account: r.account!, currency: r.currency, totalMinor: n(r.total) })),
  };
}

/** Every payment, one row each, for the admin's CSV export. */
export async function paymentsCsv(tx: TQueryable): Promise<string> {
  const { rows } = await tx.query<TPaymentRow>(`${PAYMENT_LINE} order by p.created_at`);
  return toCsv(
    [
      'payment_id',
      'booking_id',
      'expert',
      'paid_at_utc',
      'status',
      'currency',
      'amount',
      'commission',
      'expert_share',
      'refunded',
      'transfer_status',
      'dispute_status',
    ],
    rows
      .map(line)
      .map((p) => [
        p.paymentId,
        p.bookingId,
        p.expertName,
        p.paidAt,
        p.status,
        p.currency,
        minorToDecimal(p.amountMinor, p.currency),
        minorToDecimal(p.commissionMinor, p.currency),
        minorToDecimal(p.amountMinor - p.commissionMinor, p.currency),
        minorToDecimal(p.refundedMinor, p.currency),
        p.transferStatus,
        p.disputeStatus,
      ]),
    [6, 7, 8, 9],
  );
}

/**
 * The admin payments page: the report, the commission rules and the PayPal payouts waiting for a retry, read as the
 * admin (RLS shows admins every row).
 */
export async function loadAdminPayments(
  db: TDb,
  admin: TSessionUser,
): Promise<{ report: TAdminPaymentsReport; rules: TCommissionRuleRow[]; failedPayouts: TFailedPayout[] }> {
  requireAdmin(admin);
  return withUser(db, admin, async (tx) => ({
    report: await loadPaymentsReport(tx),
    rules: await listCommissionRules(tx),
    failedPayouts: await listFailedPaypalPayouts(tx),
  }));
}

export async function adminPaymentsCsv(db: TDb, admin: TSessionUser): Promise<string> {
  requireAdmin(admin);
  return withUser(db, admin, (tx) => paymentsCsv(tx));
}

export async function adminCommissionRules(db: TDb, admin: TSessionUser): Promise<TCommissionRuleRow[]> {
  requireAdmin(admin);
  return withUser(db, admin, (tx) => listCommissionRules(tx));
}
