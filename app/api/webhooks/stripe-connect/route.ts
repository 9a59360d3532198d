import { NextResponse } from 'next/server';
import { env } from '@/lib/config';
import { route, type TRouteContext } from '@/lib/http/route';
import { expectedLivemode } from '@/lib/payments/get-provider';
import { receiveStripeWebhook } from '@/lib/payments/webhook';

// POST /api/webhooks/stripe-connect – events of connected accounts, signed with STRIPE_CONNECT_WEBHOOK_SECRET (raw body); no session
export const POST = route(async ({ req, db }: TRouteContext<object>) => {
  const raw = await req.text();
  const out = await receiveStripeWebhook(
    db,
    { provider: 'stripe_connect', secret: env().STRIPE_CONNECT_WEBHOOK_SECRET, livemode: expectedLivemode() },
    raw,
    req.headers.get('stripe-signature'),
  );
  return NextResponse.json(out);
});
