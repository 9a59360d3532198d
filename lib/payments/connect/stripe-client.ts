import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/config';
import { AppError } from '@/lib/http/app-error';

// The Stripe SDK for Connect calls (accounts, account links, login links). STRIPE_API_BASE points it at another
// host (tests: a local server answering as Stripe's API does). Without STRIPE_SECRET_KEY payouts are simulated.

let cached: { key: string; base: string | undefined; client: Stripe } | undefined;

export function stripeConfigured(): boolean {
  return !!env().STRIPE_SECRET_KEY;
}

export function connectStripe(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_BASE: base } = env();
  if (!key) throw new AppError('unavailable', 'Stripe is not configured: payouts run in test mode.');
  if (cached && cached.key === key && cached.base === base) return cached.client;
  const url = base ? new URL(base) : null;
  const client = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'Pathwise' },
    ...(url
      ? {
          host: url.hostname,
          port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          protocol: url.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  });
  cached = { key, base, client };
  return client;
}
