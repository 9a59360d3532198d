import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { onPaymentEvent, type TPaymentEvent } from '../event-handlers';
import { postLedger } from '../ledger';
import { paypalValueToMinor } from './amount';

// PayPal payout item webhooks (PAYMENT.PAYOUTS-ITEM.*): the item's status is mirrored on paypal_payouts;
// SUCCEEDED moves the money to the expert's bank side of the ledger (expert_balance → expert_bank) and books
// PayPal's fee; a failed, returned, blocked, refunded or denied item reverses the transfer so the amount is owed
// to the expert again (admins see it in the payments report).

type TItemResource = {
  payout_item_id?: string;
  payout_batch_id?: string;
  transaction_status?: string;
  payout_item_fee?: { currency: string; value: string };
  payout_item?: { sender_item_id?: string; amount?: { currency: string; value: string } };
  errors?: { name?: string; message?: string };
};

type TRow = {
  id: string;
  sender_batch_id: string;
  accepted_at: Date | null;
  payment_id: string;
  expert_id: string;
  amount_minor: string;
  currency: string;
  status: string;
  booking_id: string | null;
  user_id: string;
};

async function findPayout(tx: TPrivilegedTx, r: TItemResource): Promise<TRow | null> {
  const { rows } = await tx.query<TRow>(
    // One row per attempt: the item, its batch, or the sender_item_id we gave it (`<payment>` or `<payment>-r<n>`).
    `select pp.id, pp.sender_batch_id, pp.accepted_at, pp.payment_id, pp.expert_id, pp.amount_minor, pp.currency, pp.status, p.booking_id, e.user_id
       from public.paypal_payouts pp
       join public.payments p on p.id = pp.payment_id
       join public.expert_profiles e on e.id = pp.expert_id
      where pp.payout_item_id = $1 or pp.sender_batch_id = 'pathwise-' || $2 or (pp.payout_batch_id is not null and pp.payout_batch_id = $3)
      order by (pp.payout_item_id = $1) desc nulls last, pp.attempt desc
      limit 1 for update of pp`,
    [r.payout_item_id ?? '', r.payout_item?.sender_item_id ?? '', r.payout_batch_id ?? ''],
  );
  return rows[0] ?? null;
}

const FAILED = {
  FAILED: 'failed',
  RETURNED: 'returned',
  BLOCKED: 'blocked',
  REFUNDED: 'refunded',
  DENIED: 'denied',
  CANCELED: 'canceled',
} as const;
const WAITING = { HELD: 'held', UNCLAIMED: 'unclaimed' } as const;

