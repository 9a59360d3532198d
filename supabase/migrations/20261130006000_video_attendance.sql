-- Video (issue #13): who was in a booking's built-in room, and when. One row per stay (a join and its leave); a
-- reconnect starts a new row, so a participant may have several. Written by the signalling server through the
-- service connection (lib/video/attendance.ts); settles no-show reports. See docs/video.md.
create table public.video_attendance (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  user_id uuid references public.users (id) on delete set null,
  role text not null check (role in ('learner', 'expert')),
  joined_at timestamptz not null default now(),
  left_at timestamptz,
  check (left_at is null or left_at >= joined_at)
);
create index video_attendance_booking_idx on public.video_attendance (booking_id, joined_at);

-- Service only: no grant to anon or authenticated; the app reads it through lib/video/attendance.ts.
alter table public.video_attendance enable row level security;
