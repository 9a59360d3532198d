-- Marketplace: expert applications (drafts, documents, terms), admin verification, the specialty
-- taxonomy, in-app notifications, and the directory's full-text search. Row-level security mirrors lib/experts.

-- Profile fields the application adds, and the search columns the directory reads.
alter table public.expert_profiles add column if not exists terms_accepted_at timestamptz;
alter table public.expert_profiles add column if not exists photo_document_id uuid;
alter table public.expert_profiles add column if not exists min_price_minor int;
alter table public.expert_profiles add column if not exists price_currency text;
alter table public.expert_profiles add column if not exists search_vector tsvector;

-- Names match as written (simple), the rest with English stemming; names and specialties weigh most.
create or replace function public.expert_profiles_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector :=
    setweight(to_tsvector('simple', coalesce(new.display_name, '')), 'A')
    || setweight(to_tsvector('english', array_to_string(new.specialties, ' ') || ' ' || array_to_string(new.tags, ' ')), 'A')
    || setweight(to_tsvector('english', coalesce(new.headline, '')), 'B')
    || setweight(to_tsvector('english', coalesce(new.bio, '')), 'C');
  return new;
end $$;

drop trigger if exists expert_profiles_search on public.expert_profiles;
create trigger expert_profiles_search before insert or update of display_name, specialties, tags, headline, bio
  on public.expert_profiles for each row execute function public.expert_profiles_search_vector();

-- The lowest price is kept on the profile so price filters and sorts use an index, not a join.
create or replace function public.expert_offerings_sync_price() returns trigger language plpgsql security definer
set search_path = public as $$
declare
  target uuid;
begin
  if tg_op = 'DELETE' then target := old.expert_id; else target := new.expert_id; end if;
  update public.expert_profiles p
     set (min_price_minor, price_currency) = (
       select o.price_minor, o.currency from public.expert_offerings o where o.expert_id = target order by o.price_minor asc limit 1)
   where p.id = target;
  return null;
end $$;

drop trigger if exists expert_offerings_price on public.expert_offerings;
create trigger expert_offerings_price after insert or update or delete on public.expert_offerings
  for each row execute function public.expert_offerings_sync_price();

-- Backfill existing rows.
update public.expert_profiles set display_name = display_name;
update public.expert_profiles p
   set min_price_minor = o.price_minor, price_currency = o.currency
  from (select distinct on (expert_id) expert_id, price_minor, currency from public.expert_offerings order by expert_id, price_minor) o
 where o.expert_id = p.id;

-- Directory indexes: listed experts only (partial), full-text, array filters, sorts.
create index if not exists expert_profiles_search_idx on public.expert_profiles using gin (search_vector)
  where status = 'approved' and not hidden;
create index if not exists expert_profiles_specialties_idx on public.expert_profiles using gin (specialties)
  where status = 'approved' and not hidden;
create index if not exists expert_profiles_languages_idx on public.expert_profiles using gin (languages)
  where status = 'approved' and not hidden;
create index if not exists expert_profiles_rating_idx on public.expert_profiles (rating_avg desc nulls last, rating_count desc, id)
  where status = 'approved' and not hidden;
create index if not exists expert_profiles_price_idx on public.expert_profiles (min_price_minor, id)
  where status = 'approved' and not hidden;
create index if not exists expert_profiles_queue_idx on public.expert_profiles (status, submitted_at);

