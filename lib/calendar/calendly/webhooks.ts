import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { TCalendarTokens } from '../types';
import { calendlyFetch, type TCalendlyConfig } from './provider';

// Calendly webhooks: a user-scoped subscription to invitee.created / invitee.canceled, created with a signing key
// we choose (one per connection, kept inside the sealed tokens). Each delivery carries
// `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the signing key>`; one that
// does not verify, or whose t is further than the tolerance from now (a replay), is refused with 400.

export const CALENDLY_EVENTS = ['invitee.created', 'invitee.canceled'] as const;
/** Calendly's documented default tolerance: 3 minutes either way. */
export const SIGNATURE_TOLERANCE_S = 180;

export const newSigningKey = () => randomBytes(32).toString('base64url');

export type TSignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function signCalendlyBody(key: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

export function verifyCalendlySignature(
  header: string | null,
  body: string,
  key: string,
  nowS = Math.floor(Date.now() / 1000),
  toleranceS = SIGNATURE_TOLERANCE_S,
): TSignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parts = Object.fromEntries(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/i.test(parts.v1 ?? '')) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowS - t) > toleranceS) return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', key).update(`${t}.${body}`, 'utf8').digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** What we read of a delivery (Calendly sends much more). */
export const ZCalendlyDelivery = z.object({
  event: z.string().max(100),
  created_at: z.string().max(100).optional(),
  payload: z
    .object({
      scheduled_event: z
        .object({ uri: z.string().max(500), start_time: z.string().max(100).optional(), end_time: z.string().max(100).optional() })
        .partial()
        .optional(),
      status: z.string().max(50).optional(),
    })
    .passthrough(),
});

export async function createWebhookSubscription(
  cfg: TCalendlyConfig,
  tokens: TCalendarTokens,
  o: { callbackUrl: string; signingKey: string },
): Promise<{ uri: string }> {
  const user = tokens.extra?.userUri;
  const organization = tokens.extra?.organizationUri;
  const res = (await calendlyFetch(cfg, `${cfg.apiBase}/webhook_subscriptions`, {
    method: 'POST',
    token: tokens.accessToken,
    json: { url: o.callbackUrl, events: CALENDLY_EVENTS, organization, user, scope: 'user', signing_key: o.signingKey },
  })) as { resource: { uri: string } };
  return { uri: res.resource.uri };
}

export async function deleteWebhookSubscription(cfg: TCalendlyConfig, tokens: TCalendarTokens, uri: string): Promise<void> {
  try {
    await calendlyFetch(cfg, uri, { method: 'DELETE', token: tokens.accessToken });
  } catch (e) {
    if (!(e instanceof Error && 'kind' in e && (e as { kind: string }).kind === 'not_found')) throw e;
  }
}
