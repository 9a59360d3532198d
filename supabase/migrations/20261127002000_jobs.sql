-- Background jobs (lib/jobs). On PGlite this table is the queue, polled by the in-process runner; on
-- Postgres pg-boss keeps its own schema (pgboss, installed by the first runner) and this table only
-- holds jobs enqueued before pg-boss had a queue for their name (every runner takes those too).
-- A job is a row: it exists iff the enqueuing transaction committed, and a crash loses none (a job
-- taken by a process that died is taken again once locked_until has passed).
create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  data jsonb not null default '{}'::jsonb,
  -- Due at: the enqueue's startAfter, then each retry's backoff.
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 5 check (max_attempts >= 1),
  -- The lease of the runner working on it (null: waiting); a lapsed lease means that runner died.
  locked_until timestamptz,
  locked_by uuid,
  last_error text,
  -- At most one unfinished job per name and key (a second enqueue is ignored).
  singleton_key text,
  created_at timestamptz not null default now(),
  done_at timestamptz,
  failed_at timestamptz
);

create unique index jobs_singleton_idx on public.jobs (name, singleton_key) where done_at is null and singleton_key is not null;
create index jobs_due_idx on public.jobs (run_at) where done_at is null;
create index jobs_done_idx on public.jobs (done_at) where done_at is not null;

-- Recurring jobs: one row per name; the runner that moves next_run_at forward enqueues that run, so each
-- period runs once across all processes.
create table public.job_schedules (
  name text primary key,
  every_seconds int not null check (every_seconds >= 1),
  next_run_at timestamptz not null default now()
);

-- Only the server's privileged connection reads or writes jobs; nothing is exposed to anon or users.
alter table public.jobs enable row level security;
alter table public.job_schedules enable row level security;
revoke all on public.jobs, public.job_schedules from anon, authenticated;
