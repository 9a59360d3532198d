import 'server-only';
import type { TDb, TQueryable } from '@/lib/db';
import { paymentsProvider } from './get-provider';
import { postLedger } from './ledger';
import { enqueuePaypalPayout } from './paypal/retry';
import { expertDue, reversalPosting, transferPosting } from './postings';
import { paidOf, returnedOf } from './settle';
import { lockPayment, type TPaymentRow } from './store';

type TDecision =
  | { kind: 'skip'; why: string }
  | { kind: 'paypal' }
  | { kind: 'package' }
  | { kind: 'stripe'; amountMinor: number; destination: string; payment: TPaymentRow };

/** Where the expert's share goes: the PayPal rail, a connected account (simulated: a stand-in), or nowhere yet. */
export async function payoutDestination(
  tx: TQueryable,
  expertId: string,
  mode: 'stripe' | 'simulated',
): Promise<{ rail: 'paypal' } | { rail: 'stripe'; destination: string } | { rail: 'none' }> {
  const { rows } = await tx.query<{ rail: string; stripe_account_id: string | null }>(
    'select rail, stripe_account_id from public.payout_accounts where expert_id = $1',
    [expertId],
  );
  if (rows[0]?.rail === 'paypal') return { rail: 'paypal' };
  const destination = mode === 'simulated' ? (rows[0]?.stripe_account_id ?? 'sim_acct_platform') : rows[0]?.stripe_account_id;
  return destination ? { rail: 'stripe', destination } : { rail: 'none' };
}

/**
 * The provider call every transfer makes (a single booking's payment, or one package session's share): the
 * payment's transfer_group, source_transaction = its charge (Stripe), an idempotency key chosen by the caller.
 */
export async function sendTransfer(
  p: Pick<TPaymentRow, 'id' | 'currency' | 'transfer_group' | 'mode' | 'charge_id'>,
  t: { amountMinor: number; destination: string; idempotencyKey: string; bookingId?: string | null },
): Promise<{ id: string }> {
  return paymentsProvider().transfer({
    paymentId: p.id,
    bookingId: t.bookingId ?? null,
    amountMinor: t.amountMinor,
    currency: p.currency,
    destination: t.destination,
    transferGroup: p.transfer_group,
    sourceTransaction: p.mode === 'stripe' ? p.charge_id : null,
    idempotencyKey: t.idempotencyKey,
  });
}

/**
 * Pays the expert's share once the session is over: only for a completed booking with no no-show report and no
 * open dispute, and only what is left after refunds. Stripe: transfers.create with the payment's transfer_group,
 * source_transaction = the charge, destination = the expert's connected account, idempotency key per payment.
 * An expert on the PayPal rail is paid by the PayPal payout job (paypal/retry.ts: retried with backoff, then marked
 * failed for an admin to retry). Simulated: sim_tr_… ids. A package's payment is paid per delivered session
 * (lib/packages/transfer.ts): this hands it over, so a queued transfer job never pays a package at once.
 */
