import 'server-only';
import type { Redis } from 'ioredis';
import { getRedis } from '@/lib/cache/redis';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { REALTIME_STREAM, type TRealtimeEvent, type TRealtimeSink, type TRealtimeType } from './events';

// Set by the Socket.IO server mounted in this process (server/main.mjs → lib/realtime/attach-realtime).
const holder = globalThis as unknown as { __pathwiseRealtimeSink?: TRealtimeSink };

export function setInProcessSink(sink: TRealtimeSink | undefined): void {
  holder.__pathwiseRealtimeSink = sink;
}

const KEEP_EVENTS = 500;

/**
 * Gives the event the user's next sequence number, stores it (so a client that missed it catches up
 * with one read), and delivers it once `db`'s transaction commits (at once outside a transaction): to the
 * in-process Socket.IO server when there is one, otherwise through Redis to the realtime sidecar. Call it
 * inside the transaction of the write it announces: a write that rolls back then announces nothing, and
 * the event's row commits or rolls back with it.
 */
export async function publishEvent(
  db: TPrivilegedTx,
  userId: string,
  type: TRealtimeType,
  payload: Record<string, unknown>,
): Promise<TRealtimeEvent> {
  const { rows } = await db.query<{ seq: string }>(
    `insert into public.realtime_counters (user_id, seq) values ($1, 1)
     on conflict (user_id) do update set seq = realtime_counters.seq + 1 returning seq`,
    [userId],
  );
  const seq = Number(rows[0].seq);
  const event: TRealtimeEvent = { seq, type, payload, at: new Date().toISOString() };
  await db.query('insert into public.realtime_events (user_id, seq, type, payload) values ($1, $2, $3, $4)', [
    userId,
    seq,
    type,
    JSON.stringify(payload),
  ]);
  if (seq % 100 === 0) await db.query('delete from public.realtime_events where user_id = $1 and seq <= $2', [userId, seq - KEEP_EVENTS]);
  db.afterCommit(() => deliver(userId, event));
  return event;
}

/**
 * For lib entry points, after the user's write committed (realtime tables are written by the service
 * connection only): the write stands whatever happens here, so a failure is logged, not thrown.
 */
export async function announce(db: TPrivilegedTx, userId: string, type: TRealtimeType, payload: Record<string, unknown>): Promise<void> {
  await publishEvent(db, userId, type, payload).catch((err: unknown) => logger().warn({ err, type }, 'realtime publish failed'));
}

export function deliver(userId: string, event: TRealtimeEvent): void {
  const sink = holder.__pathwiseRealtimeSink;
  if (sink) return sink.emit(userId, event);
  const redis = getRedis();
  if (redis) {
    pushToStream(redis, REALTIME_STREAM, userId, event).catch((err: unknown) => logger().warn({ err }, 'realtime publish failed'));
  }
}

/**
 * Closes every socket opened with these sessions (called when sessions are revoked): on the in-process
 * Socket.IO server, or through the stream to the sidecars, whose adapter reaches every instance.
 */
export function disconnectSessions(sessionIds: string[]): void {
  if (!sessionIds.length) return;
  const sink = holder.__pathwiseRealtimeSink;
  if (sink) return sink.disconnectSessions(sessionIds);
  const redis = getRedis();
  if (redis) {
    pushDisconnect(redis, REALTIME_STREAM, sessionIds).catch((err: unknown) => logger().warn({ err }, 'realtime disconnect failed'));
  }
}

export async function pushDisconnect(redis: Redis, stream: string, sessionIds: string[]): Promise<void> {
  await redis.xadd(stream, 'MAXLEN', '~', '10000', '*', 'data', JSON.stringify({ disconnect: sessionIds }));
}

/** Appends an event for the sidecars (capped: the database keeps the history for catch-up). */
export async function pushToStream(redis: Redis, stream: string, userId: string, event: TRealtimeEvent): Promise<void> {
  await redis.xadd(stream, 'MAXLEN', '~', '10000', '*', 'data', JSON.stringify({ userId, event }));
}

/** Events after `seq`, oldest first: what a reconnecting client missed. */
export async function listEventsAfter(db: TQueryable, userId: string, after: number): Promise<TRealtimeEvent[]> {
  const { rows } = await db.query<{ seq: string; type: TRealtimeType; payload: Record<string, unknown>; created_at: Date }>(
    'select seq, type, payload, created_at from public.realtime_events where user_id = $1 and seq > $2 order by seq limit 500',
    [userId, after],
  );
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, payload: r.payload, at: new Date(r.created_at).toISOString() }));
}
