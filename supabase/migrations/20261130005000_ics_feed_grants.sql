-- Private ICS feeds (issue #11): on Supabase every table in `public` starts granted to anon and authenticated,
-- so the column grant in 20261130000200_calendar_core.sql alone would still let a user read token_hash. Revoke
-- first, then grant back only the non-secret columns (the pattern of 20261128000100_rls_tables.sql). Writes go
-- through the service connection only (lib/calendar/ics-feed.ts).
revoke all on public.ics_feed_tokens from anon, authenticated;
grant select (id, user_id, created_at, revoked_at, last_used_at) on public.ics_feed_tokens to authenticated;
