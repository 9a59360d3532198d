import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import type { TCommissionRule } from '@/lib/money/commission';
import { postLedger } from '@/lib/payments/ledger';
import { sessionSplit } from './pricing';

// The package's money movements, each a balanced ledger posting (lib/payments/ledger.ts), all on the
// package's payment row (transfer_group package_<purchase id>):
//   charge    platform_cash +P            learner_funds −P              (the learner pays once; nothing is earned yet)
//   earned    learner_funds +a            platform_commission −c, expert_payable −(a−c)   (per delivered session)
//   transfer  expert_payable +(a−c)       platform_cash −(a−c)          (the expert's share, per delivered session)
//   refund    learner_funds +r            platform_cash −r              (unused sessions, pro rata)
// learner_funds therefore holds what the learner paid and has neither used nor had back, and reaches zero when
// every credit is delivered or refunded. Simulated mode writes sim_* references; with Stripe (P1's provider) the
// same postings carry the charge, transfer and refund ids.

export type TPackagePayment = {
  id: string;
  amount_minor: number;
  commission_minor: number;
  refunded_minor: number;
  currency: string;
  expert_id: string;
  status: string;
};

/** The platform's rule for a currency: its own row, or the '*' row's percent with no fixed part. */
export async function commissionRule(tx: TQueryable, currency: string): Promise<TCommissionRule> {
  const { rows } = await tx.query<{ currency: string; percent_bp: number; fixed_minor: number }>(
    "select currency, percent_bp, fixed_minor from public.commission_rules where currency in ($1, '*') order by (currency = '*')",
    [currency],
  );
  const r = rows[0];
  if (!r) return { percentBp: 1500, fixedMinor: 0 };
  return { percentBp: r.percent_bp, fixedMinor: r.currency === '*' ? 0 : r.fixed_minor };
}

export async function postCharge(tx: TPrivilegedTx, pay: TPackagePayment, chargeRef: string): Promise<void> {
  await postLedger(tx, {
    kind: 'charge',
    currency: pay.currency,
    paymentId: pay.id,
    expertId: pay.expert_id,
    sourceRef: chargeRef,
    memo: 'package purchase',
    lines: [
      { account: 'platform_cash', amountMinor: pay.amount_minor },
      { account: 'learner_funds', amountMinor: -pay.amount_minor },
    ],
  });
}

/**
 * The k-th delivered session: its price leaves the learner's funds, the commission is earned and the expert's
 * share is transferred (simulated: a sim_tr_ reference). Returns the split.
 */
export async function postSessionEarned(
  tx: TPrivilegedTx,
  pay: TPackagePayment,
  p: { count: number; bookingId: string; k: number },
): Promise<{ amountMinor: number; commissionMinor: number; expertMinor: number }> {
  const split = sessionSplit({ priceMinor: pay.amount_minor, commissionMinor: pay.commission_minor, count: p.count }, p.k);
  const base = { currency: pay.currency, paymentId: pay.id, expertId: pay.expert_id, bookingId: p.bookingId };
  await postLedger(tx, {
    ...base,
    kind: 'adjustment',
    sourceRef: `pkg_earned_${p.bookingId}`,
    memo: `package session ${p.k + 1} of ${p.count} delivered`,
    lines: [
      { account: 'learner_funds', amountMinor: split.amountMinor },
      { account: 'platform_commission', amountMinor: -split.commissionMinor },
      { account: 'expert_payable', amountMinor: -split.expertMinor },
    ],
  });
  await postLedger(tx, {
    ...base,
    kind: 'transfer',
    sourceRef: `sim_tr_pkg_${p.bookingId}`,
    memo: `expert share of package session ${p.k + 1} of ${p.count}`,
    lines: [
      { account: 'expert_payable', amountMinor: split.expertMinor },
      { account: 'platform_cash', amountMinor: -split.expertMinor },
    ],
  });
  return split;
}

export async function postRefund(tx: TPrivilegedTx, pay: TPackagePayment, refundMinor: number): Promise<string> {
  const ref = `sim_re_${randomUUID()}`;
  await postLedger(tx, {
    kind: 'refund',
    currency: pay.currency,
    paymentId: pay.id,
    expertId: pay.expert_id,
    sourceRef: ref,
    memo: 'package: unused sessions refunded',
    lines: [
      { account: 'learner_funds', amountMinor: refundMinor },
      { account: 'platform_cash', amountMinor: -refundMinor },
    ],
  });
  return ref;
}
