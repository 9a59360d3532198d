import 'server-only';
import { onBookingChange, type TBookingChangeJob } from '@/lib/booking/after-change';
import type { TDb } from '@/lib/db';
import { defineJob, defineRecurringJob } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { getConnection, type TConnectionRow } from './connections';
import { syncBookingEvent } from './event-sync';
import { ensureCalendlyWebhook } from './calendly/push';
import { ensureGoogleChannels } from './google/watch';
import { ensureOutlookSubscriptions } from './outlook/push';
import { JOB_CALENDAR_BOOKING_EVENT, JOB_CALENDAR_SYNC, JOB_CALENDAR_SYNC_ALL } from './job-names';
import { syncConnection, tellExpertToReconnect } from './sync';
import { CalendarProviderError } from './types';

// The calendar jobs: a sync per connection (queued by push notifications, connecting and calendar choices),
// the recurring sweep (incremental sync of every connection not synced lately, channel renewal, reconnect
// notices still owed) and the booking listener that writes session events.

export const SWEEP_SECONDS = 300;
/** A connection synced more recently than this is left to push notifications by the sweep. */
const STALE_MS = 4 * 60_000;

/** One sweep: what the recurring job runs (exported for tests and `npm run worker`-less checks). */
export async function sweepCalendars(db: TDb, now = Date.now()): Promise<{ synced: number; told: number }> {
  let told = 0;
  const { rows: owed } = await db.query<{ id: string }>(
    "select id from public.calendar_connections where status = 'reconnect' and expert_told_at is null",
  );
  // One notice that cannot be sent yet (its blocks keep counting meanwhile) must not stop the others or the syncs.
  for (const r of owed)
    if (
      await tellExpertToReconnect(db, r.id).catch(
        (err: unknown) => void logger().warn({ err, connectionId: r.id }, 'reconnect notice not sent yet'),
      )
    )
      told++;
  const { rows } = await db.query<{ id: string }>(
    `select id from public.calendar_connections
      where status = 'active' and expert_id is not null and (last_synced_at is null or last_synced_at < $1)
      order by last_synced_at nulls first limit 200`,
    [new Date(now - STALE_MS)],
  );
  let synced = 0;
  for (const r of rows) {
    const outcome = await syncConnection(db, r.id).catch((err: unknown) => {
      logger().error({ err, connectionId: r.id }, 'calendar sync failed');
      return 'error' as const;
    });
    if (outcome !== 'error') synced++;
    const c = await getConnection(db, r.id);
    if (c) await ensurePush(db, c, now);
  }
  return { synced, told };
}

/** Opens or renews the connection's push channel (Google watch, Graph subscription, Calendly webhook); never throws. */
async function ensurePush(db: TDb, c: TConnectionRow, now = Date.now()): Promise<void> {
  const warn = (err: unknown) => logger().warn({ err, connectionId: c.id }, 'calendar push channel not renewed');
  if (c.provider === 'google') await ensureGoogleChannels(db, c, now).catch(warn);
  if (c.provider === 'outlook') await ensureOutlookSubscriptions(db, c, new Date(now)).catch(warn);
  if (c.provider === 'calendly') await ensureCalendlyWebhook(db, c).catch(warn);
}

let registered = false;

export function registerCalendarJobs(): void {
  if (registered) return;
  registered = true;
  defineJob<{ connectionId: string; full?: boolean }>(JOB_CALENDAR_SYNC, async (data, { db }) => {
    await syncConnection(db, data.connectionId, { full: data.full });
    const c = await getConnection(db, data.connectionId);
    if (c) await ensurePush(db, c);
  });
  defineJob<TBookingChangeJob>(JOB_CALENDAR_BOOKING_EVENT, async (data, { db }) => {
    try {
      await syncBookingEvent(db, data);
    } catch (e) {
      // A revoked grant already asked the expert to reconnect; retrying cannot succeed.
      if (e instanceof CalendarProviderError && e.kind === 'revoked') return;
      throw e;
    }
  });
  defineRecurringJob(JOB_CALENDAR_SYNC_ALL, SWEEP_SECONDS, async ({ db }) => {
    await sweepCalendars(db);
  });
  onBookingChange(JOB_CALENDAR_BOOKING_EVENT);
}
