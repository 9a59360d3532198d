-- Booking (issue #10): availability, bookings the database keeps from overlapping, their history, private
-- notes, no-show reports, double-blind reviews, the admin-set marketplace policy, expert standing and
-- currency rates. Instants are timestamptz (UTC); availability rules are wall-clock minutes in the expert's
-- IANA zone (expert_profiles.timezone) so DST moves them correctly (lib/availability).

create extension if not exists btree_gist;

-- Settings per expert; a missing row means the defaults below.
create table public.availability_settings (
  expert_id uuid primary key references public.expert_profiles (id) on delete cascade,
  buffer_before_minutes int not null default 0 check (buffer_before_minutes between 0 and 240),
  buffer_after_minutes int not null default 0 check (buffer_after_minutes between 0 and 240),
  min_notice_minutes int not null default 240 check (min_notice_minutes between 0 and 43200),
  horizon_days int not null default 60 check (horizon_days between 1 and 365),
  max_per_day int check (max_per_day between 1 and 48),         -- null: no daily maximum
  slot_interval_minutes int not null default 30 check (slot_interval_minutes in (5, 10, 15, 20, 30, 60)),
  updated_at timestamptz not null default now()
);
create trigger availability_settings_touch before update on public.availability_settings
  for each row execute function public.touch_updated_at();
-- Session lengths offered are the expert's offerings (expert_offerings.duration_minutes).

-- Weekly hours: several ranges per ISO weekday (1 = Monday … 7 = Sunday), minutes after local midnight.
create table public.availability_rules (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  start_minute int not null check (start_minute between 0 and 1439),
  end_minute int not null check (end_minute between 1 and 1440),
  check (start_minute < end_minute)
);
create index availability_rules_expert_idx on public.availability_rules (expert_id, weekday);

-- Date overrides replace the weekly hours of one local date: a row with null minutes is a day off; several
-- rows with minutes are that day's hours.
create table public.availability_overrides (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  date date not null,
  start_minute int check (start_minute between 0 and 1439),
  end_minute int check (end_minute between 1 and 1440),
  check ((start_minute is null) = (end_minute is null)),
  check (start_minute is null or start_minute < end_minute)
);
create index availability_overrides_expert_idx on public.availability_overrides (expert_id, date);

-- Busy time from connected calendars (the calendars issue fills it) or blocked by hand.
create table public.busy_blocks (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  source text not null default 'manual' check (source in ('manual', 'google', 'outlook', 'calendly', 'ics')),
  external_id text,
  check (starts_at < ends_at),
  unique (expert_id, source, external_id)
);
create index busy_blocks_expert_idx on public.busy_blocks (expert_id, starts_at);

-- One row per booking for its whole life; a reschedule moves it (sequence + 1) and booking_events keeps the
-- history. blocked_from/blocked_to are the session plus the expert's buffers, set by the trigger below, so
-- two live bookings of one expert never overlap buffers included: the exclusion constraint refuses it.
create table public.bookings (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  learner_id uuid references public.users (id) on delete set null,   -- null once the learner erased their account
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  duration_minutes int not null check (duration_minutes between 15 and 240),
  buffer_before_minutes int not null default 0 check (buffer_before_minutes between 0 and 240),
  buffer_after_minutes int not null default 0 check (buffer_after_minutes between 0 and 240),
  blocked_from timestamptz not null,
  blocked_to timestamptz not null,
  status text not null default 'held'
    check (status in ('held', 'confirmed', 'cancelled', 'expired', 'completed', 'no_show')),
  hold_expires_at timestamptz,
  price_minor int not null check (price_minor >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  payment_status text not null default 'unpaid'
    check (payment_status in ('unpaid', 'paid', 'refund_pending', 'refunded', 'partially_refunded', 'not_charged')),
  payment_mode text not null default 'simulated' check (payment_mode in ('simulated', 'stripe')),
  brief text not null default '' check (length(brief) <= 4000),
  curriculum_id uuid references public.curricula (id) on delete set null,
  module_id text,
  learner_timezone text not null default 'UTC',
  sequence int not null default 0,
  cancelled_by text check (cancelled_by in ('learner', 'expert', 'admin', 'system')),
  cancel_reason text,
  cancelled_at timestamptz,
  refund_percent int check (refund_percent between 0 and 100),   -- the policy's outcome, for payments to act on
  confirmed_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (starts_at < ends_at),
  check (status <> 'held' or hold_expires_at is not null),
  constraint bookings_no_overlap exclude using gist (
    expert_id with =,
    tstzrange(blocked_from, blocked_to, '[)') with &&
  ) where (status in ('held', 'confirmed'))
);
create index bookings_expert_time_idx on public.bookings (expert_id, starts_at);
create index bookings_learner_idx on public.bookings (learner_id, starts_at desc);
create index bookings_held_expiry_idx on public.bookings (hold_expires_at) where status = 'held';
create index bookings_confirmed_end_idx on public.bookings (ends_at) where status = 'confirmed';

create or replace function public.bookings_set_blocked() returns trigger language plpgsql as $$
begin
  new.blocked_from := new.starts_at - make_interval(mins => new.buffer_before_minutes);
  new.blocked_to := new.ends_at + make_interval(mins => new.buffer_after_minutes);
  new.updated_at := now();
  return new;
end $$;
create trigger bookings_set_blocked before insert or update on public.bookings
  for each row execute function public.bookings_set_blocked();

-- Every state change and reschedule of a booking, oldest first.
create table public.booking_events (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  kind text not null,                 -- held, confirmed, cancelled, expired, rescheduled, completed, no_show_reported…
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index booking_events_booking_idx on public.booking_events (booking_id, created_at);

-- The expert's private notes on a session: never readable by the learner.
create table public.booking_notes (
  booking_id uuid primary key references public.bookings (id) on delete cascade,
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  body text not null default '' check (length(body) <= 10000),
  updated_at timestamptz not null default now()
);

create table public.no_show_reports (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  reporter_role text not null check (reporter_role in ('learner', 'expert')),
  reporter_id uuid references public.users (id) on delete set null,
  absent_role text not null check (absent_role in ('learner', 'expert')),
  note text not null default '' check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  unique (booking_id, reporter_role),
  check (reporter_role <> absent_role)
);

-- Double-blind reviews: the learner's (public, rated) and the expert's (private feedback to the learner).
-- published_at is set when both are in or the window closes; until then only the author reads it.
create table public.session_reviews (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  author_role text not null check (author_role in ('learner', 'expert')),
  author_id uuid references public.users (id) on delete set null,
  rating smallint check (rating between 1 and 5),
  body text not null default '' check (length(body) <= 4000),
  published_at timestamptz,
  reply text check (length(reply) <= 2000),
  replied_at timestamptz,
  hidden boolean not null default false,
  hidden_reason text,
  created_at timestamptz not null default now(),
  unique (booking_id, author_role),
  check ((author_role = 'learner') = (rating is not null))
);
create index session_reviews_expert_idx on public.session_reviews (expert_id, published_at desc) where author_role = 'learner';

-- Ratings 1..5 counts beside rating_avg/rating_count, kept current by lib/reviews.
alter table public.expert_profiles add column if not exists rating_histogram int[] not null default '{0,0,0,0,0}';

-- One row: the policy admins configure (cancellation refunds, windows, no-show escalation).
create table public.marketplace_policy (
  id smallint primary key default 1 check (id = 1),
  full_refund_hours int not null default 24 check (full_refund_hours between 0 and 720),
  late_cancel_refund_percent int not null default 0 check (late_cancel_refund_percent between 0 and 100),
  expert_cancel_refund_percent int not null default 100 check (expert_cancel_refund_percent between 0 and 100),
  review_window_days int not null default 7 check (review_window_days between 1 and 60),
  no_show_window_hours int not null default 48 check (no_show_window_hours between 1 and 720),
  strike_window_days int not null default 90 check (strike_window_days between 1 and 730),
  strikes_warning int not null default 1 check (strikes_warning >= 1),
  strikes_pause int not null default 2,
  strikes_suspend int not null default 3,
  updated_at timestamptz not null default now(),
  check (strikes_warning <= strikes_pause and strikes_pause <= strikes_suspend)
);
insert into public.marketplace_policy (id) values (1) on conflict do nothing;

-- Warnings, pauses and suspensions from repeated expert no-shows or late cancellations, with appeals.
create table public.expert_sanctions (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  level text not null check (level in ('warning', 'pause', 'suspension')),
  reason text not null,
  strikes int not null,
  appeal text check (length(appeal) <= 4000),
  appealed_at timestamptz,
  appeal_status text check (appeal_status in ('pending', 'upheld', 'lifted')),
  decided_by uuid references public.users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create index expert_sanctions_expert_idx on public.expert_sanctions (expert_id, created_at desc);

-- Units of each currency per 1 USD, maintained by admins (seeded), for the directory's price filter.
create table public.currency_rates (
  currency text primary key check (currency ~ '^[A-Z]{3}$'),
  per_usd numeric(18, 6) not null check (per_usd > 0),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.users (id) on delete set null
);
insert into public.currency_rates (currency, per_usd) values
  ('USD', 1), ('EUR', 0.92), ('GBP', 0.79), ('JPY', 150), ('INR', 83.5), ('NZD', 1.65), ('BRL', 5.0),
  ('MXN', 17.0), ('CAD', 1.36), ('AUD', 1.52), ('CHF', 0.88), ('KWD', 0.307)
on conflict do nothing;

-- Row-level security: the same rules lib/booking, lib/availability and lib/reviews check. Writes that change
-- state (holds, confirmation, expiry, completion) run in lib on the service connection inside one transaction;
-- what a user may read or write for themselves is granted here.
alter table public.availability_settings enable row level security;
alter table public.availability_rules enable row level security;
alter table public.availability_overrides enable row level security;
alter table public.busy_blocks enable row level security;
alter table public.bookings enable row level security;
alter table public.booking_events enable row level security;
alter table public.booking_notes enable row level security;
alter table public.no_show_reports enable row level security;
alter table public.session_reviews enable row level security;
alter table public.marketplace_policy enable row level security;
alter table public.expert_sanctions enable row level security;
alter table public.currency_rates enable row level security;

create or replace function public.owns_expert(p_expert_id uuid) returns boolean language sql stable security definer
  set search_path = public as $$
  select exists (select 1 from public.expert_profiles where id = p_expert_id and user_id = auth.uid())
$$;
revoke all on function public.owns_expert(uuid) from public;
grant execute on function public.owns_expert(uuid) to anon, authenticated;

-- Availability: public to read (slots are computed from it), written by the owning expert.
grant select on public.availability_settings, public.availability_rules, public.availability_overrides to anon, authenticated;
grant insert, update, delete on public.availability_settings, public.availability_rules, public.availability_overrides to authenticated;
create policy availability_settings_read on public.availability_settings for select to anon, authenticated using (true);
create policy availability_settings_own on public.availability_settings for all to authenticated
  using (public.owns_expert(expert_id)) with check (public.owns_expert(expert_id));
create policy availability_rules_read on public.availability_rules for select to anon, authenticated using (true);
create policy availability_rules_own on public.availability_rules for all to authenticated
  using (public.owns_expert(expert_id)) with check (public.owns_expert(expert_id));
create policy availability_overrides_read on public.availability_overrides for select to anon, authenticated using (true);
create policy availability_overrides_own on public.availability_overrides for all to authenticated
  using (public.owns_expert(expert_id)) with check (public.owns_expert(expert_id));

-- Busy blocks: the owner (and admins) only; slots read them on the service connection.
grant select, insert, update, delete on public.busy_blocks to authenticated;
create policy busy_blocks_own on public.busy_blocks for all to authenticated
  using (public.owns_expert(expert_id) or public.jwt_app_role() = 'admin') with check (public.owns_expert(expert_id));

-- Bookings: both parties and admins read; state changes go through lib on the service connection.
grant select on public.bookings, public.booking_events to authenticated;
create policy bookings_parties on public.bookings for select to authenticated
  using (learner_id = auth.uid() or public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');
create policy booking_events_parties on public.booking_events for select to authenticated
  using (exists (select 1 from public.bookings b where b.id = booking_id
                 and (b.learner_id = auth.uid() or public.owns_expert(b.expert_id) or public.jwt_app_role() = 'admin')));

-- Private notes: the expert only (not the learner, not admins).
grant select, insert, update on public.booking_notes to authenticated;
create policy booking_notes_expert on public.booking_notes for all to authenticated
  using (public.owns_expert(expert_id)) with check (public.owns_expert(expert_id));

grant select on public.no_show_reports to authenticated;
create policy no_show_reports_parties on public.no_show_reports for select to authenticated
  using (exists (select 1 from public.bookings b where b.id = booking_id
                 and (b.learner_id = auth.uid() or public.owns_expert(b.expert_id) or public.jwt_app_role() = 'admin')));

-- Reviews: a published, visible learner review is public; the author always reads their own; the subject reads
-- one about them once published; admins read all.
grant select on public.session_reviews to anon, authenticated;
create policy session_reviews_public on public.session_reviews for select to anon, authenticated
  using (author_role = 'learner' and published_at is not null and not hidden);
create policy session_reviews_parties on public.session_reviews for select to authenticated
  using (author_id = auth.uid()
         or public.jwt_app_role() = 'admin'
         or (published_at is not null and exists (
               select 1 from public.bookings b where b.id = booking_id
                and ((author_role = 'learner' and public.owns_expert(b.expert_id))
                     or (author_role = 'expert' and b.learner_id = auth.uid())))));

grant select on public.marketplace_policy, public.currency_rates to anon, authenticated;
grant update on public.marketplace_policy, public.currency_rates to authenticated;
grant insert on public.currency_rates to authenticated;
create policy marketplace_policy_read on public.marketplace_policy for select to anon, authenticated using (true);
create policy marketplace_policy_admin on public.marketplace_policy for update to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin');
create policy currency_rates_read on public.currency_rates for select to anon, authenticated using (true);
create policy currency_rates_admin_update on public.currency_rates for update to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin');
create policy currency_rates_admin_insert on public.currency_rates for insert to authenticated
  with check (public.jwt_app_role() = 'admin');

grant select on public.expert_sanctions to authenticated;
create policy expert_sanctions_read on public.expert_sanctions for select to authenticated
  using (public.owns_expert(expert_id) or public.jwt_app_role() = 'admin');

