import 'server-only';
import type { TUserTx } from '@/lib/db';

export type TNotificationRow = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: Date | null;
  created_at: Date;
};

/** The signed-in user's notifications, newest first (run through withUser: RLS keeps them private). */
export async function listNotifications(db: TUserTx, userId: string, limit = 10): Promise<TNotificationRow[]> {
  return (await pageNotifications(db, userId, { limit })).items;
}

export const PAGE_SIZE = 20;

/** One page of the centre, newest first; `page` counts from 1. `hasMore` says whether an older page exists. */
export async function pageNotifications(
  db: TUserTx,
  userId: string,
  o: { page?: number; limit?: number } = {},
): Promise<{ items: TNotificationRow[]; hasMore: boolean; page: number }> {
  const limit = o.limit ?? PAGE_SIZE;
  const page = Math.max(1, Math.floor(o.page ?? 1));
  const { rows } = await db.query<TNotificationRow>(
    `select id, kind, title, body, link, read_at, created_at from public.notifications where user_id = $1
      order by created_at desc, id desc limit $2 offset $3`,
    [userId, limit + 1, (page - 1) * limit],
  );
  return { items: rows.slice(0, limit), hasMore: rows.length > limit, page };
}
