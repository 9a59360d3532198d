import 'server-only';
import { registerConnectHandlers } from './connect/handlers';
import { registerPaypalHandlers } from './paypal/handlers';
import { registerPaypalPayoutJob } from './paypal/retry';

/** The expert side's payment event handlers (Connect account.updated and payouts, PayPal payout items) and the PayPal payout job. */
export function registerExpertPaymentHandlers(): void {
  registerConnectHandlers();
  registerPaypalHandlers();
  registerPaypalPayoutJob();
}
