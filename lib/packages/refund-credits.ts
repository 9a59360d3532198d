import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { postLedger } from '@/lib/payments/ledger';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { partialRefundLines, refundLines } from './postings';
import { creditsLeft, creditsVoidedBy, unusedValueMinor } from './pricing';

// A refund of a package's payment, from any path (the learner's "refund unused", an admin's refund dialog, a
// refund made in Stripe's Dashboard arriving as charge.refunded): the payments core's state machine
// (applyRefundedTotal) hands the new part of the refunded total here, under the payment's lock, and this posts it
// with the package's split and voids the credits it pays for (lib/packages/pricing.ts creditsVoidedBy), in the same
// transaction. No payments-core imports beyond the ledger, so lib/payments/settle.ts can call it.

export type TPackageRefundPayment = {
  id: string;
  package_purchase_id: string | null;
  expert_id: string;
  amount_minor: number;
  commission_minor: number;
  refunded_minor: number;
  currency: string;
};

/** Posts `deltaMinor` more refunded on a package payment and voids the credits it pays for; returns how many. */
export async function applyPackageRefund(
  tx: TPrivilegedTx,
  p: TPackageRefundPayment,
  deltaMinor: number,
  ref: string,
  memo?: string,
  opts: { allUnused?: boolean } = {},
): Promise<{ credits: number; remaining: number }> {
  const { rows } = await tx.query<{
    id: string;
    learner_id: string | null;
    expert_id: string;
    title: string;
    session_count: number;
    sessions_used: number;
    sessions_refunded: number;
    status: string;
  }>('select * from public.package_purchases where id = $1 for update', [p.package_purchase_id]);
  const pur = rows[0];
  const paid = { amountMinor: p.amount_minor, commissionMinor: p.commission_minor, count: pur.session_count };
  const state = {
    priceMinor: p.amount_minor,
    count: pur.session_count,
    used: pur.sessions_used,
    refunded: pur.sessions_refunded,
    refundedMinor: p.refunded_minor,
  };
  const unused = creditsLeft(state);
  const credits = opts.allUnused ? unused : creditsVoidedBy(state, deltaMinor);
  const { rows: before } = await tx.query<{ n: string | number }>(
    "select coalesce(sum(amount_minor), 0) as n from public.ledger_entries where payment_id = $1 and kind = 'refund' and account = 'platform_commission'",
    [p.id],
  );
  // All of the unused credits' value: the package's own rule for refunding the rest (the commission they carry,
  // less what earlier refunds returned). Anything less: the voided shares' exact expert part.
  const lines =
    unused > 0 && deltaMinor >= unusedValueMinor(state)
      ? refundLines(paid, pur.sessions_used, deltaMinor, Number(before[0].n))
      : partialRefundLines(paid, pur.sessions_refunded, credits, deltaMinor);
  await postLedger(tx, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    expertId: p.expert_id,
    sourceRef: ref,
    memo: memo ?? `package: ${credits} unused session${credits === 1 ? '' : 's'} refunded`,
    lines,
  });
  const remaining = unused - credits;
  const { rows: live } = await tx.query("select 1 from public.package_sessions where purchase_id = $1 and state = 'booked' limit 1", [
    pur.id,
  ]);
  const closes = remaining === 0 && !live.length && pur.status === 'active';
  await tx.query('update public.package_purchases set sessions_refunded = sessions_refunded + $2, status = $3 where id = $1', [
    pur.id,
    credits,
    closes ? 'closed' : pur.status,
  ]);
  if (credits > 0) {
    const { rows: e } = await tx.query<{ user_id: string }>('select user_id from public.expert_profiles where id = $1', [pur.expert_id]);
    const left = `${remaining} session${remaining === 1 ? '' : 's'} left`;
    const voided = `${credits} unused session${credits === 1 ? '' : 's'}`;
    if (pur.learner_id)
      await notifyEvent(tx, {
        userId: pur.learner_id,
        event: 'payment.refunded',
        title: `Package “${pur.title}”: ${left}`,
        body: `The refund covers ${voided} of your package, which ${credits === 1 ? 'is' : 'are'} no longer bookable: ${left}.`,
        link: '/sessions',
      });
    if (e[0])
      await notifyEvent(tx, {
        userId: e[0].user_id,
        event: 'payment.refunded',
        title: `Package “${pur.title}”: ${left}`,
        body: `${voided} of a learner's package ${credits === 1 ? 'was' : 'were'} refunded and can no longer be booked: ${left}. Sessions already booked still happen and are paid to you.`,
        link: '/sessions',
      });
  }
  return { credits, remaining };
}

/**
 * Voids every unused credit when nothing is left to pay back for them (earlier refunds, goodwill included, already
 * returned their value): no cash moves, but the expert's part of them leaves expert_payable — the platform's
 * commission line paid it with those earlier refunds — so expert_payable still ends at zero.
 */
export async function voidUnusedCredits(tx: TPrivilegedTx, p: TPackageRefundPayment, ref: string): Promise<number> {
  const out = await applyPackageRefund(tx, p, 0, ref, 'package: unused sessions voided, their value already refunded', {
    allUnused: true,
  });
  return out.credits;
}
