import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TQueryable } from '@/lib/db';
import { minorToDecimal } from '@/lib/money/decimal-string';
import { toCsv } from './csv';

// An expert's earnings, read from the ledger only (ledger_entries rows carrying the expert's id), per currency.
// Definitions (docs/payments.md):
//   commission  what the platform kept: −Σ platform_commission (charges credit it, refunds and lost disputes debit it)
//   net         the expert's share earned: −Σ expert_payable over every kind except transfers and their reversals
//   gross       net + commission: what learners paid, less what was refunded
//   pending     still owed, not yet transferred: −Σ expert_payable (all kinds)
//   paid out    transferred to the expert (Stripe transfer / PayPal payout): Σ expert_payable over transfers and reversals
//   in bank     reached the expert's bank from Stripe (payout.paid) or PayPal (item succeeded): −Σ expert_bank
// The caller passes a user transaction, so row-level security shows an expert only their own rows.

export type TEarningsTotals = {
  currency: string;
  grossMinor: number;
  commissionMinor: number;
  netMinor: number;
  pendingMinor: number;
  paidOutMinor: number;
  inBankMinor: number;
};
export type TEarningsMonth = { month: string; currency: string; grossMinor: number; commissionMinor: number; netMinor: number };
export type TEarningsSession = {
  bookingId: string;
  startsAt: string | null;
  durationMinutes: number | null;
  status: string | null;
  currency: string;
  grossMinor: number;
  commissionMinor: number;
  netMinor: number;
  pendingMinor: number;
  paidOutMinor: number;
};
export type TEarnings = { totals: TEarningsTotals[]; months: TEarningsMonth[]; sessions: TEarningsSession[] };

const SUMS = `
  -coalesce(sum(amount_minor) filter (where account = 'platform_commission'), 0)::bigint as commission,
  -coalesce(sum(amount_minor) filter (where account = 'expert_payable' and kind not in ('transfer', 'transfer_reversal')), 0)::bigint as net,
  -coalesce(sum(amount_minor) filter (where account = 'expert_payable'), 0)::bigint as pending,
  coalesce(sum(amount_minor) filter (where account = 'expert_payable' and kind in ('transfer', 'transfer_reversal')), 0)::bigint as paid_out,
  -coalesce(sum(amount_minor) filter (where account = 'expert_bank'), 0)::bigint as in_bank`;

type TSumRow = { currency: string; commission: string; net: string; pending: string; paid_out: string; in_bank: string };
const n = (v: string | number | null) => Number(v ?? 0);

export async function loadEarnings(tx: TQueryable, expertId: string): Promise<TEarnings> {
  const { rows: totals } = await tx.query<TSumRow>(
    `select currency, ${SUMS} from public.ledger_entries where expert_id = $1 group by currency order by currency`,
    [expertId],
  );
  const { rows: months } = await tx.query<TSumRow & { month: string }>(
    `select to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM') as month, currency, ${SUMS}
       from public.ledger_entries where expert_id = $1 and booking_id is not null group by 1, 2 order by 1, 2`,
    [expertId],
  );
  const { rows: sessions } = await tx.query<
    TSumRow & { booking_id: string; starts_at: Date | null; duration_minutes: number | null; status: string | null }
  >(
    `select l.booking_id, b.starts_at, b.duration_minutes, b.status, l.currency, ${SUMS}
       from public.ledger_entries l left join public.bookings b on b.id = l.booking_id
      where l.expert_id = $1 and l.booking_id is not null
      group by l.booking_id, b.starts_at, b.duration_minutes, b.status, l.currency
      order by b.starts_at desc nulls last, l.booking_id`,
    [expertId],
  );
  return {
    totals: totals.map((r) => ({
      currency: r.currency,
      grossMinor: n(r.net) + n(r.commission),
      commissionMinor: n(r.commission),
      netMinor: n(r.net),
      pendingMinor: n(r.pending),
      paidOutMinor: n(r.paid_out),
      inBankMinor: n(r.in_bank),
    })),
    months: months
      .filter((r) => n(r.net) !== 0 || n(r.commission) !== 0) // a month with only transfers or payouts earned nothing
      .map((r) => ({
        month: r.month,
        currency: r.currency,
        grossMinor: n(r.net) + n(r.commission),
        commissionMinor: n(r.commission),
        netMinor: n(r.net),
      })),
    sessions: sessions.map((r) => ({
      bookingId: r.booking_id,
      startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
      durationMinutes: r.duration_minutes,
      status: r.status,
      currency: r.currency,
      grossMinor: n(r.net) + n(r.commission),
      commissionMinor: n(r.commission),
      netMinor: n(r.net),
      pendingMinor: n(r.pending),
      paidOutMinor: n(r.paid_out),
    })),
  };
}

export function earningsCsv(e: TEarnings): string {
  return toCsv(
    ['booking_id', 'session_start_utc', 'status', 'currency', 'gross', 'commission', 'net', 'pending', 'paid_out'],
    e.sessions.map((s) => [
      s.bookingId,
      s.startsAt,
      s.status,
      s.currency,
      minorToDecimal(s.grossMinor, s.currency),
      minorToDecimal(s.commissionMinor, s.currency),
      minorToDecimal(s.netMinor, s.currency),
      minorToDecimal(s.pendingMinor, s.currency),
      minorToDecimal(s.paidOutMinor, s.currency),
    ]),
    [4, 5, 6, 7, 8],
  );
}

/** The signed-in expert's earnings, read as that user (row-level security shows only their own ledger rows). */
export function loadOwnEarnings(db: TDb, user: TSessionUser, expertId: string): Promise<TEarnings> {
  return withUser(db, user, (tx) => loadEarnings(tx, expertId));
}
