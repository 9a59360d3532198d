-- Limits (issue #9): every model call counts against a learner's daily AI limits. A new curriculum is
-- counted by its `curricula` row (tokens in curricula.tokens_used); every further model call on a
-- curriculum (retry, regenerate a module, extend) is one `ai_calls` row, reserved before the call
-- and given its tokens after it. Reservations are made under a per-user advisory lock (lib/curriculum/
-- reserve-ai-call.ts), so parallel requests cannot pass the limit together.
create table public.ai_calls (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  curriculum_id uuid not null references public.curricula (id) on delete cascade,
  kind text not null check (kind in ('retry', 'regenerate', 'extend')),
  tokens int not null default 0 check (tokens >= 0),
  created_at timestamptz not null default now()
);
create index ai_calls_user_idx on public.ai_calls (user_id, created_at desc);

alter table public.ai_calls enable row level security;
-- A learner records and reads their own calls; no delete (a call cannot be taken back).
grant select, insert on public.ai_calls to authenticated;
grant update (tokens) on public.ai_calls to authenticated;
create policy ai_calls_own on public.ai_calls for all to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));

-- An expert removes their own documents only while the application is editable (lib/experts/delete-document.ts).
drop policy if exists expert_documents_delete_own on public.expert_documents;
create policy expert_documents_delete_own on public.expert_documents for delete to authenticated
  using (owner_id = auth.uid()
         and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.status in ('draft', 'changes_requested')));
