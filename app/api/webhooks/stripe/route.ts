import { NextResponse } from 'next/server';
import { env } from '@/lib/config';
import { route, type TRouteContext } from '@/lib/http/route';
import { expectedLivemode } from '@/lib/payments/get-provider';
import { receiveStripeWebhook } from '@/lib/payments/webhook';

// POST /api/webhooks/stripe – Stripe's platform events, signed with STRIPE_WEBHOOK_SECRET (raw body); no session
export const POST = route(async ({ req, db }: TRouteContext<object>) => {
  const raw = await req.text();
  const out = await receiveStripeWebhook(
    db,
    { provider: 'stripe', secret: env().STRIPE_WEBHOOK_SECRET, livemode: expectedLivemode() },
    raw,
    req.headers.get('stripe-signature'),
  );
  return NextResponse.json(out);
});
