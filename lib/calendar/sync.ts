import 'server-only';
import { env } from '@/lib/config';
import type { TDb, TPrivilegedTx, TQueryable } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { publishSlotsChanged } from '@/lib/realtime/publish-slots';
import { getConnection, openTokens, storeTokens, tokensNeedReseal, type TConnectionRow, type TSyncState } from './connections';
import { calendarProvider } from './providers';
import { CalendarProviderError, type TBusyRead, type TCalendarTokens } from './types';

// Busy time from connected calendars into public.busy_blocks (source = provider, connection_id = the
// connection), where the slot functions read it. Runs only in jobs: the slots API never waits on a provider.
// A failing or slow provider leaves the last good blocks in place and records the error the expert sees.

export const SYNC_WINDOW_DAYS = 31;
const DAY = 86_400_000;

/** Rejects with a 'timeout' provider error when `p` takes longer than `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CalendarProviderError('timeout', `${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Fresh tokens for a connection: refreshed when they expire within 5 minutes, and re-sealed with the current
 * key when they were sealed with an older one (key rotation). A revoked grant marks the connection 'reconnect'.
 */
export async function freshTokens(db: TDb, row: TConnectionRow): Promise<TCalendarTokens> {
  const provider = calendarProvider(row.provider);
  if (!provider) throw new CalendarProviderError('unavailable', `no provider "${row.provider}" is registered`);
  const tokens = openTokens(row);
  let next: TCalendarTokens | null;
  try {
    next = await withTimeout(provider.refresh(tokens), env().CALENDAR_SYNC_TIMEOUT_MS, 'token refresh');
  } catch (e) {
    if (e instanceof CalendarProviderError && e.kind === 'revoked') await markReconnect(db, row.id, e.message);
    throw e;
  }
  if (next) await storeTokens(db, row.id, next);
  else if (tokensNeedReseal(row)) await storeTokens(db, row.id, tokens);
  return next ?? tokens;
}

/**
 * A revoked or expired grant: the connection asks for Reconnect. Its busy blocks keep counting until the
 * expert has been told (tellExpertToReconnect, in its own transaction right after; the recurring sync retries
 * it), so there is never a silent gap in what counts as busy.
 */
export async function markReconnect(db: TDb, connectionId: string, reason: string): Promise<void> {
  await db.query(
    `update public.calendar_connections set status = 'reconnect', status_reason = $2, status_changed_at = now(),
            expert_told_at = null, last_sync_error = $2, updated_at = now()
      where id = $1 and status = 'active'`,
    [connectionId, reason.slice(0, 500)],
  );
  await tellExpertToReconnect(db, connectionId).catch((err: unknown) =>
    logger().warn({ err, connectionId }, 'calendar reconnect notice not sent yet (retried by the sync job)'),
  );
}

/** Tells the expert once (in-app + email), and only then stops counting the connection's blocks as busy. */
export async function tellExpertToReconnect(db: TDb, connectionId: string): Promise<boolean> {
  const expertId = await db.transaction(async (tx) => {
    const { rows } = await tx.query<TConnectionRow>(
      "select * from public.calendar_connections where id = $1 and status = 'reconnect' and expert_told_at is null for update",
      [connectionId],
    );
    const c = rows[0];
    if (!c) return null;
    const label = calendarProvider(c.provider)?.label ?? c.provider;
    await notifyEvent(tx, {
      userId: c.user_id,
      event: 'calendar.reconnect',
      title: `Reconnect ${label}`,
      body: `Pathwise can no longer read ${c.account_email ?? 'your calendar'}. Until you reconnect it, its busy times do not block your slots and new sessions are not added to it.`,
      link: '/availability#calendars',
    });
    await tx.query('update public.calendar_connections set expert_told_at = now(), updated_at = now() where id = $1', [c.id]);
    await tx.query('delete from public.busy_blocks where connection_id = $1', [c.id]);
    return c.expert_id;
  });
  if (expertId) publishSlotsChanged(expertId);
  return expertId !== null;
}

