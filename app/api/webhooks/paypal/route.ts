import { NextResponse } from 'next/server';
import { AppError } from '@/lib/http/app-error';
import { route, type TRouteContext } from '@/lib/http/route';
import { handlePaypalWebhook } from '@/lib/payments/paypal/webhook';
import { registerExpertPaymentHandlers } from '@/lib/payments/register-expert';

const LIMIT = 256 * 1024;

// POST /api/webhooks/paypal – PayPal payout item events; signature verified with PayPal, each event applied once
export const POST = route(async ({ req, db }: TRouteContext<object>) => {
  registerExpertPaymentHandlers();
  if (Number(req.headers.get('content-length') ?? 0) > LIMIT) throw new AppError('payload_too_large', 'Webhook body too large.');
  const raw = await req.text();
  if (raw.length > LIMIT) throw new AppError('payload_too_large', 'Webhook body too large.');
  const result = await handlePaypalWebhook(db, req.headers, raw);
  return NextResponse.json({ received: true, duplicate: result.duplicate });
});
