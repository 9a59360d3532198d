import 'server-only';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import type { TCommissionRule } from '@/lib/money/commission';
import { postLedger } from '@/lib/payments/ledger';
import { transferLines, type TPackagePaid } from './postings';
import { sessionSplit } from './pricing';

// The package's money movements, each a balanced ledger posting (lib/payments/ledger.ts) on the package's payment
// row (transfer_group package_<purchase id>), with the same accounts and shapes as the payments core's bookings
// (pay-core's lib/payments/postings.ts), so earnings, commission reports and ledger health read packages as they
// read sessions:
//   charge    platform_cash +P     platform_commission −C     expert_payable −(P−C)    (at purchase)
//   transfer  expert_payable +e_k  platform_cash −e_k                                  (per delivered session k)
//   refund    platform_cash −R     platform_commission +Rc    expert_payable +Re       (unused sessions)
// e_k is session k's expert share (pricing.ts sessionSplit); the refund's split is what the undelivered sessions
// carry (C − commissionPrefix(used) less what earlier refunds returned), so when every credit is delivered or
// refunded expert_payable is exactly zero: nothing is ever pulled back from the expert. Simulated mode writes sim_*
// references; with Stripe the same postings carry the charge, transfer and refund ids. The charge is posted by the
// payments core's settlePaid (the same lines as chargeLines) and refunds by lib/packages/refund-credits.ts.

const paid = (pay: TPackagePayment, count: number): TPackagePaid => ({
  amountMinor: pay.amount_minor,
  commissionMinor: pay.commission_minor,
  count,
});

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

/** The k-th delivered session: the expert's share of it is transferred (simulated: a sim_tr_ reference). */
export async function postSessionTransfer(
  tx: TPrivilegedTx,
  pay: TPackagePayment,
  p: { count: number; bookingId: string; k: number },
): Promise<{ amountMinor: number; commissionMinor: number; expertMinor: number }> {
  const split = sessionSplit({ priceMinor: pay.amount_minor, commissionMinor: pay.commission_minor, count: p.count }, p.k);
  await postLedger(tx, {
    kind: 'transfer',
    currency: pay.currency,
    paymentId: pay.id,
    expertId: pay.expert_id,
    bookingId: p.bookingId,
    sourceRef: `sim_tr_pkg_${p.bookingId}`,
    memo: `expert share of package session ${p.k + 1} of ${p.count}`,
    lines: transferLines(paid(pay, p.count), p.k).lines,
  });
  return split;
}
