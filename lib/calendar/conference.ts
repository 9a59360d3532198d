import 'server-only';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';

// How video code asks for a calendar-made meeting: call requestCalendarConference in the transaction that
// confirms (or before) the booking; the event sync then creates the event with a Google Meet conference
// (conferenceData.createRequest) and stores the link in calendar_event_links.join_url (calendarJoinUrl reads it).

export type TConferenceKind = 'google_meet';

export async function requestCalendarConference(tx: TPrivilegedTx, bookingId: string, kind: TConferenceKind): Promise<void> {
  await tx.query(
    'insert into public.calendar_conference_requests (booking_id, kind) values ($1, $2) on conflict (booking_id) do update set kind = excluded.kind',
    [bookingId, kind],
  );
}

export async function conferenceFor(db: TQueryable, bookingId: string): Promise<TConferenceKind | null> {
  const { rows } = await db.query<{ kind: TConferenceKind }>('select kind from public.calendar_conference_requests where booking_id = $1', [
    bookingId,
  ]);
  return rows[0]?.kind ?? null;
}

/** The meeting link a provider made for the booking's event (Google Meet), once the event sync has run. */
export async function calendarJoinUrl(db: TQueryable, bookingId: string): Promise<string | null> {
  const { rows } = await db.query<{ join_url: string }>(
    "select join_url from public.calendar_event_links where booking_id = $1 and status = 'live' and join_url is not null limit 1",
    [bookingId],
  );
  return rows[0]?.join_url ?? null;
}
