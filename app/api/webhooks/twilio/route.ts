import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { errorResponse } from '@/lib/http/route';
import { handleTwilioInbound } from '@/lib/notifications/twilio-inbound';

const LIMIT_BYTES = 64 * 1024;

// POST /api/webhooks/twilio – Twilio's inbound SMS webhook (form-encoded, signed with X-Twilio-Signature):
// STOP and its synonyms opt the number out of SMS, START back in. Not behind the route wrapper: Twilio is
// not a Pathwise page (no same-origin, no JSON), and the signature is what authenticates it.
export async function POST(req: NextRequest): Promise<Response> {
  const requestId = req.headers.get('x-request-id') || randomUUID();
  try {
    const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      throw new AppError('unsupported_media_type', 'Send the request body as application/x-www-form-urlencoded.');
    if (Number(req.headers.get('content-length') ?? 0) > LIMIT_BYTES) throw new AppError('payload_too_large', 'The request is too large.');
    const raw = await req.text();
    if (raw.length > LIMIT_BYTES) throw new AppError('payload_too_large', 'The request is too large.');
    const params = Object.fromEntries(new URLSearchParams(raw));
    await handleTwilioInbound(await getDb(), req.headers.get('x-twilio-signature'), params);
    // An empty TwiML answer: Twilio's Advanced Opt-Out sends its own confirmation text.
    return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-request-id': requestId },
    });
  } catch (e) {
    return errorResponse(e, requestId);
  }
}
