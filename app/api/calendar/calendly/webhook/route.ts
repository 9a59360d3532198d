import { NextResponse } from 'next/server';
import { handleCalendlyWebhook } from '@/lib/calendar/calendly/push';
import { AppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

const LIMIT = 256 * 1024;

// POST /api/calendar/calendly/webhook?c=<connection> – Calendly's invitee.created / invitee.canceled deliveries (no
// session). The raw body is what the Calendly-Webhook-Signature HMAC covers, so it is read as text, not re-serialised.
export const POST = route(async ({ req, db }) => {
  if (Number(req.headers.get('content-length') ?? 0) > LIMIT) throw new AppError('payload_too_large', 'The request body is too large.');
  const body = await req.text();
  if (body.length > LIMIT) throw new AppError('payload_too_large', 'The request body is too large.');
  const out = await handleCalendlyWebhook(db, {
    connectionId: req.nextUrl.searchParams.get('c'),
    signature: req.headers.get('calendly-webhook-signature'),
    body,
  });
  if (out.status === 400) throw new AppError('invalid_input', 'The webhook signature did not verify.');
  return NextResponse.json({ received: true, queued: out.queued });
});