export async function onPayoutItemEvent(tx: TPrivilegedTx, event: TPaymentEvent): Promise<void> {
  const r = event.data.object as TItemResource;
  const suffix = event.type.replace('PAYMENT.PAYOUTS-ITEM.', '');
  const row = await findPayout(tx, r);
  if (!row) return void logger().warn({ event: event.id, item: r.payout_item_id }, 'PayPal payout item for no known payout');
  const amount = Number(row.amount_minor);
  const ref = { bookingId: row.booking_id, paymentId: row.payment_id, expertId: row.expert_id, currency: row.currency };
  if (!row.accepted_at) {
    // PayPal has this attempt although our send never recorded it (its answer was lost and the job then gave up):
    // record the transfer now, once, as the send would have, so what follows (payout or reversal) balances.
    await tx.query('update public.paypal_payouts set accepted_at = now() where id = $1', [row.id]);
    const posted = await postLedger(tx, {
      ...ref,
      kind: 'transfer',
      sourceRef: `paypal:${row.sender_batch_id}`,
      memo: 'PayPal payout sent (confirmed by its webhook)',
      lines: [
        { account: 'expert_payable', amountMinor: amount },
        { account: 'platform_cash', amountMinor: -amount },
      ],
    });
    if (posted)
      await tx.query(`update public.payments set transfer_status = 'transferred', updated_at = now() where id = $1`, [row.payment_id]);
  }
  const setStatus = (status: string, error: string | null = null) =>
    tx.query(
      `update public.paypal_payouts set status = $2, payout_item_id = coalesce(payout_item_id, $3), payout_batch_id = coalesce(payout_batch_id, $4),
              error = $5, updated_at = now() where id = $1`,
      [row.id, status, r.payout_item_id ?? null, r.payout_batch_id ?? null, error],
    );

  if (suffix === 'SUCCEEDED') {
    await setStatus('succeeded');
    await postLedger(tx, {
      ...ref,
      kind: 'payout',
      sourceRef: `paypal_item:${r.payout_item_id ?? row.id}`,
      memo: 'PayPal payout received',
      lines: [
        { account: 'expert_balance', amountMinor: amount },
        { account: 'expert_bank', amountMinor: -amount },
      ],
    });
    if (row.status !== 'succeeded') {
      await notifyEvent(tx, {
        userId: row.user_id,
        event: 'payout.sent',
        title: 'Your PayPal payout was sent',
        body: 'PayPal has paid your earnings for a completed session to your PayPal account.',
        link: '/earnings',
      });
    }
    if (r.payout_item_fee && r.payout_item_fee.currency === row.currency) {
      const fee = paypalValueToMinor(r.payout_item_fee.value, row.currency);
      await postLedger(tx, {
        ...ref,
        kind: 'fee',
        sourceRef: `paypal_item:${r.payout_item_id ?? row.id}`,
        memo: 'PayPal payout fee',
        lines: [
          { account: 'processor_fees', amountMinor: fee },
          { account: 'platform_cash', amountMinor: -fee },
        ],
      });
    }
    return;
  }
  if (suffix in FAILED) {
    const status = FAILED[suffix as keyof typeof FAILED];
    await setStatus(status, r.errors?.message ?? r.errors?.name ?? null);
    // Money that went out (and, if the item had succeeded, reached the bank) is back: undo in that order, once.
    const { rows: paid } = await tx.query("select 1 from public.ledger_entries where source_ref = $1 and kind = 'payout' limit 1", [
      `paypal_item:${r.payout_item_id ?? row.id}`,
    ]);
    if (paid.length) {
      await postLedger(tx, {
        ...ref,
        kind: 'adjustment',
        sourceRef: `paypal_item:${r.payout_item_id ?? row.id}`,
        memo: `PayPal payout ${status}`,
        lines: [
          { account: 'expert_bank', amountMinor: amount },
          { account: 'expert_balance', amountMinor: -amount },
        ],
      });
    }
    const reversed = await postLedger(tx, {
      ...ref,
      kind: 'transfer_reversal',
      sourceRef: `paypal:${row.sender_batch_id}`,
      memo: `PayPal payout ${status}: owed to the expert again`,
      lines: [
        { account: 'platform_cash', amountMinor: amount },
        { account: 'expert_payable', amountMinor: -amount },
      ],
    });
    if (reversed) {
      await tx.query(`update public.payments set transfer_status = 'reversed', updated_at = now() where id = $1`, [row.payment_id]);
      await notifyEvent(tx, {
        userId: row.user_id,
        event: 'payout.failed',
        title: 'A PayPal payout did not go through',
        body: `PayPal reported the payout as ${status}${r.errors?.message ? ` (${r.errors.message})` : ''}. Your earnings are owed to you again: check the PayPal email on your dashboard; our team will retry the payout.`,
        link: '/earnings',
      });
    }
    return;
  }
  if (suffix in WAITING) await setStatus(WAITING[suffix as keyof typeof WAITING]);
}

export const PAYPAL_ITEM_EVENTS = ['SUCCEEDED', 'FAILED', 'RETURNED', 'BLOCKED', 'REFUNDED', 'DENIED', 'CANCELED', 'HELD', 'UNCLAIMED'].map(
  (s) => `PAYMENT.PAYOUTS-ITEM.${s}`,
);

export function registerPaypalHandlers(): void {
  for (const type of PAYPAL_ITEM_EVENTS) onPaymentEvent(type, onPayoutItemEvent);
}
