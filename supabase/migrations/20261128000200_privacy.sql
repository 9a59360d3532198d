-- Privacy (issue #9): consent records with their history, and account erasure (lib/privacy).

-- Consents are an append-only history: each change is a new row, the newest row of a kind is the answer in force.
-- A user reads and adds their own rows; nobody rewrites or removes one (no update/delete grants, and a trigger
-- refuses updates even on the service connection), so the history stays proof of what was agreed and when.
create table public.consents (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  kind text not null check (kind in ('terms', 'privacy', 'marketing_email', 'sms_reminders')),
  version text not null check (length(version) between 1 and 40),
  granted boolean not null,
  source text not null check (source in ('sign-up', 'settings')),
  recorded_at timestamptz not null default now()
);
create index consents_user_idx on public.consents (user_id, kind, recorded_at desc);

create or replace function public.consents_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'consent records are append-only: record a new one instead' using errcode = '42501';
end $$;
create trigger consents_no_update before update on public.consents
  for each row execute function public.consents_append_only();

alter table public.consents enable row level security;
grant select, insert on public.consents to authenticated;
create policy consents_read on public.consents for select to authenticated
  using (user_id = auth.uid() or public.jwt_app_role() = 'admin');
create policy consents_insert_own on public.consents for insert to authenticated
  with check (user_id = auth.uid() and source = 'settings');

-- Erasure keeps the account row as a tombstone (no name, no email, no password) so bookings, reviews, ledger and
-- audit rows keep pointing at "a deleted user" instead of vanishing or cascading away. Only the service connection
-- writes deleted_at (users' column grants stay name and timezone, 20261126000500_rls_columns.sql).
alter table public.users add column if not exists deleted_at timestamptz;
