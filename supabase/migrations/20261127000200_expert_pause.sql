-- A paused expert offers no slots until paused_until (a sanction of the no-show policy); the directory
-- keeps showing the profile. Set by lib/policy, read by lib/availability.
alter table public.expert_profiles add column if not exists paused_until timestamptz;
