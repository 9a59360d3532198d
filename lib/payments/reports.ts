import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireAdmin } from '@/lib/auth/permissions';
import { withUser, type TDb, type TQueryable } from '@/lib/db';
import { listCommissionRules, type TCommissionRuleRow } from './commission-rules';
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
// gross as in /earnings: commission + the expert's share, net of refunds (transfers excluded).
const GROSS = `-coalesce(sum(l.amount_minor) filter (where l.account = 'platform_commission'
                 or (l.account = 'expert_payable' and l.kind not in ('transfer', 'transfer_reversal'))), 0)::bigint`;
const COMMISSION = `-coalesce(sum(l.amount_minor) filter (where l.account = 'platform_commission'), 0)::bigint`;

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

export async function loadPaymentsReport(tx: TQueryable): Promise<TAdminPaymentsReport> {
  const byMonth = await tx.query<{ month: string; currency: string; commission: string; gross: string }>(
    `select to_char(date_trunc('month', l.created_at at time zone 'UTC'), 'YYYY-MM') as month, l.currency, ${COMMISSION} as commission, ${GROSS} as gross
       from public.ledger_entries l group by 1, 2 having ${COMMISSION} <> 0 or ${GROSS} <> 0 order by 1, 2`,
  );
  const byExpert = await tx.query<{ expert_id: string; name: string; currency: string; commission: string; gross: string }>(
    `select l.expert_id, coalesce(e.display_name, '—') as name, l.currency, ${COMMISSION} as commission, ${GROSS} as gross
       from public.ledger_entries l left join public.expert_profiles e on e.id = l.expert_id
      where l.expert_id is not null group by 1, 2, 3 having ${COMMISSION} <> 0 or ${GROSS} <> 0 order by 4 desc, 2`,
  );
  const refunds = await tx.query<TPaymentRow>(`${PAYMENT_LINE} where p.refunded_minor > 0 order by p.updated_at desc limit 200`);
  const disputes = await tx.query<TPaymentRow>(`${PAYMENT_LINE} where p.dispute_status is not null order by p.updated_at desc limit 200`);
  // Every posting balances by construction (postLedger); these catch rows written any other way.
  const unbalanced = await tx.query<{ scope: TUnbalanced['scope']; id: string; currency: string; total: string }>(
    `select 'booking' as scope, booking_id::text as id, currency, sum(amount_minor)::bigint as total from public.ledger_entries
      where booking_id is not null group by 2, 3 having sum(amount_minor) <> 0
     union all
     select 'payment', payment_id::text, currency, sum(amount_minor)::bigint from public.ledger_entries
      where payment_id is not null group by 2, 3 having sum(amount_minor) <> 0
     union all
     select 'posting', txn_id::text, currency, sum(amount_minor)::bigint from public.ledger_entries group by 2, 3 having sum(amount_minor) <> 0
     order by 1, 2 limit 500`,
  );
  const accounts = await tx.query<{ account: string; currency: string; total: string }>(
    `select account, currency, sum(amount_minor)::bigint as total from public.ledger_entries group by 1, 2 order by 2, 1`,
  );
  return {
    byMonth: byMonth.rows.map((r) => ({ month: r.month, currency: r.currency, commissionMinor: n(r.commission), grossMinor: n(r.gross) })),
    byExpert: byExpert.rows.map((r) => ({
      expertId: r.expert_id,
      name: r.name,
      currency: r.currency,
      commissionMinor: n(r.commission),
      grossMinor: n(r.gross),
    })),
    refunds: refunds.rows.map(line),
    disputes: disputes.rows.map(line),
    unbalanced: unbalanced.rows.map((r) => ({ scope: r.scope, id: r.id, currency: r.currency, sumMinor: n(r.total) })),
    accounts: accounts.rows.map((r) => ({ account: r.account, currency: r.currency, totalMinor: n(r.total) })),
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

/** The admin payments page: the report and the commission rules, read as the admin (RLS shows admins every row). */
export async function loadAdminPayments(
  db: TDb,
  admin: TSessionUser,
): Promise<{ report: TAdminPaymentsReport; rules: TCommissionRuleRow[] }> {
  requireAdmin(admin);
  return withUser(db, admin, async (tx) => ({ report: await loadPaymentsReport(tx), rules: await listCommissionRules(tx) }));
}

export async function adminPaymentsCsv(db: TDb, admin: TSessionUser): Promise<string> {
  requireAdmin(admin);
  return withUser(db, admin, (tx) => paymentsCsv(tx));
}

export async function adminCommissionRules(db: TDb, admin: TSessionUser): Promise<TCommissionRuleRow[]> {
  requireAdmin(admin);
  return withUser(db, admin, (tx) => listCommissionRules(tx));
}