-- The maintained specialty taxonomy (experts may add free tags besides).
create table if not exists public.specialties (
  slug text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  label text not null unique check (length(label) between 1 and 60),
  position int not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

insert into public.specialties (slug, label, position) values
  ('web-development', 'Web development', 10), ('react', 'React', 20), ('typescript', 'TypeScript', 30),
  ('data-analysis', 'Data analysis', 40), ('sql', 'SQL', 50), ('python', 'Python', 60),
  ('machine-learning', 'Machine learning', 70), ('data-visualisation', 'Data visualisation', 80),
  ('german', 'German', 90), ('japanese', 'Japanese', 100), ('language-exams', 'Language exams', 110),
  ('ux-design', 'UX design', 120), ('product-design', 'Product design', 130),
  ('product-management', 'Product management', 140), ('public-speaking', 'Public speaking', 150),
  ('communication', 'Communication', 160), ('cloud-computing', 'Cloud computing', 170), ('devops', 'DevOps', 180)
on conflict do nothing;

-- Uploaded files: credentials (PDF or images) and profile photos, stored under an unguessable key.
create table if not exists public.expert_documents (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.expert_profiles (id) on delete cascade,
  owner_id uuid not null references public.users (id) on delete cascade,
  kind text not null check (kind in ('credential', 'photo')),
  storage_key text not null unique,
  filename text not null check (length(filename) between 1 and 200),
  content_type text not null,
  size_bytes int not null check (size_bytes > 0),
  created_at timestamptz not null default now()
);
create index if not exists expert_documents_expert_idx on public.expert_documents (expert_id, created_at);

-- The admin's verification checklist, one row per application.
create table if not exists public.expert_verifications (
  expert_id uuid primary key references public.expert_profiles (id) on delete cascade,
  identity_verified boolean not null default false,
  credentials_verified boolean not null default false,
  background_status text not null default 'not_started' check (background_status in ('not_started', 'pending', 'clear', 'flagged')),
  background_note text check (length(background_note) <= 2000),
  updated_by uuid references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- In-app notifications (the email goes through the outbox).
create table if not exists public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null default '',
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists notifications_user_idx on public.notifications (user_id, created_at desc);

alter table public.specialties enable row level security;
alter table public.expert_documents enable row level security;
alter table public.expert_verifications enable row level security;
alter table public.notifications enable row level security;

grant select on public.specialties to anon, authenticated;
grant insert, update, delete on public.specialties to authenticated;
grant select, insert, delete on public.expert_documents to authenticated;
grant select, insert, update on public.expert_verifications to authenticated;
grant select, insert, update on public.notifications to authenticated;

create policy specialties_read on public.specialties for select to anon, authenticated using (true);
create policy specialties_admin_write on public.specialties for all to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin');

create policy expert_documents_read on public.expert_documents for select to authenticated
  using (owner_id = auth.uid() or public.jwt_app_role() = 'admin');
create policy expert_documents_insert_own on public.expert_documents for insert to authenticated
  with check (owner_id = auth.uid() and exists (select 1 from public.expert_profiles p where p.id = expert_id and p.user_id = auth.uid()));
create policy expert_documents_delete_own on public.expert_documents for delete to authenticated using (owner_id = auth.uid());

create policy expert_verifications_admin on public.expert_verifications for all to authenticated
  using (public.jwt_app_role() = 'admin') with check (public.jwt_app_role() = 'admin');

create policy notifications_own on public.notifications for select to authenticated using (user_id = auth.uid());
create policy notifications_mark_read on public.notifications for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());
create policy notifications_admin_insert on public.notifications for insert to authenticated
  with check (public.jwt_app_role() = 'admin' or user_id = auth.uid());

-- An owner may move their own application to submitted (and only from draft, rejected or changes requested):
-- the one status change RLS lets an owner make, done here so the rule lives beside the policy.
create or replace function public.submit_expert_application() returns text language plpgsql security definer
set search_path = public as $$
declare
  current_status text;
begin
  select status into current_status from public.expert_profiles where user_id = auth.uid() for update;
  if current_status is null then raise exception 'no application' using errcode = 'P0002'; end if;
  if current_status not in ('draft', 'rejected', 'changes_requested') then
    raise exception 'cannot submit from %', current_status using errcode = '22023';
  end if;
  update public.expert_profiles set status = 'submitted', status_reason = null, submitted_at = now() where user_id = auth.uid();
  return 'submitted';
end $$;
revoke all on function public.submit_expert_application() from public;
grant execute on function public.submit_expert_application() to authenticated;
