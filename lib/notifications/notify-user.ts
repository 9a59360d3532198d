import 'server-only';
import type { TQueryable } from '@/lib/db';

export type TNotification = { kind: string; title: string; body: string; link?: string | null };

/** An in-app notification (the bell in the dashboard). */
export async function notifyUser(db: TQueryable, userId: string, n: TNotification): Promise<void> {
  await db.query('insert into public.notifications (user_id, kind, title, body, link) values ($1, $2, $3, $4, $5)', [
    userId,
    n.kind,
    n.title,
    n.body,
    n.link ?? null,
  ]);
}
