-- Directory speed (bench/MARKETPLACE.md): a narrow vector for "Find an expert for this", and an index for
-- the price-descending sort.

-- A module's topics are matched against what experts say they teach — specialties and tags first, then the
-- headline — not against every word of their bios. The vector is a fraction of search_vector's size, so
-- matching and ranking a module's three or four topics costs a fraction too.
alter table public.expert_profiles add column if not exists topic_vector tsvector;

create or replace function public.expert_profiles_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector :=
    setweight(to_tsvector('simple', coalesce(new.display_name, '')), 'A')
    || setweight(to_tsvector('english', array_to_string(new.specialties, ' ') || ' ' || array_to_string(new.tags, ' ')), 'A')
    || setweight(to_tsvector('english', coalesce(new.headline, '')), 'B')
    || setweight(to_tsvector('english', coalesce(new.bio, '')), 'C');
  new.topic_vector :=
    setweight(to_tsvector('english', array_to_string(new.specialties, ' ') || ' ' || array_to_string(new.tags, ' ')), 'A')
    || setweight(to_tsvector('english', coalesce(new.headline, '')), 'B');
  return new;
end $$;

update public.expert_profiles set display_name = display_name;

create index if not exists expert_profiles_topic_idx on public.expert_profiles using gin (topic_vector)
  where status = 'approved' and not hidden;
-- `order by min_price_minor desc nulls last, id` cannot walk the ascending index backwards (nulls would come first).
create index if not exists expert_profiles_price_desc_idx on public.expert_profiles (min_price_minor desc nulls last, id)
  where status = 'approved' and not hidden;

-- The working set lives in memory (Supabase, any SSD server). The default random_page_cost of 4 models
-- spinning disks and made the planner read the whole profiles table for a topic search rather than its GIN
-- index (223 → 699 searches/s, bench/MARKETPLACE.md). New sessions pick this up; a role without the right
-- to alter the database keeps the default and the migration still applies.
do $$
begin
  execute format('alter database %I set random_page_cost = 1.1', current_database());
exception when insufficient_privilege then
  raise notice 'random_page_cost left at the server default: %', sqlerrm;
end $$;
