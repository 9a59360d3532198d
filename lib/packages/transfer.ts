import 'server-only';
import type { TDb, TQueryable } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { postLedger } from '@/lib/payments/ledger';
import { lockPayment, type TPaymentRow } from '@/lib/payments/store';
import { completedWithoutNoShow, payoutDestination, sendTransfer } from '@/lib/payments/transfers';
import { transferLines } from './postings';

// A package paid through Stripe pays its expert per delivered session, for real: one Stripe transfer of session k's
// expert share (postings.ts transferLines) to the expert's connected account, transfer_group package_<purchase id>,
// source_transaction the package's charge, idempotency key per booking, through the same provider call as a single
// booking's transfer (lib/payments/transfers.ts sendTransfer). The ledger's transfer posting carries the Stripe
// transfer id, once: our own call and Stripe's transfer.created both record it (postLedger skips a repeated
// source_ref). The same holds as single bookings: nothing moves while the payment's dispute is open (transfer_status
// 'held'; a won dispute queues payments.transfer, which lands in transferPackageSessions; after a lost one nothing is
// paid automatically), or while a completed
// session has a no-show report; with no connected account yet the payment waits as 'due' (Connect queues it again).
// Simulated packages are untouched: settle.ts posts their sim_tr_pkg_ transfer in the settling transaction.

type TSessionRow = { purchase_id: string; state: string; share_index: number | null; session_count: number; sessions_refunded: number };
type TDecision = { kind: 'skip'; why: string } | { kind: 'stripe'; amountMinor: number; destination: string; payment: TPaymentRow };

export const packageTransferKey = (bookingId: string) => `transfer:pkg:${bookingId}`;

async function lockSession(tx: TQueryable, bookingId: string): Promise<{ s: TSessionRow; pay: TPaymentRow } | null> {
  const { rows } = await tx.query<TSessionRow>(
    `select s.purchase_id, s.state, s.share_index, p.session_count, p.sessions_refunded
       from public.package_sessions s join public.package_purchases p on p.id = s.purchase_id
      where s.booking_id = $1 for update of s`,
    [bookingId],
  );
  if (!rows[0]) return null;
  const { rows: pay } = await tx.query<{ id: string }>(
    'select id from public.payments where package_purchase_id = $1 order by created_at desc limit 1',
    [rows[0].purchase_id],
  );
  const p = pay[0] ? await lockPayment(tx, pay[0].id) : null;
  return p ? { s: rows[0], pay: p } : null;
}

async function transferPosted(tx: TQueryable, paymentId: string, bookingId: string): Promise<boolean> {
  const { rows } = await tx.query(
    "select 1 from public.ledger_entries where payment_id = $1 and booking_id = $2 and kind = 'transfer' limit 1",
    [paymentId, bookingId],
  );
  return rows.length > 0;
}

