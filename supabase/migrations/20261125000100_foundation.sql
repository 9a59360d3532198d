-- Foundation: Supabase-compatible roles and helpers, accounts, sessions, the dev outbox,
-- expert profiles with their offerings, and the audit log. Row-level security backs the app's checks.

-- Roles Supabase already has; created here for plain Postgres and PGlite.
do $$ begin create role anon nologin; exception when duplicate_object or unique_violation or insufficient_privilege then null; end $$;
do $$ begin create role authenticated nologin; exception when duplicate_object or unique_violation or insufficient_privilege then null; end $$;
do $$ begin create role service_role nologin bypassrls; exception when duplicate_object or unique_violation or insufficient_privilege then null; end $$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

-- auth.uid() as Supabase defines it (kept if it already exists).
do $$
begin
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth' and p.proname = 'uid'
  ) then
    execute $f$
      create function auth.uid() returns uuid language sql stable as $b$
        select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
      $b$
    $f$;
  end if;
end $$;

-- The Pathwise role (learner, expert, admin) from the claims' app_metadata.
create or replace function public.jwt_app_role() returns text language sql stable as $$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'app_metadata' ->> 'role'
$$;
grant execute on function public.jwt_app_role() to anon, authenticated, service_role;

create or replace function public.touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create table public.users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and position('@' in email) > 1),
  name text not null check (length(name) between 1 and 120),
  password_hash text not null,
  role text not null default 'learner' check (role in ('learner', 'expert', 'admin')),
  timezone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on public.users (email);
create trigger users_touch before update on public.users for each row execute function public.touch_updated_at();

create table public.sessions (
  id text primary key, -- sha256 of the cookie token: a database leak does not leak live sessions
  user_id uuid not null references public.users (id) on delete cascade,
  expires_at timestamptz not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now()
);
create index sessions_user_id_idx on public.sessions (user_id);
create index sessions_expires_at_idx on public.sessions (expires_at);

create table public.password_reset_tokens (
  id text primary key, -- sha256 of the emailed token
  user_id uuid not null references public.users (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index password_reset_tokens_user_id_idx on public.password_reset_tokens (user_id);

-- Dev outbox: every email and SMS is written here first; providers deliver from it.
create table public.outbox_messages (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  user_id uuid references public.users (id) on delete set null,
  template text not null,
  subject text,
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'held')),
  provider text not null default 'outbox',
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_messages_created_at_idx on public.outbox_messages (created_at desc);
create index outbox_messages_pending_idx on public.outbox_messages (created_at) where status = 'pending';

create table public.expert_profiles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.users (id) on delete cascade,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  display_name text not null,
  headline text not null default '',
  bio text not null default '',
  specialties text[] not null default '{}',
  tags text[] not null default '{}',
  languages text[] not null default '{}',
  years_experience int not null default 0 check (years_experience between 0 and 80),
  country text check (country ~ '^[A-Z]{2}$'),
  timezone text not null default 'UTC',
  photo_url text,
  links jsonb not null default '[]',
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'approved', 'rejected', 'changes_requested', 'suspended')),
  status_reason text,
  hidden boolean not null default false,
  rating_avg numeric(3, 2),
  rating_count int not null default 0,
  submitted_at timestamptz,
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index expert_profiles_status_idx on public.expert_profiles (status) where not hidden;
create trigger expert_profiles_touch before update on public.expert_profiles for each row execute function public.touch_updated_at();

create table public.expert_offerings (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  duration_minutes int not null check (duration_minutes between 15 and 240),
  price_minor int not null check (price_minor >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  unique (expert_id, duration_minutes)
);

create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  actor_id uuid references public.users (id) on delete set null,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  reason text,
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_log_subject_idx on public.audit_log (subject_type, subject_id, created_at desc);

-- Row-level security: the same rules lib/ enforces, for every query run through withUser().
alter table public.users enable row level security;
alter table public.sessions enable row level security;
alter table public.password_reset_tokens enable row level security;
alter table public.outbox_messages enable row level security;
alter table public.expert_profiles enable row level security;
alter table public.expert_offerings enable row level security;
alter table public.audit_log enable row level security;

grant select, update on public.users to authenticated;
grant select, delete on public.sessions to authenticated;
grant select on public.outbox_messages to authenticated;
grant select, insert, update on public.expert_profiles to authenticated;
grant select, insert, update, delete on public.expert_offerings to authenticated;
grant select, insert on public.audit_log to authenticated;
grant select on public.expert_profiles, public.expert_offerings to anon;

create policy users_select on public.users for select to authenticated
  using (id = auth.uid() or public.jwt_app_role() = 'admin');
create policy users_update_self on public.users for update to authenticated
  using (id = auth.uid()) with check (id = auth.uid() and role = (select u.role from public.users u where u.id = auth.uid()));

create policy sessions_own on public.sessions for select to authenticated using (user_id = auth.uid());
create policy sessions_delete_own on public.sessions for delete to authenticated using (user_id = auth.uid());

create policy outbox_admin on public.outbox_messages for select to authenticated using (public.jwt_app_role() = 'admin');

create policy expert_profiles_public on public.expert_profiles for select to anon, authenticated
  using ((status = 'approved' and not hidden) or user_id = auth.uid() or public.jwt_app_role() = 'admin');
create policy expert_profiles_insert_own on public.expert_profiles for insert to authenticated
  with check (user_id = auth.uid() and status in ('draft', 'submitted'));
-- Owners edit their profile but never its status; admins change status.
create policy expert_profiles_update on public.expert_profiles for update to authenticated
  using (user_id = auth.uid() or public.jwt_app_role() = 'admin')
  with check (
    public.jwt_app_role() = 'admin'
    or (user_id = auth.uid() and status = (select p.status from public.expert_profiles p where p.id = expert_profiles.id))
  );

create policy expert_offerings_public on public.expert_offerings for select to anon, authenticated
  using (exists (select 1 from public.expert_profiles p where p.id = expert_id));
create policy expert_offerings_own on public.expert_offerings for all to authenticated
  using (exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid()))
  with check (exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid()));

create policy audit_log_admin_read on public.audit_log for select to authenticated using (public.jwt_app_role() = 'admin');
create policy audit_log_insert_self on public.audit_log for insert to authenticated with check (actor_id = auth.uid());
