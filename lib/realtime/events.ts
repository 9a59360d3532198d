import { z } from 'zod';

// App instances append events to this Redis stream; the sidecars read it as one consumer group, so
// each event is emitted once and the Socket.IO adapter fans it out to every sidecar's clients.
export const REALTIME_STREAM = 'pw:realtime:events';
export const REALTIME_GROUP = 'sidecars';
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket opened with one session (its id is the sha256 of the cookie token, as stored). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Everyone (signed in or not) watching an expert's free slots, on the `/public` namespace. */
export const expertRoom = (expertId: string) => `expert:${expertId}`;
export const PUBLIC_NAMESPACE = '/public';
/** How many experts one public socket may watch at once (a directory page shows at most 50 cards; a profile one). */
export const MAX_WATCHED_EXPERTS = 20;
/** The public event that tells watchers to refetch an expert's slots; it carries no private data. */
export type TSlotsChanged = { expertId: string };

export const ZRealtimeEvent = z.object({
  seq: z.number().int().positive(),
  type: z.enum(['curriculum.status', 'curriculum.module', 'progress.updated', 'notifications.unread']),
  payload: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type TRealtimeEvent = z.infer<typeof ZRealtimeEvent>;
export type TRealtimeType = TRealtimeEvent['type'];

/** What the in-process Socket.IO server (or the Redis bridge to the sidecar) exposes to publishers. */
export type TRealtimeSink = {
  emit(userId: string, event: TRealtimeEvent): void;
  /** Closes the sockets of revoked sessions (every instance's, through the adapter). */
  disconnectSessions(sessionIds: string[]): void;
  /** Emits `slots.changed` `{ expertId }` to that expert's room on the `/public` namespace. */
  slotsChanged(expertId: string): void;
};
