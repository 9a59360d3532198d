import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { env } from '@/lib/config';
import type { TDb } from '@/lib/db';
import { enqueueJob, wakeJobRunner } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { getConnection, openTokens, type TConnectionRow, type TWatchChannel } from '../connections';
import { JOB_CALENDAR_SYNC } from '../job-names';
import { freshTokens, withTimeout } from '../sync';
import { calendarApi, toProviderError } from './client';
import { sameSecret } from '../same-secret';

// Push from Google: an events.watch channel per busy calendar, addressed to POST /api/calendar/google/push.
// Google says only "something changed in this calendar"; the route checks the channel id and its secret token
// and queues an incremental sync of the connection. Channels expire (Google caps them near a week): the
// recurring job renews each one a day before it lapses, and the incremental sync every few minutes covers a
// lost notification or a deployment Google cannot reach.

export const CHANNEL_TTL_MS = 7 * 86_400_000;
export const RENEW_BEFORE_MS = 86_400_000;

export function pushAddress(): string | null {
  const base = env().APP_URL;
  return base ? `${base.replace(/\/$/, '')}/api/calendar/google/push` : null;
}

async function saveChannels(db: TDb, id: string, channels: TWatchChannel[]): Promise<void> {
  await db.query(
    "update public.calendar_connections set sync_state = sync_state || jsonb_build_object('channels', $2::jsonb), updated_at = now() where id = $1",
    [id, JSON.stringify(channels)],
  );
}

/**
 * Opens a channel for each busy calendar that has none or whose channel lapses within a day, and stops
 * channels of calendars no longer counted as busy. Returns how many channels were opened.
 */
export async function ensureGoogleChannels(db: TDb, c: TConnectionRow, now = Date.now()): Promise<number> {
  const address = pushAddress();
  if (c.provider !== 'google' || c.status !== 'active' || !address) return 0;
  const current = c.sync_state.channels ?? [];
  const keep: TWatchChannel[] = [];
  const stop: TWatchChannel[] = [];
  const need: string[] = [];
  for (const cal of c.busy_calendar_ids) {
    const ch = current.find((x) => x.calendarId === cal && x.expiration - now > RENEW_BEFORE_MS);
    if (ch) keep.push(ch);
    else need.push(cal);
  }
  for (const ch of current) if (!keep.includes(ch)) stop.push(ch);
  if (!need.length && !stop.length) return 0;
  const tokens = await freshTokens(db, c);
  const api = calendarApi(tokens);
  const timeout = env().CALENDAR_SYNC_TIMEOUT_MS;
  for (const calendarId of need) {
    const channel = { id: randomUUID(), token: randomBytes(24).toString('base64url') };
    try {
      const res = await withTimeout(
        api.events.watch({
          calendarId,
          requestBody: { id: channel.id, type: 'web_hook', address, token: channel.token, expiration: String(now + CHANNEL_TTL_MS) },
        }),
        timeout,
        'events.watch',
      );
      keep.push({
        calendarId,
        channelId: channel.id,
        resourceId: res.data.resourceId ?? '',
        token: channel.token,
        expiration: Number(res.data.expiration ?? now + CHANNEL_TTL_MS),
      });
    } catch (e) {
      // No push for this calendar until the next try; the incremental sync keeps it current meanwhile.
      logger().warn({ err: toProviderError(e, 'events.watch'), connectionId: c.id }, 'google watch channel not opened');
      const old = current.find((x) => x.calendarId === calendarId);
      if (old) {
        keep.push(old);
        stop.splice(stop.indexOf(old), 1);
      }
    }
  }
  await saveChannels(db, c.id, keep);
  for (const ch of stop) {
    await withTimeout(api.channels.stop({ requestBody: { id: ch.channelId, resourceId: ch.resourceId } }), timeout, 'channels.stop').catch(
      (err: unknown) => logger().info({ err, channelId: ch.channelId }, 'google channel not stopped (it lapses by itself)'),
    );
  }
  return need.length;
}

/** Stops every channel of a connection (on disconnect); failures are fine, channels lapse by themselves. */
export async function stopGoogleChannels(db: TDb, c: TConnectionRow): Promise<void> {
  const channels = c.sync_state.channels ?? [];
  if (c.provider !== 'google' || !channels.length) return;
  await saveChannels(db, c.id, []);
  if (!c.tokens_enc) return;
  const api = calendarApi(openTokens(c));
  for (const ch of channels) {
    await withTimeout(
      api.channels.stop({ requestBody: { id: ch.channelId, resourceId: ch.resourceId } }),
      env().CALENDAR_SYNC_TIMEOUT_MS,
      'channels.stop',
    ).catch((err: unknown) => logger().info({ err, channelId: ch.channelId }, 'google channel not stopped (it lapses by itself)'));
  }
}

export type TPushResult = { status: 200 | 403 | 404; queued: boolean };

/** Handles one Google push notification (headers only; Google sends no body for calendar channels). */
export async function handleGooglePush(
  db: TDb,
  h: { channelId: string | null; token: string | null; state: string | null },
): Promise<TPushResult> {
  if (!h.channelId) return { status: 404, queued: false };
  const { rows } = await db.query<{ id: string }>(
    `select id from public.calendar_connections
      where provider = 'google' and status = 'active' and sync_state -> 'channels' @> jsonb_build_array(jsonb_build_object('channelId', $1::text))`,
    [h.channelId],
  );
  const c = rows[0] ? await getConnection(db, rows[0].id) : null;
  const ch = c?.sync_state.channels?.find((x) => x.channelId === h.channelId);
  if (!c || !ch) return { status: 404, queued: false };
  if (!h.token || !sameSecret(h.token, ch.token)) return { status: 403, queued: false };
  // "sync" only announces a new channel.
  if (h.state === 'sync') return { status: 200, queued: false };
  await enqueueJob(db, JOB_CALENDAR_SYNC, { connectionId: c.id }, { singletonKey: `${JOB_CALENDAR_SYNC}:${c.id}` });
  wakeJobRunner();
  return { status: 200, queued: true };
}
