import 'server-only';
import type { TQueryable } from '@/lib/db';
import { commissionFor, type TCommissionRule } from '@/lib/money/commission';

// The payments table's row and the reads every payment operation shares.

export type TPaymentStatus = 'open' | 'paid' | 'expired' | 'failed' | 'refunded' | 'partially_refunded';
export type TTransferStatus = 'not_due' | 'due' | 'held' | 'transferred' | 'reversed' | 'partially_reversed' | 'not_needed';

export type TPaymentRow = {
  id: string;
  booking_id: string | null;
  package_purchase_id: string | null;
  learner_id: string | null;
  expert_id: string;
  mode: 'simulated' | 'stripe';
  status: TPaymentStatus;
  amount_minor: number;
  commission_minor: number;
  currency: string;
  checkout_session_id: string | null;
  checkout_url: string | null;
  payment_intent_id: string | null;
  charge_id: string | null;
  transfer_group: string;
  transfer_status: TTransferStatus;
  transfer_id: string | null;
  refunded_minor: number;
  disputed_minor: number;
  dispute_id: string | null;
  dispute_status: 'open' | 'won' | 'lost' | null;
  created_at: Date;
  paid_at: Date | null;
};

const NUMERIC = ['amount_minor', 'commission_minor', 'refunded_minor', 'disputed_minor'] as const;

/** bigint columns arrive as strings from node-postgres: money stays integer, and a number here. */
export function toPaymentRow(r: Record<string, unknown>): TPaymentRow {
  const row = { ...r } as Record<string, unknown>;
  for (const k of NUMERIC) row[k] = Number(r[k]);
  return row as TPaymentRow;
}

export async function lockPayment(tx: TQueryable, id: string): Promise<TPaymentRow | null> {
  const { rows } = await tx.query('select * from public.payments where id = $1 for update', [id]);
  return rows[0] ? toPaymentRow(rows[0]) : null;
}

export async function readPayment(tx: TQueryable, id: string): Promise<TPaymentRow | null> {
  const { rows } = await tx.query('select * from public.payments where id = $1', [id]);
  return rows[0] ? toPaymentRow(rows[0]) : null;
}

/** A payment found by one of the provider's ids, locked. */
export async function lockPaymentBy(
  tx: TQueryable,
  column: 'checkout_session_id' | 'payment_intent_id' | 'charge_id' | 'transfer_id',
  value: string,
): Promise<TPaymentRow | null> {
  const { rows } = await tx.query(`select * from public.payments where ${column} = $1 for update`, [value]);
  return rows[0] ? toPaymentRow(rows[0]) : null;
}

/** The commission rule for a currency: its own row, else the '*' row's percentage with no fixed part. */
export async function commissionRule(tx: TQueryable, currency: string): Promise<TCommissionRule> {
  const { rows } = await tx.query<{ currency: string; percent_bp: number; fixed_minor: number }>(
    "select currency, percent_bp, fixed_minor from public.commission_rules where currency in ($1, '*') order by currency = '*'",
    [currency],
  );
  const own = rows.find((r) => r.currency === currency);
  if (own) return { percentBp: own.percent_bp, fixedMinor: own.fixed_minor };
  return { percentBp: rows[0]?.percent_bp ?? 1500, fixedMinor: 0 };
}

export type TQuote = { amountMinor: number; commissionMinor: number; expertMinor: number; currency: string };

export async function quoteFor(tx: TQueryable, amountMinor: number, currency: string): Promise<TQuote> {
  const split = commissionFor(amountMinor, await commissionRule(tx, currency));
  return { amountMinor, currency, ...split };
}
