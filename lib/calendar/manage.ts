import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/permissions';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { env } from '@/lib/config';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { enqueueJob, wakeJobRunner } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { publishSlotsChanged } from '@/lib/realtime/publish-slots';
import { listConnections, ownConnection, toView, type TConnectionView } from './connections';
import { stopCalendlyWebhook } from './calendly/push';
import { stopGoogleChannels } from './google/watch';
import { stopOutlookSubscriptions } from './outlook/push';
import { JOB_CALENDAR_SYNC } from './job-names';
import { CALENDAR_PROVIDERS, calendarProvider } from './providers';
import { sameSecret } from './same-secret';
import { storeNewConnection } from './store-connection';
import { clearBusy } from './sync';
import { CalendarProviderError, type TCalendarProviderId } from './types';

// What the expert does with calendar connections: connect (OAuth round trip with a CSRF state cookie), choose
// which calendars count as busy and which receives sessions, disconnect. Ownership is checked here; routes
// only pass the session user through.

export const STATE_COOKIE = 'pw_cal_state';
export const STATE_MAX_AGE_SECONDS = 600;

export type TProviderCard = {
  id: TCalendarProviderId;
  label: string;
  configured: boolean;
  oauth: boolean;
  /** Said on the card when the provider is not the real service (a test server). */
  note: string | null;
};
export type TCalendarsOverview = { providers: TProviderCard[]; connections: TConnectionView[] };

export async function calendarsOverview(db: TDb, user: TActor): Promise<TCalendarsOverview> {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  return {
    providers: CALENDAR_PROVIDERS.map((p) => ({
      id: p.id,
      label: p.label,
      configured: p.configured(),
      oauth: p.configured() && p.authUrl({ state: 'x', redirectUri: 'http://localhost/' }) !== null,
      note: testServerNote(p.id),
    })),
    connections: (await listConnections(db, user.id)).map(toView),
  };
}

/** Says so on the card when a provider talks to a test server instead of the real service. */
function testServerNote(id: TCalendarProviderId): string | null {
  const e = env();
  const base = { google: e.GOOGLE_API_BASE, outlook: e.MICROSOFT_GRAPH_BASE, calendly: e.CALENDLY_API_BASE }[id];
  const name = { google: 'Google', outlook: 'Microsoft', calendly: 'Calendly' }[id];
  return base ? `Test server: ${name} requests go to ${base}, not ${name}.` : null;
}

/** The consent URL and the state the callback must see again (set as an httpOnly cookie by the route). */
export function startConnect(user: TActor, providerId: string, redirectUri: string): { url: string; state: string } {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  const provider = calendarProvider(providerId);
  if (!provider?.configured()) throw new AppError('not_found', 'This calendar provider is not set up on this server.');
  const state = `${randomBytes(24).toString('base64url')}.${user.id}`;
  const url = provider.authUrl({ state, redirectUri });
  if (!url) throw new AppError('not_found', 'This calendar provider does not connect through a sign-in page.');
  return { url, state };
}

/**
 * The OAuth callback: checks the state against the cookie and the signed-in user, exchanges the code, lists
 * the calendars, stores the connection (tokens sealed) and queues its first full sync.
 */
export async function finishConnect(
  db: TDb,
  user: TActor,
  providerId: string,
  q: { code: string | null; state: string | null; error: string | null; cookieState: string | undefined; redirectUri: string },
): Promise<TConnectionView> {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  const provider = calendarProvider(providerId);
  if (!provider?.configured()) throw new AppError('not_found', 'This calendar provider is not set up on this server.');
  if (!q.state || !q.cookieState || !sameSecret(q.state, q.cookieState) || !q.state.endsWith(`.${user.id}`))
    throw new AppError('forbidden', 'This sign-in link expired or was not started here. Start "Connect" again.');
  if (q.error)
    throw new AppError(
      'invalid_input',
      q.error === 'access_denied' ? 'You did not allow access to the calendar.' : `The provider said: ${q.error}`,
    );
  if (!q.code) throw new AppError('invalid_input', 'The provider sent no authorisation code.');
  let connected;
  let calendars;
  try {
    connected = await provider.connect({ code: q.code, redirectUri: q.redirectUri });
    calendars = await provider.listCalendars(connected.tokens);
  } catch (e) {
    if (e instanceof CalendarProviderError) {
      logger().info({ err: e, provider: providerId }, 'calendar connect failed');
      throw new AppError('unavailable', `${provider.label} did not accept the sign-in (${e.kind}). Try again.`);
    }
    throw e;
  }
  return storeNewConnection(db, { userId: user.id, provider: provider.id, connected, calendars });
}

