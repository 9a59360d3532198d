-- Curriculum generation runs as a background job (`curriculum.generate`, lib/curriculum/generation-job.ts)
-- under a lease with a heartbeat: a process killed mid-stream leaves a lease that lapses, and another
-- runner generates again from the saved request.
--
-- generation_token: the attempt that owns the row. Each attempt claims the row with a fresh token and
-- every write it makes (streamed modules, the plan, a failure) names it, so an attempt whose lease was
-- taken over by another runner can no longer write: its modules are never stored twice.
-- call_reserved: the next model call on this row is already counted against the learner's daily limits
-- (by the curricula row itself for a new request, by the retry's ai_calls row for a retry). The attempt
-- that calls the model uses it up; a later attempt (after a crash or a failed attempt) records its own
-- ai_calls row of kind 'resume'. An attempt that never reached the model counts nothing.
alter table public.curricula
  add column generation_token uuid,
  add column call_reserved boolean not null default true;

alter table public.ai_calls drop constraint ai_calls_kind_check;
alter table public.ai_calls add constraint ai_calls_kind_check check (kind in ('retry', 'regenerate', 'extend', 'resume'));

-- The orphan sweep (curriculum.fail-orphaned, every minute) reads only unfinished rows.
create index curricula_unfinished_idx on public.curricula (id) where status in ('queued', 'generating');
