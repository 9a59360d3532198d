import { randomBytes } from 'node:crypto';
import type { TQueryable } from '@/lib/db/types';
import { postLedger } from '@/lib/payments/ledger';
import { createBooking, type TBookingFactoryOptions } from './booking-factories';

// A paid booking as the payments core leaves it: the booking, its payment row and the charge posting
// (platform_cash +A, platform_commission −C, expert_payable −(A−C)), so expert-side code has a known ledger.

export type TPaidOptions = TBookingFactoryOptions & { amountMinor?: number; commissionMinor?: number; currency?: string; paidAt?: Date };

export async function createPaidBooking(db: TQueryable, expertId: string, learnerId: string, o: TPaidOptions = {}) {
  const amount = o.amountMinor ?? 5000;
  const commission = o.commissionMinor ?? Math.round(amount * 0.15);
  const currency = o.currency ?? 'USD';
  const booking = await createBooking(db, expertId, learnerId, o);
  await db.query('update public.bookings set price_minor = $2, currency = $3 where id = $1', [booking.id, amount, currency]);
  const ref = randomBytes(6).toString('hex');
  const { rows } = await db.query<{ id: string }>(
    `insert into public.payments (booking_id, learner_id, expert_id, mode, status, amount_minor, commission_minor, currency,
                                  checkout_session_id, charge_id, transfer_group, transfer_status, paid_at)
     values ($1, $2, $3, 'simulated', 'paid', $4, $5, $6, $7, $8, $9, 'due', $10) returning id`,
    [
      booking.id,
      learnerId,
      expertId,
      amount,
      commission,
      currency,
      `sim_cs_${ref}`,
      `sim_ch_${ref}`,
      `booking_${booking.id}`,
      o.paidAt ?? new Date(),
    ],
  );
  const paymentId = rows[0].id;
  await postLedger(db, {
    kind: 'charge',
    currency,
    bookingId: booking.id,
    paymentId,
    expertId,
    sourceRef: `sim_ch_${ref}`,
    lines: [
      { account: 'platform_cash', amountMinor: amount },
      { account: 'platform_commission', amountMinor: -commission },
      { account: 'expert_payable', amountMinor: -(amount - commission) },
    ],
  });
  if (o.paidAt) await db.query('update public.ledger_entries set created_at = $2 where payment_id = $1', [paymentId, o.paidAt]);
  return { bookingId: booking.id, paymentId, chargeRef: `sim_ch_${ref}`, amount, commission, currency };
}

/** The core's transfer after completion: expert_payable +T, platform_cash −T. */
export async function postTransfer(
  db: TQueryable,
  p: { bookingId: string; paymentId: string; expertId: string; amount: number; currency: string },
) {
  await postLedger(db, {
    kind: 'transfer',
    currency: p.currency,
    bookingId: p.bookingId,
    paymentId: p.paymentId,
    expertId: p.expertId,
    sourceRef: `tr_${randomBytes(6).toString('hex')}`,
    lines: [
      { account: 'expert_payable', amountMinor: p.amount },
      { account: 'platform_cash', amountMinor: -p.amount },
    ],
  });
  await db.query(`update public.payments set transfer_status = 'transferred' where id = $1`, [p.paymentId]);
}
