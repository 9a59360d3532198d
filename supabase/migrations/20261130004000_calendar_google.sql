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
