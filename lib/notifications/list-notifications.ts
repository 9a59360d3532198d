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
  const { rows } = await db.query<TNotificationRow>(
    'select id, kind, title, body, link, read_at, created_at from public.notifications where user_id = $1 order by created_at desc limit $2',
    [userId, limit],
  );
  return rows;
}