/** Writes a busy read into busy_blocks for the connection; true when anything changed. */
export async function applyBusyRead(tx: TPrivilegedTx, c: TConnectionRow, read: TBusyRead): Promise<boolean> {
  if (!c.expert_id) return false;
  const ext = (id: string) => `${c.id}:${id}`;
  let changed = false;
  if (read.full) {
    const wanted = read.upserts.map((u) => ext(u.externalId));
    const del = await tx.query<{ id: string }>(
      'delete from public.busy_blocks where connection_id = $1 and not (external_id = any($2::text[])) returning id',
      [c.id, wanted],
    );
    changed = del.rows.length > 0;
  } else if (read.deletedExternalIds.length) {
    const del = await tx.query<{ id: string }>(
      'delete from public.busy_blocks where connection_id = $1 and external_id = any($2::text[]) returning id',
      [c.id, read.deletedExternalIds.map(ext)],
    );
    changed = del.rows.length > 0;
  }
  if (read.upserts.length) {
    const ins = await tx.query<{ id: string }>(
      `insert into public.busy_blocks (expert_id, starts_at, ends_at, source, external_id, connection_id)
       select $1, u.s, u.e, $2, u.x, $3
         from unnest($4::timestamptz[], $5::timestamptz[], $6::text[]) as u(s, e, x)
       on conflict (expert_id, source, external_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at
         where busy_blocks.starts_at is distinct from excluded.starts_at or busy_blocks.ends_at is distinct from excluded.ends_at
       returning id`,
      [
        c.expert_id,
        c.provider,
        c.id,
        read.upserts.map((u) => u.start.toISOString()),
        read.upserts.map((u) => u.end.toISOString()),
        read.upserts.map((u) => ext(u.externalId)),
      ],
    );
    changed ||= ins.rows.length > 0;
  }
  return changed;
}

export type TSyncOutcome = 'synced' | 'unchanged' | 'skipped' | 'reconnect' | 'error';

/**
 * Reads a connection's busy time for the next 31 days (one free/busy request; with a cursor, only whether
 * anything changed) and writes it. `full` ignores the stored cursor.
 */
export async function syncConnection(db: TDb, connectionId: string, opts: { full?: boolean; now?: number } = {}): Promise<TSyncOutcome> {
  const c = await getConnection(db, connectionId);
  if (!c || c.status !== 'active' || !c.expert_id) {
    if (c?.status === 'reconnect' && !c.expert_told_at) await tellExpertToReconnect(db, c.id);
    return 'skipped';
  }
  const provider = calendarProvider(c.provider);
  if (!provider) return 'skipped';
  const now = opts.now ?? Date.now();
  try {
    const tokens = await freshTokens(db, c);
    const read = await withTimeout(
      provider.readBusy(tokens, {
        calendarIds: c.busy_calendar_ids,
        from: new Date(now),
        to: new Date(now + SYNC_WINDOW_DAYS * DAY),
        cursor: opts.full ? null : (c.sync_state.cursor ?? null),
      }),
      env().CALENDAR_SYNC_TIMEOUT_MS,
      `${provider.label} busy read`,
    );
    const changed = await db.transaction(async (tx) => {
      const changed = await applyBusyRead(tx, c, read);
      await tx.query(
        `update public.calendar_connections
            set sync_state = sync_state || jsonb_build_object('cursor', $2::text), last_synced_at = now(), last_sync_error = null, updated_at = now()
          where id = $1`,
        [c.id, read.cursor],
      );
      return changed;
    });
    if (changed) publishSlotsChanged(c.expert_id);
    return changed ? 'synced' : 'unchanged';
  } catch (e) {
    if (e instanceof CalendarProviderError && e.kind === 'revoked') {
      await markReconnect(db, c.id, e.message);
      return 'reconnect';
    }
    const message = e instanceof CalendarProviderError ? `${e.kind}: ${e.message}` : 'unexpected error';
    if (!(e instanceof CalendarProviderError)) logger().error({ err: e, connectionId }, 'calendar sync failed');
    await db.query('update public.calendar_connections set last_sync_error = $2, updated_at = now() where id = $1', [
      c.id,
      message.slice(0, 500),
    ]);
    return 'error';
  }
}

/** Removes the connection's blocks and cursor (a calendar unticked, or a disconnect). */
export async function clearBusy(tx: TQueryable, connectionId: string): Promise<void> {
  await tx.query('delete from public.busy_blocks where connection_id = $1', [connectionId]);
  await tx.query("update public.calendar_connections set sync_state = sync_state - 'cursor' where id = $1", [connectionId]);
}

export function syncStateOf(row: Pick<TConnectionRow, 'sync_state'>): TSyncState {
  return row.sync_state ?? {};
}
