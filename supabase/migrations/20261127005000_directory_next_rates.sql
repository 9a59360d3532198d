-- Directory (issue #10): each listed expert's next free time, kept by lib/experts/refresh-next-available.ts
-- (after availability or booking changes, and every 5 minutes for all approved experts), shown on cards in the
-- viewer's zone and filtered by "available this week" (avail=week). Null: no free slot within the horizon.
alter table public.expert_profiles add column if not exists next_available_at timestamptz;

-- "Available this week" is a range condition on listed experts only (the directory's partial-index predicate).
create index if not exists expert_profiles_next_available_idx on public.expert_profiles (next_available_at, id)
  where status = 'approved' and not hidden and next_available_at is not null;

-- The price filter compares each expert's lowest price in their own currency: (price_currency, min_price_minor)
-- serves `(price_currency = 'USD' and min_price_minor <= $1) or (price_currency = 'EUR' and …)`.
create index if not exists expert_profiles_currency_price_idx on public.expert_profiles (price_currency, min_price_minor)
  where status = 'approved' and not hidden;

-- Owners never write what the platform keeps on their profile: the rating histogram (reviews, 20261127000100),
-- a pause (the no-show policy, 20261127000200/004000) and their next free time (slots, above). The one rewrite of
-- the update policy for this issue's columns, here because it is the last migration to add one.
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
         and p.rating_histogram = expert_profiles.rating_histogram
         and p.submitted_at is not distinct from expert_profiles.submitted_at
         and p.approved_at is not distinct from expert_profiles.approved_at
         and p.min_price_minor is not distinct from expert_profiles.min_price_minor
         and p.price_currency is not distinct from expert_profiles.price_currency
         and p.next_available_at is not distinct from expert_profiles.next_available_at
         and p.paused_until is not distinct from expert_profiles.paused_until))
  );
