-- Issue #14: per-question answer history. Every answer a learner gives in a checkpoint quiz or a Review is one row;
-- lib/curriculum/mastery.ts replays them into Leitner boxes (review schedule) and mastery per objective.
-- Append-only: a learner records and reads their own answers; nothing is rewritten or deleted (the schedule is the
-- history), and an answer is recorded at the time it is given (no backdating a review into being due).

create table public.quiz_answers (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  curriculum_id uuid not null references public.curricula (id) on delete cascade,
  module_id text not null check (length(module_id) between 1 and 200),
  question_id text not null check (length(question_id) between 1 and 200),
  -- The lesson objective the question tests (null for plans made before questions named one).
  objective text check (objective is null or length(objective) <= 300),
  correct boolean not null,
  source text not null check (source in ('checkpoint', 'review')),
  answered_at timestamptz not null default now()
);
create index quiz_answers_user_idx on public.quiz_answers (user_id, curriculum_id, question_id, answered_at);

alter table public.quiz_answers enable row level security;
revoke all on public.quiz_answers from anon, authenticated;
grant select, insert on public.quiz_answers to authenticated;
create policy quiz_answers_read_own on public.quiz_answers for select to authenticated using (user_id = auth.uid());
create policy quiz_answers_insert_own on public.quiz_answers for insert to authenticated
  with check (user_id = auth.uid()
              and answered_at between now() - interval '1 minute' and now() + interval '1 minute'
              and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
