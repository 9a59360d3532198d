import 'server-only';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import { publishUnread } from './unread';

export type TNotification = { kind: string; title: string; body: string; link?: string | null };

/**
 * An in-app notification (the bell). On the service connection the new unread count is also published to the
 * user's tabs (lib/realtime, after commit); a user-scoped caller (an admin's transaction) passes `publish: false`
 * and the count catches up at the next change or page load.
 */
export async function notifyUser(db: TQueryable, userId: string, n: TNotification, o: { publish?: boolean } = {}): Promise<void> {
  await db.query('insert into public.notifications (user_id, kind, title, body, link) values ($1, $2, $3, $4, $5)', [
    userId,
    n.kind,
    n.title,
    n.body,
    n.link ?? null,
  ]);
  if (o.publish !== false && (await isPrivileged(db))) await publishUnread(db as TPrivilegedTx, userId);
}

// The brand on TPrivilegedTx is type-only; at run time the role tells (withUser sets `authenticated`).
async function isPrivileged(db: TQueryable): Promise<boolean> {
  const { rows } = await db.query<{ role: string }>(`select current_setting('role') as role`);
  return rows[0].role === 'none';
}