/** Transfers one delivered session's expert share (Stripe-paid packages only); a repeated call changes nothing. */
export async function transferPackageSession(db: TDb, bookingId: string): Promise<'transferred' | 'skip'> {
  const d = await db.transaction(async (tx): Promise<TDecision> => {
    const row = await lockSession(tx, bookingId);
    if (!row) return { kind: 'skip', why: 'not a package session' };
    const { s, pay } = row;
    if (pay.mode !== 'stripe') return { kind: 'skip', why: 'simulated' };
    if (s.state !== 'earned' && s.state !== 'forfeited') return { kind: 'skip', why: `session ${s.state}` };
    if (s.share_index === null || !pay.charge_id) return { kind: 'skip', why: 'not paid' };
    if (await transferPosted(tx, pay.id, bookingId)) return { kind: 'skip', why: 'transferred' };
    if (pay.dispute_status === 'open') {
      await tx.query("update public.payments set transfer_status = 'held', updated_at = now() where id = $1", [pay.id]);
      return { kind: 'skip', why: 'dispute open' };
    }
    if (pay.transfer_status === 'held') return { kind: 'skip', why: 'held' };
    if (pay.dispute_status === 'lost') {
      // The charge went back to the cardholder: no share of it is paid out automatically (an admin decides).
      logger().warn({ paymentId: pay.id, bookingId }, 'packages: dispute lost, session transfer not sent');
      return { kind: 'skip', why: 'dispute lost' };
    }
    // A forfeited credit (cancelled late) is earned without a completed session; a completed one must have no no-show report.
    if (s.state === 'earned' && !(await completedWithoutNoShow(tx, bookingId))) return { kind: 'skip', why: 'no-show reported' };
    const to = await payoutDestination(tx, pay.expert_id, 'stripe');
    if (to.rail === 'paypal') {
      // The PayPal payout job pays a whole payment, not a share of it: a package session on that rail waits (docs).
      logger().warn({ paymentId: pay.id, bookingId }, 'packages: PayPal-rail expert, per-session payout not sent');
      await tx.query("update public.payments set transfer_status = 'due', updated_at = now() where id = $1", [pay.id]);
      return { kind: 'skip', why: 'paypal rail' };
    }
    if (to.rail === 'none') {
      await tx.query("update public.payments set transfer_status = 'due', updated_at = now() where id = $1", [pay.id]);
      return { kind: 'skip', why: 'no payout account' };
    }
    const { expertMinor } = transferLines(
      { amountMinor: pay.amount_minor, commissionMinor: pay.commission_minor, count: s.session_count },
      s.share_index,
    );
    return { kind: 'stripe', amountMinor: expertMinor, destination: to.destination, payment: pay };
  });
  if (d.kind === 'skip') return 'skip';
  const t = await sendTransfer(d.payment, {
    amountMinor: d.amountMinor,
    destination: d.destination,
    idempotencyKey: packageTransferKey(bookingId),
    bookingId,
  });
  await db.transaction((tx) => recordPackageTransfer(tx, bookingId, t.id));
  return 'transferred';
}

/** Every delivered session of a package's payment whose transfer has not happened yet (the payments.transfer job). */
export async function transferPackageSessions(db: TDb, paymentId: string): Promise<number> {
  const { rows } = await db.query<{ booking_id: string }>(
    `select s.booking_id from public.package_sessions s join public.payments p on p.package_purchase_id = s.purchase_id
      where p.id = $1 and s.state in ('earned', 'forfeited')
        and not exists (select 1 from public.ledger_entries l where l.payment_id = p.id and l.booking_id = s.booking_id and l.kind = 'transfer')
      order by s.share_index`,
    [paymentId],
  );
  let n = 0;
  for (const r of rows) if ((await transferPackageSession(db, r.booking_id)) === 'transferred') n++;
  return n;
}

/** The session's transfer exists at Stripe: post it once and update the payment's transfer state. */
export async function recordPackageTransfer(tx: TQueryable, bookingId: string, transferId: string): Promise<void> {
  const row = await lockSession(tx, bookingId);
  const k = row?.s.share_index ?? null;
  if (!row || k === null) return;
  const { s, pay } = row;
  await postLedger(tx, {
    kind: 'transfer',
    currency: pay.currency,
    paymentId: pay.id,
    expertId: pay.expert_id,
    bookingId,
    sourceRef: transferId,
    memo: `expert share of package session ${k + 1} of ${s.session_count}`,
    lines: transferLines({ amountMinor: pay.amount_minor, commissionMinor: pay.commission_minor, count: s.session_count }, k).lines,
  });
  const { rows } = await tx.query<{ delivered: number; waiting: number }>(
    `select count(*)::int as delivered,
            count(*) filter (where not exists (select 1 from public.ledger_entries l
               where l.payment_id = $2 and l.booking_id = s.booking_id and l.kind = 'transfer'))::int as waiting
       from public.package_sessions s where s.purchase_id = $1 and s.state in ('earned', 'forfeited')`,
    [s.purchase_id, pay.id],
  );
  const { delivered, waiting } = rows[0];
  const status = waiting > 0 ? 'due' : delivered + s.sessions_refunded >= s.session_count ? 'transferred' : 'not_due';
  await tx.query(
    `update public.payments set transfer_id = $2, transfer_status = case when transfer_status = 'held' then 'held' else $3 end,
            updated_at = now() where id = $1`,
    [pay.id, transferId, status],
  );
}
