-- Public reads run as `anon` (issue #9: withAnon() in lib/db/with-user.ts), through the anon policies that
-- already exist (listed expert profiles and offerings, availability, specialties, published reviews, rates).
-- Two public reads also need something anon may not select: an expert's taken times (bookings, busy blocks)
-- and a reviewer's short name (users). Rather than opening those tables to anon (whose column grants Supabase's
-- default grants would widen) or adding views (which bypass row-level security and could be written through),
-- these `security definer` functions return exactly the public part, and nothing else.

-- Who may ask about an expert's times: anyone for a listed expert (approved, not hidden); the expert and admins
-- always; and the service connection (role `none`), which booking and the job runner use.
create or replace function public.may_see_expert_times(p_expert uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.expert_profiles p
     where p.id = p_expert
       and ((p.status = 'approved' and not p.hidden)
            or p.user_id = auth.uid()
            or public.jwt_app_role() = 'admin'
            or current_setting('role') not in ('anon', 'authenticated')))
$$;

-- Live bookings (confirmed, or held and not yet expired) overlapping [p_from, p_to): times only — no learner,
-- no price, no notes. p_ignore leaves one booking out (a reschedule does not block its own new time).
create or replace function public.expert_booked_times(p_expert uuid, p_from timestamptz, p_to timestamptz, p_ignore uuid default null)
returns table (starts_at timestamptz, ends_at timestamptz, blocked_from timestamptz, blocked_to timestamptz)
language sql stable security definer set search_path = '' as $$
  select b.starts_at, b.ends_at, b.blocked_from, b.blocked_to
    from public.bookings b
   where public.may_see_expert_times(p_expert)
     and b.expert_id = p_expert
     and (b.status = 'confirmed' or (b.status = 'held' and b.hold_expires_at > now()))
     and b.blocked_from < p_to and b.blocked_to > p_from
     and (p_ignore is null or b.id <> p_ignore)
$$;

-- The expert's busy blocks overlapping [p_from, p_to): times only (not their source or external id).
create or replace function public.expert_busy_times(p_expert uuid, p_from timestamptz, p_to timestamptz)
returns table (starts_at timestamptz, ends_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select k.starts_at, k.ends_at
    from public.busy_blocks k
   where public.may_see_expert_times(p_expert)
     and k.expert_id = p_expert and k.starts_at < p_to and k.ends_at > p_from
$$;

-- The author of a public review as the profile shows them: first name and the last name's initial ("Lena L."),
-- never the full name or the email; null unless the review is a published, visible learner review (the rows
-- the session_reviews_public policy shows anyway).
create or replace function public.review_author_short_name(p_review uuid) returns text
language sql stable security definer set search_path = '' as $$
  select case
           when n.parts is null then null
           when cardinality(n.parts) = 1 then n.parts[1]
           else n.parts[1] || ' ' || left(n.parts[cardinality(n.parts)], 1) || '.'
         end
    from public.session_reviews s
    join public.users u on u.id = s.author_id
    cross join lateral (select regexp_split_to_array(nullif(btrim(u.name, E' \t\r\n'), ''), '\s+') as parts) n
   where s.id = p_review and s.author_role = 'learner' and s.published_at is not null and not s.hidden
$$;

revoke all on function public.may_see_expert_times(uuid), public.expert_booked_times(uuid, timestamptz, timestamptz, uuid),
  public.expert_busy_times(uuid, timestamptz, timestamptz), public.review_author_short_name(uuid) from public;
grant execute on function public.may_see_expert_times(uuid), public.expert_booked_times(uuid, timestamptz, timestamptz, uuid),
  public.expert_busy_times(uuid, timestamptz, timestamptz), public.review_author_short_name(uuid) to anon, authenticated, service_role;
