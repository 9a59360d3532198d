import 'server-only';
import type Stripe from 'stripe';
import type { TPrivilegedTx } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { onPaymentEvent, type TPaymentEvent } from '../event-handlers';
import { postLedger } from '../ledger';
import { applyStripeAccount } from './payout-account';

// Connect webhook handlers (the Connect endpoint stores each event once and runs these in its transaction):
// account.updated keeps payout_accounts current; payouts on a connected account move the expert's money from
// their Stripe balance to their bank in the ledger (the transfer into expert_balance is posted by the core).

async function expertForAccount(tx: TPrivilegedTx, accountId: string | null | undefined): Promise<string | null> {
  if (!accountId) return null;
  const { rows } = await tx.query<{ expert_id: string }>('select expert_id from public.payout_accounts where stripe_account_id = $1', [
    accountId,
  ]);
  return rows[0]?.expert_id ?? null;
}

export async function onAccountUpdated(tx: TPrivilegedTx, event: TPaymentEvent): Promise<void> {
  const account = event.data.object as unknown as Stripe.Account;
  if (!(await applyStripeAccount(tx, account)))
    logger().warn({ account: account.id, event: event.id }, 'account.updated for an unknown account');
}

type TPayoutObject = { id: string; amount: number; currency: string; status?: string };

/** payout.paid: expert_balance → expert_bank (debit the balance, credit the bank), once per payout. */
export async function onPayoutPaid(tx: TPrivilegedTx, event: TPaymentEvent): Promise<void> {
  const payout = event.data.object as unknown as TPayoutObject;
  const expertId = await expertForAccount(tx, event.account);
  if (!expertId) return void logger().warn({ account: event.account, event: event.id }, 'payout for an unknown account');
  await postLedger(tx, {
    kind: 'payout',
    currency: payout.currency.toUpperCase(),
    expertId,
    sourceRef: payout.id,
    memo: 'Stripe payout to bank',
    lines: [
      { account: 'expert_balance', amountMinor: payout.amount },
      { account: 'expert_bank', amountMinor: -payout.amount },
    ],
  });
}

/**
 * payout.failed / payout.canceled: the money is back on the connected balance. If the payout had been posted
 * as paid (a bank can return a payout after Stripe reported it paid), the posting is reversed once.
 */
export async function onPayoutReturned(tx: TPrivilegedTx, event: TPaymentEvent): Promise<void> {
  const payout = event.data.object as unknown as TPayoutObject;
  const expertId = await expertForAccount(tx, event.account);
  if (!expertId) return;
  const { rows } = await tx.query("select 1 from public.ledger_entries where source_ref = $1 and kind = 'payout' limit 1", [payout.id]);
  if (!rows.length) return;
  await postLedger(tx, {
    kind: 'adjustment',
    currency: payout.currency.toUpperCase(),
    expertId,
    sourceRef: payout.id,
    memo: `Stripe payout ${event.type.split('.')[1]}: returned to the Stripe balance`,
    lines: [
      { account: 'expert_bank', amountMinor: payout.amount },
      { account: 'expert_balance', amountMinor: -payout.amount },
    ],
  });
}

export function registerConnectHandlers(): void {
  onPaymentEvent('account.updated', onAccountUpdated);
  onPaymentEvent('payout.paid', onPayoutPaid);
  onPaymentEvent('payout.failed', onPayoutReturned);
  onPaymentEvent('payout.canceled', onPayoutReturned);
}
