-- Reviews and standing (issue #10): the rating aggregates kept by the database from the reviews themselves, the
-- pause length of the no-show policy, and the columns an expert must never write on their own profile.

-- How long a pause sanction lasts (lib/policy/evaluate-standing.ts).
alter table public.marketplace_policy add column if not exists pause_days int not null default 7
  check (pause_days between 1 and 90);

-- rating_avg, rating_count and rating_histogram are a pure function of the published, visible learner reviews:
-- recomputed for every expert a statement touched, in the same transaction, so they always equal a recount.
create or replace function public.recompute_expert_ratings(p_expert_ids uuid[]) returns void
  language sql security definer set search_path = public as $$
  update public.expert_profiles p
     set rating_count = a.n,
         rating_avg = a.average,
         rating_histogram = a.histogram
    from (
      select e.id, r.n, r.average, r.histogram
        from (select distinct unnest(p_expert_ids) as id) e
        cross join lateral (
          select count(*)::int as n,
                 round(avg(s.rating)::numeric, 2) as average,
                 array[count(*) filter (where s.rating = 1), count(*) filter (where s.rating = 2),
                       count(*) filter (where s.rating = 3), count(*) filter (where s.rating = 4),
                       count(*) filter (where s.rating = 5)]::int[] as histogram
            from public.session_reviews s
           where s.expert_id = e.id and s.author_role = 'learner' and s.published_at is not null and not s.hidden
        ) r
    ) a
   where p.id = a.id
     and (p.rating_count, p.rating_avg, p.rating_histogram) is distinct from (a.n, a.average, a.histogram)
$$;
revoke all on function public.recompute_expert_ratings(uuid[]) from public;

-- Statement-level triggers with transition tables: a batch of 1,000 seeded reviews recomputes each expert once.
create or replace function public.session_reviews_ratings_ins() returns trigger language plpgsql as $$
begin
  perform public.recompute_expert_ratings(array(select distinct expert_id from new_rows));
  return null;
end $$;
create or replace function public.session_reviews_ratings_upd() returns trigger language plpgsql as $$
begin
  perform public.recompute_expert_ratings(array(select expert_id from new_rows union select expert_id from old_rows));
  return null;
end $$;
create or replace function public.session_reviews_ratings_del() returns trigger language plpgsql as $$
begin
  perform public.recompute_expert_ratings(array(select distinct expert_id from old_rows));
  return null;
end $$;
create trigger session_reviews_ratings_ins after insert on public.session_reviews
  referencing new table as new_rows for each statement execute function public.session_reviews_ratings_ins();
create trigger session_reviews_ratings_upd after update on public.session_reviews
  referencing new table as new_rows old table as old_rows for each statement execute function public.session_reviews_ratings_upd();
create trigger session_reviews_ratings_del after delete on public.session_reviews
  referencing old table as old_rows for each statement execute function public.session_reviews_ratings_del();

-- Reviews due for publication (window closed, not yet published) are found by their booking's end.
create index if not exists session_reviews_unpublished_idx on public.session_reviews (booking_id) where published_at is null;
create index if not exists expert_sanctions_pending_idx on public.expert_sanctions (appealed_at) where appeal_status = 'pending';
create index if not exists no_show_reports_absent_idx on public.no_show_reports (created_at) where absent_role = 'expert';
create index if not exists bookings_expert_cancel_idx on public.bookings (expert_id, cancelled_at) where cancelled_by = 'expert';

-- Admins decide on sanctions as themselves (lib/policy/sanctions.ts): only the decision columns. Sanctions are
-- created and appealed on the service connection after lib's own checks.
grant update (appeal_status, decided_by, decided_at) on public.expert_sanctions to authenticated;
create policy expert_sanctions_admin_decide on public.expert_sanctions for update to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin' and decided_by = auth.uid());
