import 'server-only';
import { registerConnectHandlers } from './connect/handlers';
import { registerPaypalHandlers } from './paypal/handlers';

/** The expert side's payment event handlers: Connect account.updated and payouts, PayPal payout items. */
export function registerExpertPaymentHandlers(): void {
  registerConnectHandlers();
  registerPaypalHandlers();
}
