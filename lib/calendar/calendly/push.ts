import 'server-only';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/permissions';
import { requireRole } from '@/lib/auth/permissions';
import { appUrl } from '@/lib/booking/participants';
import { env } from '@/lib/config';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { enqueueJob, wakeJobRunner } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { getConnection, openTokens, type TConnectionRow, type TConnectionView } from '../connections';
import { JOB_CALENDAR_SYNC } from '../job-names';
import { storeNewConnection } from '../store-connection';
import { freshTokens } from '../sync';
import { CalendarProviderError } from '../types';
import { calendlyConfig, calendlyWebhookUrl } from './config';
import { createCalendlyProvider } from './provider';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  newSigningKey,
  verifyCalendlySignature,
  ZCalendlyDelivery,
} from './webhooks';

// Calendly connections: connect with a pasted personal access token, one webhook subscription per connection
// (its signing key in sync_state.calendlyWebhook, which users cannot read), and the webhook handler: a delivery
// whose signature verifies queues a full re-read of the connection's scheduled events (Calendly has no delta).

type TCalendlyState = { calendlyWebhook?: { uri: string; signingKey: string } };
const hookOf = (c: Pick<TConnectionRow, 'sync_state'>) => ((c.sync_state ?? {}) as TCalendlyState).calendlyWebhook ?? null;

export const ZPersonalToken = z.object({ token: z.string().trim().min(20, 'Paste the whole token.').max(4000) });

/** Connects Calendly with a personal access token: checked against /users/me, sealed, first sync queued. */
export async function connectCalendlyToken(db: TDb, user: TActor, input: unknown): Promise<TConnectionView> {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  const { token } = parseOrThrow(ZPersonalToken, input);
  const provider = createCalendlyProvider(calendlyConfig());
  let connected;
  try {
    connected = await provider.connect({ personalToken: token, redirectUri: '' });
  } catch (e) {
    if (!(e instanceof CalendarProviderError)) throw e;
    if (e.kind === 'revoked')
      throw new AppError('invalid_input', 'Some fields need attention.', { token: 'Calendly did not accept this token.' });
    throw new AppError('unavailable', `Calendly could not be reached (${e.kind}). Try again in a minute.`);
  }
  const calendars = await provider.listCalendars(connected.tokens);
  return storeNewConnection(db, { userId: user.id, provider: 'calendly', connected, calendars });
}

/** Creates the connection's webhook subscription when it has none (needs APP_URL reachable by Calendly). */
export async function ensureCalendlyWebhook(db: TDb, c: TConnectionRow): Promise<boolean> {
  if (c.provider !== 'calendly' || c.status !== 'active' || hookOf(c) || !env().APP_URL) return false;
  const tokens = await freshTokens(db, c);
  const signingKey = newSigningKey();
  try {
    const { uri } = await createWebhookSubscription(calendlyConfig(), tokens, {
      callbackUrl: calendlyWebhookUrl(appUrl(), c.id),
      signingKey,
    });
    await db.query(
      "update public.calendar_connections set sync_state = sync_state || jsonb_build_object('calendlyWebhook', $2::jsonb), updated_at = now() where id = $1",
      [c.id, JSON.stringify({ uri, signingKey })],
    );
    return true;
  } catch (e) {
    // Webhooks need a paid Calendly plan; without one the sweep's re-read every few minutes is all there is.
    logger().warn({ err: e, connectionId: c.id }, 'calendly webhook not created');
    return false;
  }
}

export async function stopCalendlyWebhook(db: TDb, c: TConnectionRow): Promise<void> {
  const hook = hookOf(c);
  if (c.provider !== 'calendly' || !hook) return;
  await db.query("update public.calendar_connections set sync_state = sync_state - 'calendlyWebhook' where id = $1", [c.id]);
  if (c.tokens_enc) await deleteWebhookSubscription(calendlyConfig(), openTokens(c), hook.uri).catch(() => undefined);
}

export type TWebhookResult = { status: 200 | 400; queued: boolean };

/**
 * One webhook delivery for connection `connectionId` (from the callback URL): 400 and nothing changed unless the
 * signature verifies with that connection's signing key within the tolerance; then a re-read is queued.
 */
export async function handleCalendlyWebhook(
  db: TDb,
  d: { connectionId: string | null; signature: string | null; body: string; nowS?: number },
): Promise<TWebhookResult> {
  const idOk = !!d.connectionId && /^[0-9a-f-]{36}$/i.test(d.connectionId);
  const c = idOk ? await getConnection(db, d.connectionId!) : null;
  const hook = c && c.provider === 'calendly' && c.status === 'active' ? hookOf(c) : null;
  if (!c || !hook) return { status: 400, queued: false };
  const check = verifyCalendlySignature(d.signature, d.body, hook.signingKey, d.nowS);
  if (!check.ok) {
    logger().info({ connectionId: c.id, reason: check.reason }, 'calendly webhook refused');
    return { status: 400, queued: false };
  }
  let parsed;
  try {
    parsed = ZCalendlyDelivery.safeParse(JSON.parse(d.body));
  } catch {
    return { status: 400, queued: false };
  }
  if (!parsed.success || !['invitee.created', 'invitee.canceled'].includes(parsed.data.event)) return { status: 200, queued: false };
  await enqueueJob(db, JOB_CALENDAR_SYNC, { connectionId: c.id, full: true }, { singletonKey: `${JOB_CALENDAR_SYNC}:${c.id}` });
  wakeJobRunner();
  return { status: 200, queued: true };
}
