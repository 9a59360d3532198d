-- Google Calendar (issue #11, branch cal-google): the video link a provider created with a session's event
-- (Google Meet through conferenceData), and which conference the booking asked for, so a reschedule keeps it.
alter table public.calendar_event_links add column if not exists join_url text;

-- Video code (lib/calendar/conference.ts requestCalendarConference) asks for a provider-made meeting here.
create table public.calendar_conference_requests (
  booking_id uuid primary key references public.bookings (id) on delete cascade,
  kind text not null check (kind in ('google_meet')),
  created_at timestamptz not null default now()
);
alter table public.calendar_conference_requests enable row level security;
-- Service connection only: written by lib/calendar, read by the event sync job.

-- Push channels are looked up by id on every notification.
create index if not exists calendar_connections_channels_idx on public.calendar_connections using gin ((sync_state -> 'channels'));

-- On Supabase every new table in `public` is granted to anon and authenticated, and a table-wide SELECT makes
-- the column list of 20261130000200 meaningless (tokens_enc and sync_state, which holds push channel secrets,
-- would be readable by their owner through the public API). Revoke first, then grant the columns again.
revoke all on public.calendar_connections, public.calendar_event_links, public.calendar_conference_requests from anon, authenticated;
grant select (id, user_id, expert_id, provider, account_email, status, status_reason, status_changed_at,
  busy_calendar_ids, target_calendar_id, calendars, last_synced_at, last_sync_error, created_at, updated_at)
  on public.calendar_connections to authenticated;
