import 'server-only';
import { createHash } from 'node:crypto';
import type { TPaymentsProvider } from './provider';

// The embedded default: no processor at all. Ids are derived from the payment (sim_cs_/sim_pi_/sim_ch_<payment>)
// and from the idempotency key (sim_re_/sim_tr_/sim_trr_), so a retried call returns the same object as Stripe's
// idempotency keys would. There is no processor fee in test mode (the ledger posts none, and the UI says so).

const short = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export function simulatedProvider(): TPaymentsProvider {
  return {
    mode: 'simulated',
    async createCheckout(i) {
      return { id: `sim_cs_${i.paymentId}`, url: `/pay/${i.paymentId}` };
    },
    async checkoutState() {
      // The simulator has no state of its own: a simulated payment is settled by its own event, in order.
      return { paid: false, paymentIntentId: null };
    },
    async expireCheckout() {
      return true;
    },
    async chargeInfo(pi) {
      const paymentId = pi.replace(/^sim_pi_/, '');
      return { paymentIntentId: pi, chargeId: `sim_ch_${paymentId}`, feeMinor: null, feeRef: null };
    },
    async paymentIdOfIntent(pi) {
      return pi.startsWith('sim_pi_') ? pi.slice('sim_pi_'.length) : null;
    },
    async refund(i) {
      return { id: `sim_re_${short(i.idempotencyKey)}`, amountMinor: i.amountMinor, status: 'succeeded', chargeRefundedTotal: null };
    },
    async transfer(i) {
      return { id: `sim_tr_${short(i.idempotencyKey)}` };
    },
    async reverseTransfer(_id, _amount, key) {
      return { id: `sim_trr_${short(key)}` };
    },
  };
}
