-- Public reads run as `anon` (issue #9: withAnon() in lib/db/with-user.ts), through the anon policies that
-- already exist (listed expert profiles and offerings, availability, specialties, published reviews, rates).
-- Two public reads also need data anon may not select; these views give exactly the public part of it.
-- A view reads its tables with its owner's rights (the migrating role, which owns the tables), so the
-- tables' row-level security does not hide these rows; the views themselves expose only what is listed here.

-- The times a listed expert is taken, for free slots: live bookings (confirmed, or held and not yet expired)
-- and the expert's own busy blocks. Times only: no learner, no status, no notes. The booking id is kept so a
-- reschedule can leave its own booking out (the booking code passes it; public callers never do).
create view public.expert_booked_times as
  select b.id, b.expert_id, b.starts_at, b.ends_at, b.blocked_from, b.blocked_to
    from public.bookings b
   where b.status = 'confirmed' or (b.status = 'held' and b.hold_expires_at > now());

create view public.expert_busy_times as
  select k.expert_id, k.starts_at, k.ends_at from public.busy_blocks k;

grant select on public.expert_booked_times, public.expert_busy_times to anon, authenticated;

-- Who wrote a public review, as the profile shows it: first name and the last name's initial ("Lena L."),
-- never the full name or the email, and only for reviews the session_reviews_public policy shows anyway.
create view public.public_review_authors with (security_barrier) as
  select s.id as review_id,
         case
           when n.parts is null then null
           when cardinality(n.parts) = 1 then n.parts[1]
           else n.parts[1] || ' ' || left(n.parts[cardinality(n.parts)], 1) || '.'
         end as author
    from public.session_reviews s
    join public.users u on u.id = s.author_id
    cross join lateral (select regexp_split_to_array(nullif(btrim(u.name, E' \t\r\n'), ''), '\s+') as parts) n
   where s.author_role = 'learner' and s.published_at is not null and not s.hidden;

grant select on public.public_review_authors to anon, authenticated;
