import 'server-only';
import { env } from '@/lib/config';
import { overriddenProvider, type TPaymentsProvider } from './provider';
import { simulatedProvider } from './simulated-provider';
import { stripeClient, stripeProvider } from './stripe-provider';

let cached: { key: string; provider: TPaymentsProvider } | undefined;

/** Stripe when STRIPE_SECRET_KEY is set, the simulator otherwise (tests may swap in their own). */
export function paymentsProvider(): TPaymentsProvider {
  const override = overriddenProvider();
  if (override) return override;
  const e = env();
  const key = `${e.STRIPE_SECRET_KEY ?? ''}|${e.STRIPE_API_BASE ?? ''}`;
  if (cached?.key !== key) {
    cached = {
      key,
      provider: e.STRIPE_SECRET_KEY
        ? stripeProvider(stripeClient({ secretKey: e.STRIPE_SECRET_KEY, apiBase: e.STRIPE_API_BASE }))
        : simulatedProvider(),
    };
  }
  return cached.provider;
}

/** Which livemode events must carry: STRIPE_LIVEMODE, else what the key says (sk_live_ → live). */
export function expectedLivemode(): boolean {
  const e = env();
  if (e.STRIPE_LIVEMODE !== undefined) return e.STRIPE_LIVEMODE;
  return /^(sk|rk)_live_/.test(e.STRIPE_SECRET_KEY ?? '');
}
