import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TQueryable } from '@/lib/db';

// The double-entry ledger (table ledger_entries, migration 20261130000100). One posting = one txn_id whose
// lines sum to zero per currency; positive amounts are debits. Every module that moves money posts here.

export const LEDGER_ACCOUNTS = [
  'platform_cash',
  'learner_funds',
  'expert_payable',
  'expert_balance',
  'expert_bank',
  'platform_commission',
  'processor_fees',
  'disputes',
] as const;
export type TLedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const LEDGER_KINDS = [
  'charge',
  'fee',
  'refund',
  'transfer',
  'transfer_reversal',
  'payout',
  'dispute',
  'dispute_won',
  'dispute_lost',
  'adjustment',
] as const;
export type TLedgerKind = (typeof LEDGER_KINDS)[number];

export type TLedgerLine = { account: TLedgerAccount; amountMinor: number };

export type TPosting = {
  kind: TLedgerKind;
  currency: string;
  lines: TLedgerLine[];
  bookingId?: string | null;
  paymentId?: string | null;
  expertId?: string | null;
  /** The provider object behind it (ch_…, re_…, tr_…); a second posting of the same ref and kind is a no-op. */
  sourceRef?: string | null;
  memo?: string | null;
};

export class UnbalancedPostingError extends Error {
  constructor(readonly posting: TPosting) {
    super(`Ledger posting (${posting.kind}) does not balance: ${JSON.stringify(posting.lines)}`);
    this.name = 'UnbalancedPostingError';
  }
}

/** Pure: throws unless every line is a non-zero integer and the lines sum to zero. Zero lines are dropped. */
export function checkPosting(p: TPosting): TLedgerLine[] {
  const lines = p.lines.filter((l) => l.amountMinor !== 0);
  if (lines.some((l) => !Number.isSafeInteger(l.amountMinor))) throw new UnbalancedPostingError(p);
  if (lines.reduce((s, l) => s + l.amountMinor, 0) !== 0) throw new UnbalancedPostingError(p);
  return lines;
}

/**
 * Writes one balanced posting inside `tx`. Returns false (and writes nothing) when a posting with the same
 * sourceRef and kind exists already, so replayed provider events never post twice.
 */
export async function postLedger(tx: TQueryable, p: TPosting): Promise<boolean> {
  const lines = checkPosting(p);
  if (!lines.length) return false;
  if (p.sourceRef) {
    const { rows } = await tx.query('select 1 from public.ledger_entries where source_ref = $1 and kind = $2 limit 1', [
      p.sourceRef,
      p.kind,
    ]);
    if (rows.length) return false;
  }
  const txn = randomUUID();
  for (const l of lines) {
    await tx.query(
      `insert into public.ledger_entries (txn_id, booking_id, payment_id, expert_id, account, amount_minor, currency, kind, source_ref, memo)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        txn,
        p.bookingId ?? null,
        p.paymentId ?? null,
        p.expertId ?? null,
        l.account,
        l.amountMinor,
        p.currency,
        p.kind,
        p.sourceRef ?? null,
        p.memo ?? null,
      ],
    );
  }
  return true;
}
