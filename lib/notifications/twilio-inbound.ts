import 'server-only';
import { env } from '@/lib/config';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { logger } from '@/lib/log/logger';
import { appUrl } from './app-url';

// Twilio's inbound SMS webhook (POST /api/webhooks/twilio, form-encoded): STOP and its synonyms opt the number
// out of every SMS, START/UNSTOP opt it back in. The request is checked with twilio.validateRequest (the
// X-Twilio-Signature HMAC-SHA1 of the URL Twilio called and the sorted form parameters, keyed by the auth token).
// Twilio's own Advanced Opt-Out also blocks sends to a stopped number; recording it here keeps our outbox from
// trying, and shows the state in settings.

/** Twilio's default opt-out and opt-in keywords (matched on the whole trimmed message, case-insensitive). */
export const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
export const START_WORDS = new Set(['START', 'YES', 'UNSTOP']);

/** The URL Twilio signs: the public one configured in the Twilio console (APP_URL + path), not the proxied request's. */
export const twilioWebhookUrl = () => `${appUrl()}/api/webhooks/twilio`;

export async function isValidTwilioRequest(signature: string | null, params: Record<string, string>): Promise<boolean> {
  const token = env().TWILIO_AUTH_TOKEN;
  if (!token || !signature) return false;
  const { default: twilio } = await import('twilio');
  return twilio.validateRequest(token, signature, twilioWebhookUrl(), params);
}

export type TInboundOutcome = 'stopped' | 'started' | 'ignored';

/** Validates and applies one inbound message. Throws 403 on a bad signature (nothing changes), 404 without Twilio. */
export async function handleTwilioInbound(db: TDb, signature: string | null, params: Record<string, string>): Promise<TInboundOutcome> {
  if (!env().TWILIO_AUTH_TOKEN) throw new AppError('not_found', 'SMS is not configured.');
  if (!(await isValidTwilioRequest(signature, params))) throw new AppError('forbidden', 'Invalid Twilio signature.');
  const from = params.From ?? '';
  const word = (params.OptOutType ?? params.Body ?? '').trim().toUpperCase();
  const stop = STOP_WORDS.has(word) || word === 'STOP';
  const start = START_WORDS.has(word);
  if (!/^\+[1-9]\d{6,14}$/.test(from) || (!stop && !start)) return 'ignored';
  const r = await db.query(
    stop
      ? 'update public.user_phones set stopped_at = now(), sms_opt_in = false, updated_at = now() where e164 = $1 and stopped_at is null'
      : 'update public.user_phones set stopped_at = null, sms_opt_in = true, updated_at = now() where e164 = $1 and verified_at is not null',
    [from],
  );
  logger().info({ outcome: stop ? 'stopped' : 'started', numbers: r.affectedRows ?? 0 }, 'twilio inbound opt keyword');
  return stop ? 'stopped' : 'started';
}
