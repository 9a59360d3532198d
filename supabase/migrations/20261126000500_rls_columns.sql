-- Trust (issue #9): row-level security gaps closed as defence in depth. No route writes these today; a signed-in
-- user running SQL as `authenticated` with their own claims must not be able to either.

-- Accounts: a user changes only their own name and time zone (20261126000300_learner_days.sql). The password hash
-- (reset flow), email and role are written by the service connection only. Column grants; users_update_self stays.
revoke update on public.users from authenticated;
grant update (name, timezone) on public.users to authenticated;

-- Expert profiles: an owner starts a draft with no standing of its own (submitting goes through
-- submit_expert_application(), approval through an admin).
drop policy if exists expert_profiles_insert_own on public.expert_profiles;
create policy expert_profiles_insert_own on public.expert_profiles for insert to authenticated
  with check (user_id = auth.uid() and status = 'draft' and not hidden and rating_avg is null and rating_count = 0
              and submitted_at is null and approved_at is null and status_reason is null
              and min_price_minor is null and price_currency is null);

-- Owners edit their profile's own fields but never what admins, reviews or triggers keep: status and its reason and
-- dates, the slug (public URL), hidden, ratings, the synced lowest price. Admins still write them all (decisions,
-- hide/unhide, accepted changes run through withUser as the admin). The subquery reads the row as it was before
-- the update. Columns set by triggers (updated_at, search_vector) are not compared.
drop policy if exists expert_profiles_update on public.expert_profiles;
create policy expert_profiles_update on public.expert_profiles for update to authenticated
  using (user_id = auth.uid() or public.jwt_app_role() = 'admin')
  with check (
    public.jwt_app_role() = 'admin'
    or (user_id = auth.uid() and exists (
      select 1 from public.expert_profiles p
       where p.id = expert_profiles.id
         and p.user_id = expert_profiles.user_id
         and p.status = expert_profiles.status
         and p.status_reason is not distinct from expert_profiles.status_reason
         and p.slug = expert_profiles.slug
         and p.hidden = expert_profiles.hidden
         and p.rating_avg is not distinct from expert_profiles.rating_avg
         and p.rating_count = expert_profiles.rating_count
         and p.submitted_at is not distinct from expert_profiles.submitted_at
         and p.approved_at is not distinct from expert_profiles.approved_at
         and p.min_price_minor is not distinct from expert_profiles.min_price_minor
         and p.price_currency is not distinct from expert_profiles.price_currency))
  );

-- Audit log: admins record their own actions; anyone else records only the one action the app writes for them
-- (lib/experts/submit-application.ts): submitting their own application, once it is submitted.
drop policy if exists audit_log_insert_self on public.audit_log;
create policy audit_log_insert_admin on public.audit_log for insert to authenticated
  with check (actor_id = auth.uid() and public.jwt_app_role() = 'admin');
create policy audit_log_insert_submit on public.audit_log for insert to authenticated
  with check (actor_id = auth.uid() and action = 'expert.submit' and subject_type = 'expert_profile'
              and exists (select 1 from public.expert_profiles p
                           where p.id::text = subject_id and p.user_id = auth.uid() and p.status = 'submitted'));
