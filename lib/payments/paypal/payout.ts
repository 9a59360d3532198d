import 'server-only';
import type { TDb } from '@/lib/db';

/**
 * Pays the expert's share of a payment through PayPal Payouts (the second rail). Owned by the Connect/PayPal
 * module (branch pay-expert), which replaces this stub; the payments core calls it when the expert's
 * payout_accounts.rail is 'paypal' and the payment's transfer is due.
 */
export async function sendPaypalPayout(db: TDb, paymentId: string): Promise<void> {
  void db;
  throw new Error(`PayPal payouts are not implemented in this build (payment ${paymentId})`);
}
