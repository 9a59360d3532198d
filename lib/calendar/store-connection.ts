import 'server-only';
import type { TDb } from '@/lib/db';
import { enqueueJob, wakeJobRunner } from '@/lib/jobs';
import { saveConnection, toView, type TConnectionView } from './connections';
import { JOB_CALENDAR_SYNC } from './job-names';
import type { TCalendarInfo, TCalendarProvider, TCalendarProviderId } from './types';

// The last step of every way of connecting a calendar (the OAuth callback in manage.ts, Calendly's pasted token in
// calendly/push.ts): store the connection with its tokens sealed and queue its first full sync in the same
// transaction, then wake the job runner.

/** What a provider's connect() answers: the tokens and the account they belong to. */
export type TConnected = Awaited<ReturnType<TCalendarProvider['connect']>>;

export async function storeNewConnection(
  db: TDb,
  c: { userId: string; provider: TCalendarProviderId; connected: TConnected; calendars: TCalendarInfo[] },
): Promise<TConnectionView> {
  const { rows } = await db.query<{ id: string }>('select id from public.expert_profiles where user_id = $1', [c.userId]);
  const expertId = rows[0]?.id ?? null;
  const row = await db.transaction(async (tx) => {
    const row = await saveConnection(tx, {
      userId: c.userId,
      expertId,
      provider: c.provider,
      accountId: c.connected.accountId,
      accountEmail: c.connected.accountEmail,
      tokens: c.connected.tokens,
      calendars: c.calendars,
    });
    await enqueueJob(
      tx,
      JOB_CALENDAR_SYNC,
      { connectionId: row.id, full: true },
      { singletonKey: `${JOB_CALENDAR_SYNC}:${row.id}:connect` },
    );
    return row;
  });
  wakeJobRunner();
  return toView(row);
}
