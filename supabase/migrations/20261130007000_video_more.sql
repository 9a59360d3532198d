-- Video, second part (issue #13): meeting links from Zoom / Google Meet per session type, recordings made in
-- the built-in room only after both participants consent, and no-show reports settled by attendance.
-- See docs/video.md.

-- Which video a session type uses; the booking copies it when it is confirmed (a later change of the
-- offering does not move a booked session to another provider).
alter table public.expert_offerings add column if not exists video_provider text not null default 'builtin'
  check (video_provider in ('builtin', 'zoom', 'google_meet'));

alter table public.bookings
  add column if not exists video_provider text check (video_provider in ('builtin', 'zoom', 'google_meet')),
  add column if not exists meeting_id text,                 -- the provider's meeting (Zoom) or event id (Meet)
  add column if not exists meeting_join_url text check (meeting_join_url is null or meeting_join_url ~ '^https://'),
  add column if not exists meeting_synced_sequence int,      -- bookings.sequence the meeting was last written for
  add column if not exists meeting_error text;               -- the last failure to create/update it, for the UI

-- A recording of one booking's room. 'requested' waits for both consents; 'recording' once both consented
-- (started_at); 'stopped' by either side or by a withdrawn consent, waiting for the upload; 'ready' once the
-- file is stored. Deleting one (on request or after the retention) removes the file and this row.
create table public.recordings (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  requested_by uuid references public.users (id) on delete set null,
  status text not null default 'requested' check (status in ('requested', 'recording', 'stopped', 'ready', 'declined')),
  started_at timestamptz,
  stopped_at timestamptz,
  stopped_by uuid references public.users (id) on delete set null,
  stop_reason text check (stop_reason in ('stopped', 'consent_withdrawn', 'left')),
  storage_key text unique,
  content_type text,
  size_bytes bigint check (size_bytes >= 0),
  duration_seconds int check (duration_seconds >= 0),
  ready_at timestamptz,
  delete_after timestamptz,
  created_at timestamptz not null default now()
);
-- At most one recording in progress (requested, recording or stopped-awaiting-upload) per booking.
create unique index recordings_one_open_idx on public.recordings (booking_id) where status in ('requested', 'recording');
create index recordings_delete_after_idx on public.recordings (delete_after) where status = 'ready';

-- Each consent answer (and withdrawal) with its time and person: the evidence that a recording was allowed.
-- It outlives the recording it answered (recording_id becomes null when the recording is deleted).
create table public.recording_consents (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  recording_id uuid references public.recordings (id) on delete set null,
  user_id uuid references public.users (id) on delete set null,
  role text not null check (role in ('learner', 'expert')),
  granted boolean not null,
  recorded_at timestamptz not null default now()
);
create index recording_consents_recording_idx on public.recording_consents (recording_id, recorded_at);
create index recording_consents_booking_idx on public.recording_consents (booking_id, recorded_at);

-- Parts of a recording's file as the recording browser sends them (each under the multipart cap), joined and
-- stored through lib/storage when the upload completes, then deleted. In the database so that any app
-- instance can take any part. Service connection only.
create table public.recording_parts (
  recording_id uuid not null references public.recordings (id) on delete cascade,
  idx int not null check (idx between 0 and 100000),
  bytes bytea not null,
  created_at timestamptz not null default now(),
  primary key (recording_id, idx)
);

-- What the join/leave times said about a no-show report (lib/video/settle-no-show.ts).
alter table public.no_show_reports
  add column if not exists attendance_verdict text
    check (attendance_verdict in ('confirmed', 'contradicted', 'nobody_joined', 'reporter_absent', 'no_data')),
  add column if not exists attendance jsonb,
  add column if not exists settled_at timestamptz,
  add column if not exists settled_by uuid references public.users (id) on delete set null;

alter table public.recordings enable row level security;
alter table public.recording_consents enable row level security;
alter table public.recording_parts enable row level security;

-- The two participants read their booking's recordings and consents; writes go through lib (service
-- connection). Admins are not given a policy: they reach a recording only through the audited admin path.
grant select on public.recordings, public.recording_consents to authenticated;
create policy recordings_parties on public.recordings for select to authenticated
  using (exists (select 1 from public.bookings b where b.id = booking_id
                 and (b.learner_id = auth.uid() or public.owns_expert(b.expert_id))));
create policy recording_consents_parties on public.recording_consents for select to authenticated
  using (exists (select 1 from public.bookings b where b.id = booking_id
                 and (b.learner_id = auth.uid() or public.owns_expert(b.expert_id))));
