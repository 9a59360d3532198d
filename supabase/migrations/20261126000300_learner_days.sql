-- Learner days: a learner's streak, heatmap and "today" are counted in their own time zone, kept on the
-- account (detected from the browser at sign-up, validated as an IANA zone, UTC when unknown). Time
-- learned is only what the learner logged: marking a lesson done no longer credits its planned minutes.

-- True when Postgres knows the zone name (its own tz database; DST rules come with it). Immutable so a
-- check constraint may call it: zone names are not removed from the tz database, only added.
create or replace function public.is_time_zone(tz text) returns boolean language plpgsql immutable as $$
begin
  if tz is null or length(tz) = 0 or length(tz) > 64 then
    return false;
  end if;
  perform timestamptz '2000-01-01 00:00:00+00' at time zone tz;
  return true;
exception when others then
  return false;
end $$;
grant execute on function public.is_time_zone(text) to anon, authenticated, service_role;

-- Existing accounts: an expert keeps the zone of their profile; everyone else starts on UTC.
update public.users u
   set timezone = coalesce(
     (select p.timezone from public.expert_profiles p where p.user_id = u.id and public.is_time_zone(p.timezone)),
     'UTC')
 where u.timezone is null or not public.is_time_zone(u.timezone);

alter table public.users
  alter column timezone set default 'UTC',
  alter column timezone set not null,
  add constraint users_timezone_valid check (public.is_time_zone(timezone));

-- Time learned was inflated by "done" rows carrying the lesson's planned minutes: drop that credit and
-- recompute each lesson's minutes from what was actually logged.
update public.learning_activity set minutes = 0 where kind = 'done' and minutes <> 0;
update public.lesson_progress lp
   set minutes_spent = coalesce(
     (select sum(a.minutes) from public.learning_activity a
       where a.user_id = lp.user_id and a.curriculum_id = lp.curriculum_id and a.lesson_id = lp.lesson_id and a.kind = 'minutes'),
     0)
 where lp.minutes_spent <> coalesce(
     (select sum(a.minutes) from public.learning_activity a
       where a.user_id = lp.user_id and a.curriculum_id = lp.curriculum_id and a.lesson_id = lp.lesson_id and a.kind = 'minutes'),
     0);
alter table public.learning_activity add constraint learning_activity_done_no_minutes check (kind <> 'done' or minutes = 0);

-- RLS/grants: users already have `select, update` for authenticated with users_select (own row or admin)
-- and users_update_self (own row, same role), so a learner reads and may change their own zone; the
-- check above keeps it a valid zone whoever writes it.
comment on column public.users.timezone is 'IANA time zone of the account; learner days (streaks, heatmap, today) are counted in it';