export const ZCalendarSelection = z.object({
  busyCalendarIds: z.array(z.string().min(1).max(500)).max(100).optional(),
  /** The calendar that receives sessions, or null for none from this connection. */
  targetCalendarId: z.string().min(1).max(500).nullable().optional(),
});

/** Which calendars count as busy and which receives sessions (one target across all of the expert's connections). */
export async function updateSelection(db: TDb, user: TActor, connectionId: string, input: unknown): Promise<TConnectionView> {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  const sel = parseOrThrow(ZCalendarSelection, input);
  const c = await ownConnection(db, user.id, connectionId);
  const ids = new Set(c.calendars.map((x) => x.id));
  if (sel.busyCalendarIds?.some((id) => !ids.has(id)))
    throw new AppError('invalid_input', 'Some fields need attention.', { busyCalendarIds: 'Pick calendars of this account.' });
  if (sel.targetCalendarId) {
    const cal = c.calendars.find((x) => x.id === sel.targetCalendarId);
    if (!cal) throw new AppError('invalid_input', 'Some fields need attention.', { targetCalendarId: 'Pick a calendar of this account.' });
    if (!cal.canWrite || !toView(c).canWriteEvents)
      throw new AppError('invalid_input', 'Some fields need attention.', {
        targetCalendarId: 'Pathwise may not add events to this calendar.',
      });
  }
  const busyChanged =
    sel.busyCalendarIds !== undefined && [...sel.busyCalendarIds].sort().join('\n') !== [...c.busy_calendar_ids].sort().join('\n');
  const row = await db.transaction(async (tx) => {
    if (sel.targetCalendarId)
      await tx.query(
        'update public.calendar_connections set target_calendar_id = null, updated_at = now() where user_id = $1 and id <> $2',
        [user.id, c.id],
      );
    const { rows } = await tx.query<Parameters<typeof toView>[0]>(
      `update public.calendar_connections
          set busy_calendar_ids = coalesce($2::text[], busy_calendar_ids),
              target_calendar_id = case when $3::boolean then $4::text else target_calendar_id end, updated_at = now()
        where id = $1 returning *`,
      [c.id, sel.busyCalendarIds ?? null, sel.targetCalendarId !== undefined, sel.targetCalendarId ?? null],
    );
    if (busyChanged) {
      await clearBusy(tx, c.id);
      await enqueueJob(
        tx,
        JOB_CALENDAR_SYNC,
        { connectionId: c.id, full: true },
        { singletonKey: `${JOB_CALENDAR_SYNC}:${c.id}:${Date.now()}` },
      );
    }
    return rows[0];
  });
  if (busyChanged) {
    if (c.expert_id) publishSlotsChanged(c.expert_id);
    wakeJobRunner();
  }
  return toView(row);
}

/** Forgets the tokens, removes the connection's busy blocks and stops its push channels. */
export async function disconnect(db: TDb, user: TActor, connectionId: string): Promise<void> {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  const c = await ownConnection(db, user.id, connectionId);
  await stopGoogleChannels(db, c).catch((err: unknown) => logger().info({ err }, 'channels not stopped on disconnect'));
  await stopOutlookSubscriptions(db, c).catch((err: unknown) => logger().info({ err }, 'outlook subscriptions not deleted on disconnect'));
  await stopCalendlyWebhook(db, c).catch((err: unknown) => logger().info({ err }, 'calendly webhook not deleted on disconnect'));
  await db.transaction(async (tx) => {
    await clearBusy(tx, c.id);
    await tx.query(
      `update public.calendar_connections set status = 'disconnected', tokens_enc = null, key_id = null, target_calendar_id = null,
              sync_state = '{}', status_changed_at = now(), updated_at = now() where id = $1`,
      [c.id],
    );
  });
  if (c.expert_id) publishSlotsChanged(c.expert_id);
}

/** "Sync now": queues an incremental sync of the expert's own connection. */
export async function requestSync(db: TDb, user: TActor, connectionId: string): Promise<void> {
  requireRole(user, ['expert'], 'Only experts connect calendars.');
  const c = await ownConnection(db, user.id, connectionId);
  await enqueueJob(db, JOB_CALENDAR_SYNC, { connectionId: c.id }, { singletonKey: `${JOB_CALENDAR_SYNC}:${c.id}` });
  wakeJobRunner();
}

/** Reconnect banners for the dashboard: the user's connections that need a new sign-in. */
export async function reconnectNeeded(
  db: TDb,
  userId: string,
): Promise<{ id: string; provider: string; label: string; accountEmail: string | null }[]> {
  const { rows } = await db.query<{ id: string; provider: string; account_email: string | null }>(
    "select id, provider, account_email from public.calendar_connections where user_id = $1 and status = 'reconnect' order by status_changed_at",
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    label: calendarProvider(r.provider)?.label ?? r.provider,
    accountEmail: r.account_email,
  }));
}
