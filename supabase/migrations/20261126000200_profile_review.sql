-- Profile review: an approved expert's public changes wait beside the live profile until an admin accepts them,
-- and a suspended expert cannot change anything public. Row-level security mirrors lib/experts/*-profile-change*.ts.

-- One proposal per expert at a time (status 'pending'); decided ones stay as history.
create table if not exists public.expert_profile_changes (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  -- { profile?: {...the profile step...}, offerings?: [...], photoDocumentId?: uuid }, checked by zod in lib/.
  proposed jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  -- Bumped by every save, so an admin accepts exactly the version they looked at.
  revision int not null default 1,
  reason text check (length(reason) <= 2000),
  decided_by uuid references public.users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index if not exists expert_profile_changes_one_pending on public.expert_profile_changes (expert_id) where status = 'pending';
create index if not exists expert_profile_changes_expert_idx on public.expert_profile_changes (expert_id, created_at desc);
create index if not exists expert_profile_changes_pending_idx on public.expert_profile_changes (created_at) where status = 'pending';

alter table public.expert_profile_changes enable row level security;
grant select, insert, update, delete on public.expert_profile_changes to authenticated;

-- The owner reads their proposals, and writes only a pending one while their profile is approved
-- (never while suspended, never a decision); admins read and decide.
create policy expert_profile_changes_read on public.expert_profile_changes for select to authenticated
  using (public.jwt_app_role() = 'admin'
         or exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid()));
create policy expert_profile_changes_insert_own on public.expert_profile_changes for insert to authenticated
  with check (status = 'pending' and decided_by is null
              and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid() and p.status = 'approved'));
create policy expert_profile_changes_update_own on public.expert_profile_changes for update to authenticated
  using (status = 'pending' and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid()))
  with check (status = 'pending' and decided_by is null
              and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid() and p.status = 'approved'));
create policy expert_profile_changes_delete_own on public.expert_profile_changes for delete to authenticated
  using (status = 'pending' and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid()));
create policy expert_profile_changes_admin on public.expert_profile_changes for all to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin');

-- Once approved (or suspended), the public columns of a profile change only through an admin: a signed-in owner
-- who writes them straight to the table is refused, whatever the app does. The service connection (no JWT
-- claims: seeds, migrations) is not affected.
create or replace function public.expert_profiles_guard_public() returns trigger language plpgsql as $$
begin
  if public.jwt_app_role() is not null and public.jwt_app_role() <> 'admin' and old.status in ('approved', 'suspended')
     and (new.display_name, new.headline, new.bio, new.specialties, new.tags, new.languages, new.years_experience,
          new.country, new.timezone, new.links, new.photo_document_id, new.photo_url)
         is distinct from
         (old.display_name, old.headline, old.bio, old.specialties, old.tags, old.languages, old.years_experience,
          old.country, old.timezone, old.links, old.photo_document_id, old.photo_url)
  then
    raise exception 'public profile fields of an approved or suspended expert change through review' using errcode = '42501';
  end if;
  return new;
end $$;

drop trigger if exists expert_profiles_guard_public on public.expert_profiles;
create trigger expert_profiles_guard_public before update on public.expert_profiles
  for each row execute function public.expert_profiles_guard_public();

-- Prices are public too: the owner writes them only before approval; admins apply accepted changes.
drop policy if exists expert_offerings_own on public.expert_offerings;
create policy expert_offerings_own on public.expert_offerings for all to authenticated
  using (exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid() and p.status not in ('approved', 'suspended')))
  with check (exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid() and p.status not in ('approved', 'suspended')));
create policy expert_offerings_admin on public.expert_offerings for all to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin');
