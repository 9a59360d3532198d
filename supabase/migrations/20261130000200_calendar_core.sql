-- Calendars (issue #11): connected calendars, their busy time, the events Pathwise writes into them, and
-- private ICS feeds. See docs/calendars.md. Tokens are stored encrypted (lib/calendar/token-crypto.ts,
-- AES-256-GCM with a key from CALENDAR_TOKEN_KEY); the database never sees a plaintext token.
create table public.calendar_connections (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  expert_id uuid references public.expert_profiles (id) on delete cascade,
  provider text not null check (provider in ('google', 'outlook', 'calendly')),
  account_email text,
  account_id text,                                  -- the provider's stable id for the account
  tokens_enc text,                                  -- encrypted JSON {access_token, refresh_token, expires_at, …}
  key_id text,                                      -- which configured key encrypted tokens_enc (rotation)
  scopes text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'reconnect', 'disconnected')),
  status_reason text,
  status_changed_at timestamptz,
  expert_told_at timestamptz,                       -- when the expert was told about a 'reconnect' state
  busy_calendar_ids text[] not null default '{}',   -- which calendars count as busy
  target_calendar_id text,                          -- which calendar receives Pathwise sessions
  calendars jsonb not null default '[]',            -- [{id, name, primary}] as last listed
  sync_state jsonb not null default '{}',           -- per calendar: sync tokens / delta links / watch channels
  last_synced_at timestamptz,
  last_sync_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, provider, account_id)
);
create index calendar_connections_expert_idx on public.calendar_connections (expert_id) where status <> 'disconnected';

-- Busy blocks now name the connection they came from, so a disconnect removes exactly its blocks.
alter table public.busy_blocks add column if not exists connection_id uuid references public.calendar_connections (id) on delete cascade;
create index if not exists busy_blocks_connection_idx on public.busy_blocks (connection_id);

-- The event Pathwise created for a booking in a connection's calendar: created once, patched on
-- reschedule, deleted on cancel. The booking id also travels in the event's private/extended properties.
create table public.calendar_event_links (
  booking_id uuid not null references public.bookings (id) on delete cascade,
  connection_id uuid not null references public.calendar_connections (id) on delete cascade,
  calendar_id text not null,
  external_event_id text not null,
  synced_sequence int not null default 0,           -- bookings.sequence last written
  status text not null default 'live' check (status in ('live', 'deleted')),
  updated_at timestamptz not null default now(),
  primary key (booking_id, connection_id)
);

-- A private, revocable ICS feed of one user's sessions: the token's SHA-256 is stored, never the token.
create table public.ics_feed_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index ics_feed_tokens_user_idx on public.ics_feed_tokens (user_id) where revoked_at is null;

alter table public.calendar_connections enable row level security;
alter table public.calendar_event_links enable row level security;
alter table public.ics_feed_tokens enable row level security;

-- A user reads their own connections' non-secret columns; tokens never leave the service connection.
grant select (id, user_id, expert_id, provider, account_email, status, status_reason, status_changed_at,
  busy_calendar_ids, target_calendar_id, calendars, last_synced_at, last_sync_error, created_at, updated_at)
  on public.calendar_connections to authenticated;
create policy calendar_connections_own on public.calendar_connections for select to authenticated
  using (user_id = auth.uid() or public.jwt_app_role() = 'admin');
grant select (id, user_id, created_at, revoked_at, last_used_at) on public.ics_feed_tokens to authenticated;
create policy ics_feed_tokens_own on public.ics_feed_tokens for select to authenticated using (user_id = auth.uid());
