-- RLS per table (issue #9): the gaps tests/integration/rls-tables.test.ts found when it ran every table's rules as a
-- signed-in user (`authenticated` with their own claims) and as the public (`anon`). No route makes these writes;
-- a user who reached SQL through Supabase's API could. docs/security.md, "RLS per table", lists what each table allows.
--
-- Grants below are revoked before they are granted: on Supabase every new table in `public` is granted to anon and
-- authenticated by default, so a table's rights must not depend on what a migration forgot to grant.

-- The migration ledger (created by lib/db/migrate.ts, absent under the Supabase CLI): service only.
do $$
begin
  if to_regclass('public.schema_migrations') is not null then
    execute 'alter table public.schema_migrations enable row level security';
    execute 'revoke all on public.schema_migrations from anon, authenticated';
  end if;
end $$;

-- Accounts: admins list users (Admin → Overview) but never read password hashes.
revoke select on public.users from anon, authenticated;
grant select (id, email, name, role, timezone, created_at, updated_at) on public.users to authenticated;

-- Curricula count against the daily AI limits by their row, its created_at and tokens_used
-- (lib/curriculum/reserve-ai-call.ts). A learner saves a fresh request and changes their plan (change-curriculum.ts);
-- generation (status, tokens, attempts, errors) runs on the service connection. No route deletes a curriculum:
-- deleting one would take it out of the count.
revoke all on public.curricula from anon, authenticated;
grant select, insert on public.curricula to authenticated;
grant update (plan, weeks, budget_minutes) on public.curricula to authenticated;
drop policy if exists curricula_own on public.curricula;
create policy curricula_read_own on public.curricula for select to authenticated using (user_id = auth.uid());
create policy curricula_insert_request on public.curricula for insert to authenticated
  with check (user_id = auth.uid() and status = 'queued' and plan is null and tokens_used = 0 and attempts = 0
              and generated_at is null and error is null and created_at >= now() - interval '1 minute');
create policy curricula_update_plan on public.curricula for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());

-- A model call is recorded when it is reserved (tokens 0, now) and its tokens only ever grow (reserveAiCall,
-- recordAiTokens); it is never backdated, shrunk, moved or deleted. Per-command policies, since on Supabase
-- the old `for all` policy plus the default grants let an owner delete their calls.
revoke all on public.ai_calls from anon, authenticated;
grant select, insert on public.ai_calls to authenticated;
grant update (tokens) on public.ai_calls to authenticated;
drop policy if exists ai_calls_own on public.ai_calls;
create policy ai_calls_read_own on public.ai_calls for select to authenticated using (user_id = auth.uid());
create policy ai_calls_reserve on public.ai_calls for insert to authenticated
  with check (user_id = auth.uid() and tokens = 0 and created_at >= now() - interval '1 minute'
              and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy ai_calls_add_tokens on public.ai_calls for update to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and tokens >= (select a.tokens from public.ai_calls a where a.id = ai_calls.id));

-- Progress: an owner records and edits their own lesson progress and checkpoint scores and appends to the activity
-- log; nothing is deleted, and a logged act is not rewritten (streaks and charts read it). Per-command policies for
-- the same reason as ai_calls.
revoke all on public.lesson_progress, public.learning_activity, public.checkpoint_scores from anon, authenticated;
grant select, insert, update on public.lesson_progress, public.checkpoint_scores to authenticated;
grant select, insert on public.learning_activity to authenticated;
drop policy if exists lesson_progress_own on public.lesson_progress;
drop policy if exists learning_activity_own on public.learning_activity;
drop policy if exists checkpoint_scores_own on public.checkpoint_scores;
create policy lesson_progress_read_own on public.lesson_progress for select to authenticated using (user_id = auth.uid());
create policy lesson_progress_insert_own on public.lesson_progress for insert to authenticated
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy lesson_progress_update_own on public.lesson_progress for update to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy learning_activity_read_own on public.learning_activity for select to authenticated using (user_id = auth.uid());
create policy learning_activity_insert_own on public.learning_activity for insert to authenticated
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy checkpoint_scores_read_own on public.checkpoint_scores for select to authenticated using (user_id = auth.uid());
create policy checkpoint_scores_insert_own on public.checkpoint_scores for insert to authenticated
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));
create policy checkpoint_scores_update_own on public.checkpoint_scores for update to authenticated
  using (user_id = auth.uid())
  with check (user_id = auth.uid() and exists (select 1 from public.curricula c where c.id = curriculum_id and c.user_id = auth.uid()));

-- Notifications: the recipient marks one read; what they say and link to is the platform's (a link in the app's own
-- inbox is trusted more than one in an email). lib writes them on the service connection, or as the admin deciding
-- (decide-application.ts, decide-profile-change.ts, sanctions.ts); a user no longer writes their own.
revoke all on public.notifications from anon, authenticated;
grant select, insert on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
drop policy if exists notifications_admin_insert on public.notifications;
create policy notifications_admin_insert on public.notifications for insert to authenticated
  with check (public.jwt_app_role() = 'admin');

-- An expert's private note belongs to one of their own bookings: the row is keyed by the booking, so a note written
-- on another expert's booking would squat the place of that expert's note.
drop policy if exists booking_notes_expert on public.booking_notes;
create policy booking_notes_expert on public.booking_notes for all to authenticated
  using (public.owns_expert(expert_id))
  with check (public.owns_expert(expert_id)
              and exists (select 1 from public.bookings b where b.id = booking_id and b.expert_id = booking_notes.expert_id));

-- Availability is as public as the profile it belongs to (like expert_offerings): listed experts' to everyone, a
-- draft, hidden or suspended expert's to its owner and admins only. Slots are computed on the service connection.
drop policy if exists availability_settings_read on public.availability_settings;
drop policy if exists availability_rules_read on public.availability_rules;
drop policy if exists availability_overrides_read on public.availability_overrides;
create policy availability_settings_read on public.availability_settings for select to anon, authenticated
  using (exists (select 1 from public.expert_profiles p where p.id = expert_id));
create policy availability_rules_read on public.availability_rules for select to anon, authenticated
  using (exists (select 1 from public.expert_profiles p where p.id = expert_id));
create policy availability_overrides_read on public.availability_overrides for select to anon, authenticated
  using (exists (select 1 from public.expert_profiles p where p.id = expert_id));

-- Sanctions: admins write only the decision columns (20261127004000), also where default grants gave them the table.
revoke all on public.expert_sanctions from anon, authenticated;
grant select on public.expert_sanctions to authenticated;
grant update (appeal_status, decided_by, decided_at) on public.expert_sanctions to authenticated;

-- TRUNCATE skips row-level security altogether, and REFERENCES and TRIGGER are not for API users either: no table
-- grants them to anon or authenticated, and tables this role creates later do not get them by default.
revoke truncate, references, trigger on all tables in schema public from anon, authenticated;
alter default privileges in schema public revoke truncate, references, trigger on tables from anon, authenticated;
