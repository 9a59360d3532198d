-- Notifications, issue #13 (the centre, preferences, verified SMS with STOP). See docs/notifications.md.

-- The centre lists a user's notifications newest first and counts the unread ones.
create index if not exists notifications_user_created_idx on public.notifications (user_id, created_at desc, id desc);
create index if not exists notifications_user_unread_idx on public.notifications (user_id) where read_at is null;

-- A user's choices per event and channel. Only what differs from the defaults in code is stored
-- (lib/notifications/preferences.ts), so a new event gets its default for everyone without a backfill.
create table if not exists public.notification_preferences (
  user_id uuid not null references public.users (id) on delete cascade,
  event text not null check (length(event) between 1 and 64),
  channel text not null check (channel in ('in_app', 'email', 'sms')),
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, event, channel)
);

-- One phone number per user for SMS. `verified_at` once a code was checked; `sms_opt_in` the user's explicit
-- choice; `stopped_at` set when the number texted STOP (Twilio inbound webhook), cleared by START.
-- SMS goes out only when verified, opted in and not stopped.
create table if not exists public.user_phones (
  user_id uuid primary key references public.users (id) on delete cascade,
  e164 text not null check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  verified_at timestamptz,
  sms_opt_in boolean not null default false,
  stopped_at timestamptz,
  updated_at timestamptz not null default now()
);
create index if not exists user_phones_e164_idx on public.user_phones (e164);

-- Codes sent to verify a number: our own (hashed; `via = 'local'`) or Twilio Verify's (`via = 'twilio_verify'`,
-- no code stored: Twilio checks it). Rows also rate-limit sends and checks (lib/notifications/phone.ts).
create table if not exists public.phone_verifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  e164 text not null,
  via text not null check (via in ('local', 'twilio_verify')),
  code_hash text,
  attempts int not null default 0,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists phone_verifications_user_idx on public.phone_verifications (user_id, created_at desc);

-- Service only: read and written by lib/notifications through the privileged connection, for the signed-in
-- user the route wrapper resolved (phone numbers and code hashes never reach a user role).
alter table public.notification_preferences enable row level security;
alter table public.user_phones enable row level security;
alter table public.phone_verifications enable row level security;
revoke all on public.notification_preferences, public.user_phones, public.phone_verifications from anon, authenticated;
