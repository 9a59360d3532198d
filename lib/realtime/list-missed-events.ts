import 'server-only';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import type { TRealtimeEvent } from './events';
import { listEventsAfter } from './publish-event';

/** GET /api/realtime/events: the user's own events after `after`, read as the user (RLS shows no one else's). */
export function listMissedEvents(db: TDb, user: TDbUser, after: number): Promise<TRealtimeEvent[]> {
  return withUser(db, user, (tx) => listEventsAfter(tx, user.id, after));
}
