import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { getRealtimeInfo } from '@/lib/realtime/get-realtime-info';
import { pageNotifications, type TNotificationRow } from './list-notifications';
import { markRead, unreadCount } from './unread';

// The notification centre's entry points for pages and routes: each opens the user's transaction (RLS keeps
// every read to the user's own rows).

export type TCentre = {
  items: TNotificationRow[];
  hasMore: boolean;
  page: number;
  unread: number;
  realtime: { url: string | null; sinceSeq: number };
};

export function loadCentre(db: TDb, user: TSessionUser, page = 1): Promise<TCentre> {
  return withUser(db, user, async (tx) => ({
    ...(await pageNotifications(tx, user.id, { page })),
    unread: await unreadCount(tx, user.id),
    realtime: await getRealtimeInfo(tx, user.id),
  }));
}

/** The bell's count, with where to connect and the event sequence it is current at. */
export function loadUnread(db: TDb, user: TSessionUser): Promise<{ unread: number; url: string | null; sinceSeq: number }> {
  return withUser(db, user, async (tx) => ({ unread: await unreadCount(tx, user.id), ...(await getRealtimeInfo(tx, user.id)) }));
}

export function markReadFor(db: TDb, user: TSessionUser, input: unknown): Promise<{ unread: number; marked: number }> {
  return markRead((fn) => withUser(db, user, fn), db, user.id, input);
}
