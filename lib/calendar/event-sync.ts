import 'server-only';
import type { TDb } from '@/lib/db';
import type { TBookingChangeJob } from '@/lib/booking/after-change';
import { appUrl, loadParticipants } from '@/lib/booking/participants';
import type { TBookingRow } from '@/lib/booking/store';
import { conferenceFor } from './conference';
import { getConnection, type TConnectionRow } from './connections';
import { calendarProvider } from './providers';
import { freshTokens, withTimeout } from './sync';
import { env } from '@/lib/config';
import { CalendarProviderError, type TSessionEvent } from './types';

// Sessions into the expert's chosen calendar: a confirmed booking becomes an event, a reschedule patches it,
// a cancellation deletes it (a completed or missed session stays as a record). Idempotent: calendar_event_links remembers the event per booking and
// connection (and the synced sequence), and the provider finds an event by the booking id in its private
// properties when the link was lost. Runs as the `calendar.booking-event` job (one per booking change).

type TLink = { connection_id: string; calendar_id: string; external_event_id: string; synced_sequence: number; status: string };

async function targetConnection(db: TDb, expertId: string): Promise<TConnectionRow | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id from public.calendar_connections
      where expert_id = $1 and status = 'active' and target_calendar_id is not null
      order by updated_at desc limit 1`,
    [expertId],
  );
  return rows[0] ? getConnection(db, rows[0].id) : null;
}

async function sessionEvent(db: TDb, b: TBookingRow): Promise<TSessionEvent> {
  const p = await loadParticipants(db, b);
  const learner = p.learner?.name ?? 'A learner';
  const link = `${appUrl()}/sessions/${b.id}`;
  return {
    bookingId: b.id,
    sequence: b.sequence,
    title: `Pathwise session with ${learner}`,
    description: [`Learner: ${learner}`, b.brief ? `Brief:\n${b.brief}` : null, `Session page: ${link}`].filter(Boolean).join('\n\n'),
    start: new Date(b.starts_at),
    end: new Date(b.ends_at),
    attendees: [{ email: p.expert.email, name: p.expert.name }, ...(p.learner ? [{ email: p.learner.email, name: p.learner.name }] : [])],
    joinUrl: link,
    conference: await conferenceFor(db, b.id),
  };
}

/** Brings the booking's calendar event in line with the booking now (whatever the job's change said). */
export async function syncBookingEvent(db: TDb, job: Pick<TBookingChangeJob, 'bookingId'>): Promise<'written' | 'deleted' | 'none'> {
  const { rows } = await db.query<TBookingRow>('select * from public.bookings where id = $1', [job.bookingId]);
  const b = rows[0];
  if (!b) return 'none';
  const { rows: links } = await db.query<TLink>("select * from public.calendar_event_links where booking_id = $1 and status = 'live'", [
    b.id,
  ]);
  const timeout = env().CALENDAR_SYNC_TIMEOUT_MS;
  // A session that took place (or was missed) stays in the calendar as a record; only a cancelled one goes.
  if (b.status === 'held') return 'none';
  const live = b.status === 'confirmed' || b.status === 'completed' || b.status === 'no_show';

  if (!live) {
    for (const l of links) {
      const c = await getConnection(db, l.connection_id);
      const provider = c && calendarProvider(c.provider);
      if (c && provider?.deleteEvent && c.status === 'active') {
        const tokens = await freshTokens(db, c);
        await withTimeout(provider.deleteEvent(tokens, l.calendar_id, l.external_event_id), timeout, 'delete event');
      }
      await db.query(
        "update public.calendar_event_links set status = 'deleted', updated_at = now() where booking_id = $1 and connection_id = $2",
        [b.id, l.connection_id],
      );
    }
    return links.length ? 'deleted' : 'none';
  }

  const c = await targetConnection(db, b.expert_id);
  const provider = c && calendarProvider(c.provider);
  if (!c || !provider?.upsertEvent || !c.target_calendar_id) return 'none';
  const link = links.find((l) => l.connection_id === c.id && l.calendar_id === c.target_calendar_id);
  if (link && link.synced_sequence >= b.sequence) return 'none';
  const tokens = await freshTokens(db, c);
  const ev = await sessionEvent(db, b);
  const out = await withTimeout(
    provider.upsertEvent(tokens, c.target_calendar_id, ev, link?.external_event_id ?? null),
    timeout,
    'write event',
  );
  await db.query(
    `insert into public.calendar_event_links (booking_id, connection_id, calendar_id, external_event_id, synced_sequence, status, join_url)
     values ($1, $2, $3, $4, $5, 'live', $6)
     on conflict (booking_id, connection_id) do update set calendar_id = excluded.calendar_id, external_event_id = excluded.external_event_id,
       synced_sequence = excluded.synced_sequence, status = 'live', join_url = coalesce(excluded.join_url, calendar_event_links.join_url), updated_at = now()`,
    [b.id, c.id, c.target_calendar_id, out.eventId, b.sequence, out.joinUrl ?? null],
  );
  return 'written';
}

export function isRetryable(e: unknown): boolean {
  return !(e instanceof CalendarProviderError && e.kind === 'revoked');
}
