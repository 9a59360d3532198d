import 'server-only';
import { randomBytes } from 'node:crypto';
import { appUrl } from '@/lib/booking/participants';
import { env } from '@/lib/config';
import type { TDb } from '@/lib/db';
import { enqueueJob, wakeJobRunner } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { getConnection, openTokens, type TConnectionRow } from '../connections';
import { JOB_CALENDAR_SYNC } from '../job-names';
import { freshTokens } from '../sync';
import { CalendarProviderError } from '../types';
import { outlookConfig, outlookNotifyUrl } from './config';
import {
  createSubscription,
  deleteSubscription,
  needsRenewal,
  renewSubscription,
  ZGraphNotifications,
  type TOutlookSubscription,
} from './subscriptions';
import { sameSecret } from '../same-secret';

// Push from Outlook: a Graph subscription per busy calendar, addressed to POST /api/calendar/outlook/notify and
// kept in calendar_connections.sync_state.outlookSubs (with its clientState secret; the column is not readable
// by users). The sync job and the recurring sweep call ensureOutlookSubscriptions: create what is missing, renew
// (PATCH) what expires within a day, delete what is no longer a busy calendar. A notification only queues an
// incremental (delta) sync of its connection; the sweep's delta sync every few minutes covers a lost one.

type TOutlookState = { outlookSubs?: TOutlookSubscription[] };
const subsOf = (c: Pick<TConnectionRow, 'sync_state'>) => ((c.sync_state ?? {}) as TOutlookState).outlookSubs ?? [];

async function saveSubs(db: TDb, id: string, subs: TOutlookSubscription[]): Promise<void> {
  await db.query(
    "update public.calendar_connections set sync_state = sync_state || jsonb_build_object('outlookSubs', $2::jsonb), updated_at = now() where id = $1",
    [id, JSON.stringify(subs)],
  );
}

/** Brings the connection's subscriptions in line with its busy calendars; returns how many were created or renewed. */
export async function ensureOutlookSubscriptions(db: TDb, c: TConnectionRow, now = new Date()): Promise<number> {
  const cfg = outlookConfig();
  if (c.provider !== 'outlook' || c.status !== 'active' || !cfg || !env().APP_URL) return 0;
  const current = subsOf(c);
  const busy = new Set(c.busy_calendar_ids);
  const keep = current.filter((s) => busy.has(s.calendarId) && !needsRenewal(s, now));
  const renew = current.filter((s) => busy.has(s.calendarId) && needsRenewal(s, now));
  const drop = current.filter((s) => !busy.has(s.calendarId));
  const missing = c.busy_calendar_ids.filter((id) => !current.some((s) => s.calendarId === id));
  if (!renew.length && !drop.length && !missing.length) return 0;
  const tokens = await freshTokens(db, c);
  let done = 0;
  for (const s of renew) {
    try {
      keep.push(await renewSubscription(cfg, tokens, s, now));
      done++;
    } catch (e) {
      if (e instanceof CalendarProviderError && e.kind === 'not_found') missing.push(s.calendarId);
      else {
        logger().warn({ err: e, connectionId: c.id }, 'outlook subscription not renewed (retried by the sweep)');
        keep.push(s);
      }
    }
  }
  for (const calendarId of missing) {
    try {
      keep.push(
        await createSubscription(cfg, tokens, {
          calendarId,
          notificationUrl: `${outlookNotifyUrl(appUrl())}?c=${c.id}`,
          clientState: randomBytes(24).toString('base64url'),
          now,
        }),
      );
      done++;
    } catch (e) {
      // No push for this calendar until the next try; the delta sync every few minutes keeps it current.
      logger().warn({ err: e, connectionId: c.id }, 'outlook subscription not created');
    }
  }
  await saveSubs(db, c.id, keep);
  for (const s of drop) await deleteSubscription(cfg, tokens, s.id).catch(() => undefined);
  return done;
}

/** Deletes the connection's subscriptions (on disconnect); failures are fine, subscriptions lapse by themselves. */
export async function stopOutlookSubscriptions(db: TDb, c: TConnectionRow): Promise<void> {
  const subs = subsOf(c);
  const cfg = outlookConfig();
  if (c.provider !== 'outlook' || !subs.length) return;
  await saveSubs(db, c.id, []);
  if (!cfg || !c.tokens_enc) return;
  const tokens = openTokens(c);
  for (const s of subs) await deleteSubscription(cfg, tokens, s.id).catch(() => undefined);
}

export type TNotifyResult = { accepted: number; ignored: number };

/**
 * Handles one POST of change notifications: each must name a subscription of an active Outlook connection and
 * carry its clientState, else it is ignored (and says nothing about which part failed). Each connection with a
 * genuine notification gets one queued incremental sync.
 */
export async function handleOutlookNotifications(db: TDb, body: unknown): Promise<TNotifyResult> {
  const parsed = ZGraphNotifications.safeParse(body);
  if (!parsed.success) return { accepted: 0, ignored: 0 };
  const queue = new Set<string>();
  let ignored = 0;
  for (const n of parsed.data.value) {
    const { rows } = await db.query<{ id: string }>(
      `select id from public.calendar_connections
        where provider = 'outlook' and status = 'active'
          and sync_state -> 'outlookSubs' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
      [n.subscriptionId],
    );
    const c = rows[0] ? await getConnection(db, rows[0].id) : null;
    const sub = c ? subsOf(c).find((s) => s.id === n.subscriptionId) : undefined;
    if (!c || !sub || !sameSecret(n.clientState, sub.clientState)) {
      ignored++;
      continue;
    }
    queue.add(c.id);
  }
  for (const id of queue) await enqueueJob(db, JOB_CALENDAR_SYNC, { connectionId: id }, { singletonKey: `${JOB_CALENDAR_SYNC}:${id}` });
  if (queue.size) wakeJobRunner();
  return { accepted: parsed.data.value.length - ignored, ignored };
}