export async function runTransfer(db: TDb, paymentId: string): Promise<TDecision['kind'] | 'transferred'> {
  const provider = paymentsProvider();
  const d = await db.transaction(async (tx): Promise<TDecision> => {
    const p = await lockPayment(tx, paymentId);
    if (!p || !p.charge_id) return { kind: 'skip', why: 'not paid' };
    if (!['not_due', 'due'].includes(p.transfer_status)) return { kind: 'skip', why: p.transfer_status };
    if (p.package_purchase_id) return { kind: 'package' };
    if (p.dispute_status === 'open') {
      await tx.query("update public.payments set transfer_status = 'held', updated_at = now() where id = $1", [p.id]);
      return { kind: 'skip', why: 'dispute open' };
    }
    if (p.booking_id && !(await completedWithoutNoShow(tx, p.booking_id))) return { kind: 'skip', why: 'session not completed' };
    const amountMinor = expertDue(paidOf(p), returnedOf(p));
    if (amountMinor <= 0) {
      await tx.query("update public.payments set transfer_status = 'not_needed', updated_at = now() where id = $1", [p.id]);
      return { kind: 'skip', why: 'nothing due' };
    }
    const to = await payoutDestination(tx, p.expert_id, provider.mode);
    if (to.rail === 'paypal') return { kind: 'paypal' };
    if (to.rail === 'none') {
      // No connected account yet: the transfer waits (the Connect module queues it again once payouts are enabled).
      await tx.query("update public.payments set transfer_status = 'due', updated_at = now() where id = $1", [p.id]);
      return { kind: 'skip', why: 'no payout account' };
    }
    return { kind: 'stripe', amountMinor, destination: to.destination, payment: p };
  });
  if (d.kind === 'skip') return 'skip';
  if (d.kind === 'package') {
    // Imported here: lib/packages/transfer.ts builds on this module.
    const { transferPackageSessions } = await import('@/lib/packages/transfer');
    await transferPackageSessions(db, paymentId);
    return 'package';
  }
  if (d.kind === 'paypal') {
    await db.transaction((tx) => enqueuePaypalPayout(tx, paymentId));
    return 'paypal';
  }
  const p = d.payment;
  const t = await sendTransfer(p, { amountMinor: d.amountMinor, destination: d.destination, idempotencyKey: `transfer:${p.id}` });
  await db.transaction((tx) => recordTransfer(tx, p.id, t.id, d.amountMinor));
  return 'transferred';
}

/** The transfer exists at the processor: record it once (our call and transfer.created both come here). */
export async function recordTransfer(tx: TQueryable, paymentId: string, transferId: string, amountMinor: number): Promise<void> {
  const p = await lockPayment(tx, paymentId);
  if (!p) return;
  await postLedger(
    tx,
    transferPosting(paidOf(p), amountMinor, { bookingId: p.booking_id, paymentId: p.id, expertId: p.expert_id, sourceRef: transferId }),
  );
  if (p.transfer_id) return;
  await tx.query("update public.payments set transfer_id = $2, transfer_status = 'transferred', updated_at = now() where id = $1", [
    p.id,
    transferId,
  ]);
}

/** Pulls `amountMinor` of the expert's transfer back (after a refund or a lost dispute), once per key. */
export async function reverseTransfer(db: TDb, paymentId: string, amountMinor: number, key: string): Promise<void> {
  const p = await db.transaction((tx) => lockPayment(tx, paymentId));
  if (!p?.transfer_id) return;
  const r = await paymentsProvider().reverseTransfer(p.transfer_id, amountMinor, key);
  await db.transaction((tx) => recordReversal(tx, paymentId, r.id, amountMinor));
}

export async function recordReversal(tx: TQueryable, paymentId: string, reversalId: string, amountMinor: number): Promise<void> {
  const p = await lockPayment(tx, paymentId);
  if (!p) return;
  const posted = await postLedger(
    tx,
    reversalPosting(paidOf(p), amountMinor, { bookingId: p.booking_id, paymentId: p.id, expertId: p.expert_id, sourceRef: reversalId }),
  );
  if (!posted) return;
  const { rows } = await tx.query<{ net: string }>(
    "select coalesce(sum(amount_minor), 0) as net from public.ledger_entries where payment_id = $1 and account = 'expert_payable' and kind in ('transfer', 'transfer_reversal')",
    [p.id],
  );
  const status = Number(rows[0].net) <= 0 ? 'reversed' : 'partially_reversed';
  await tx.query('update public.payments set transfer_status = $2, updated_at = now() where id = $1', [p.id, status]);
}

export async function completedWithoutNoShow(tx: TQueryable, bookingId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `select 1 from public.bookings b where b.id = $1 and b.status = 'completed'
        and not exists (select 1 from public.no_show_reports r where r.booking_id = b.id)`,
    [bookingId],
  );
  return rows.length > 0;
}
