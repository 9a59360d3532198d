-- Curricula: saved generation requests and their plans, lesson progress, the activity log the charts and
-- streaks read, checkpoint scores, and per-user realtime event sequence numbers. A learner reaches only
-- their own rows; RLS mirrors the ownership checks in lib/curriculum and lib/progress.

create table public.curricula (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  request jsonb not null,                  -- what the learner typed, saved before any model is called
  status text not null default 'queued' check (status in ('queued', 'generating', 'ready', 'failed')),
  provider text not null default 'offline' check (provider in ('openai', 'offline')),
  model text,
  plan jsonb,                              -- ZStoredCurriculum once ready
  partial_modules jsonb not null default '[]', -- modules streamed so far while generating
  expected_modules int not null default 0,
  budget_minutes int not null check (budget_minutes > 0),
  weeks int not null check (weeks between 1 and 52),
  start_date date not null default current_date,
  error text,
  attempts int not null default 0,
  tokens_used int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  generated_at timestamptz
);
create index curricula_user_idx on public.curricula (user_id, created_at desc);
create trigger curricula_touch before update on public.curricula for each row execute function public.touch_updated_at();

create table public.lesson_progress (
  curriculum_id uuid not null references public.curricula (id) on delete cascade,
  lesson_id text not null,
  user_id uuid not null references public.users (id) on delete cascade,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'skipped')),
  minutes_spent int not null default 0 check (minutes_spent >= 0),
  notes text not null default '',
  completed_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (curriculum_id, lesson_id)
);
create index lesson_progress_user_idx on public.lesson_progress (user_id);

-- One row per learning act (a lesson done, minutes logged). Days with a row make the streak.
create table public.learning_activity (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  curriculum_id uuid not null references public.curricula (id) on delete cascade,
  lesson_id text not null,
  kind text not null check (kind in ('done', 'minutes')),
  minutes int not null default 0 check (minutes >= 0),
  idempotency_key text not null,
  occurred_at timestamptz not null default now(),
  unique (user_id, idempotency_key)
);
create index learning_activity_user_idx on public.learning_activity (user_id, occurred_at);

create table public.checkpoint_scores (
  curriculum_id uuid not null references public.curricula (id) on delete cascade,
  module_id text not null,
  user_id uuid not null references public.users (id) on delete cascade,
  best_score int not null check (best_score >= 0),
  total int not null check (total > 0),
  attempts int not null default 1,
  updated_at timestamptz not null default now(),
  primary key (curriculum_id, module_id)
);

-- Per-user event sequence: a client whose Socket.IO recovery fails catches up with one read.
create table public.realtime_events (
  user_id uuid not null references public.users (id) on delete cascade,
  seq bigint not null,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, seq)
);
create table public.realtime_counters (
  user_id uuid primary key references public.users (id) on delete cascade,
  seq bigint not null
);

alter table public.curricula enable row level security;
alter table public.lesson_progress enable row level security;
alter table public.learning_activity enable row level security;
alter table public.checkpoint_scores enable row level security;
alter table public.realtime_events enable row level security;
alter table public.realtime_counters enable row level security;

grant select, insert, update, delete on public.curricula to authenticated;
grant select, insert, update on public.lesson_progress to authenticated;
grant select, insert on public.learning_activity to authenticated;
grant select, insert, update on public.checkpoint_scores to authenticated;
grant select on public.realtime_events, public.realtime_counters to authenticated;

create policy curricula_own on public.curricula for all to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());
create policy lesson_progress_own on public.lesson_progress for all to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy learning_activity_own on public.learning_activity for all to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy checkpoint_scores_own on public.checkpoint_scores for all to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy realtime_events_own on public.realtime_events for select to authenticated using (user_id = auth.uid());
create policy realtime_counters_own on public.realtime_counters for select to authenticated using (user_id = auth.uid());
