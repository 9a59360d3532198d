import 'server-only';
import { z } from 'zod';
import type { TPrivilegedTx, TQueryable, TUserTx } from '@/lib/db';
import { publishEvent } from '@/lib/realtime/publish-event';

// The unread count of the notification centre, published to every tab and device of the user as the realtime
// event `notifications.unread` `{ unread }` whenever it changes (a notification inserted, some marked read).

export async function unreadCount(db: TQueryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from public.notifications where user_id = $1 and read_at is null',
    [userId],
  );
  return rows[0].n;
}

/** Publishes the current count inside `tx` (delivered once it commits). */
export async function publishUnread(tx: TPrivilegedTx, userId: string): Promise<number> {
  const unread = await unreadCount(tx, userId);
  await publishEvent(tx, userId, 'notifications.unread', { unread });
  return unread;
}

export const ZMarkRead = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.uuid('Is not a notification.')).min(1, 'Name at least one.').max(100, 'At most 100 at once.') }),
]);

/**
 * Marks the user's own notifications read (`{ ids }` or `{ all: true }`), as the user (RLS: only their own rows,
 * only `read_at`), then publishes the new count on the service connection. Returns the count.
 */
export async function markRead(
  userTx: <T>(fn: (tx: TUserTx) => Promise<T>) => Promise<T>,
  db: { transaction<T>(fn: (tx: TPrivilegedTx) => Promise<T>): Promise<T> },
  userId: string,
  input: unknown,
): Promise<{ unread: number; marked: number }> {
  const v = ZMarkRead.parse(input);
  const marked = await userTx(async (tx) => {
    const r =
      'all' in v
        ? await tx.query('update public.notifications set read_at = now() where user_id = $1 and read_at is null', [userId])
        : await tx.query(
            'update public.notifications set read_at = now() where user_id = $1 and id = any($2::uuid[]) and read_at is null',
            [userId, v.ids],
          );
    return r.affectedRows ?? 0;
  });
  const unread = await db.transaction((tx) => publishUnread(tx, userId));
  return { unread, marked };
}
