-- 10,000 experts in bulk for the directory benchmark (run after the migrations and the demo seed).
-- Deterministic: setseed() makes every run produce the same data.
select setseed(0.42);

create temporary table bench_words (w text[]);
insert into bench_words values (array[
  'python','sql','react','typescript','german','japanese','spanish','statistics','pandas','docker','kubernetes','aws','terraform',
  'figma','research','interviews','career','negotiation','writing','grammar','conversation','exam','ielts','toefl','goethe','jlpt',
  'algorithms','systems','design','testing','accessibility','performance','security','networking','linux','excel','finance',
  'marketing','seo','copywriting','leadership','management','agile','scrum','product','roadmaps','analytics','dbt','spark','ml',
  'pytorch','llm','nlp','vision','robotics','music','guitar','piano','photography','drawing','chess','public','speaking','pitching']);

create temporary table bench_specialties as select array_agg(label order by position) as labels from public.specialties;
create temporary table bench_first (n text[]);
insert into bench_first values (array['Alex','Sam','Jordan','Taylor','Morgan','Riley','Casey','Jamie','Avery','Quinn','Noor','Ravi','Mei','Yuki','Lars','Ines','Omar','Zara','Kofi','Ana']);
create temporary table bench_last (n text[]);
insert into bench_last values (array['Smith','Garcia','Müller','Rossi','Kim','Nguyen','Okafor','Silva','Novak','Haddad','Tanaka','Cohen','Larsen','Dubois','Patel','Ivanova','Mensah','Costa','Berg','Khan']);

insert into public.users (email, name, role, password_hash)
select 'bench-' || g || '@bench.test', 'Bench Expert ' || g, 'expert', 'not-a-real-hash'
  from generate_series(1, 10000) g;

insert into public.expert_profiles
  (user_id, slug, display_name, headline, bio, specialties, tags, languages, years_experience, country, timezone,
   status, hidden, rating_avg, rating_count, submitted_at, approved_at, terms_accepted_at)
select u.id,
       'bench-expert-' || g,
       f.n[1 + (g % 20)] || ' ' || l.n[1 + ((g / 20) % 20)],
       initcap(w.w[1 + (g * 7) % 64]) || ' and ' || w.w[1 + (g * 13) % 64] || ' coaching for ' || w.w[1 + (g * 3) % 64] || ' learners',
       'I help people with ' || w.w[1 + (g * 5) % 64] || ', ' || w.w[1 + (g * 11) % 64] || ' and ' || w.w[1 + (g * 17) % 64]
         || '. Sessions mix practice, feedback and a plan for the week. Years of teaching ' || w.w[1 + (g * 19) % 64] || ' and '
         || w.w[1 + (g * 23) % 64] || ' in industry and at university.',
       array[s.labels[1 + (g % array_length(s.labels, 1))], s.labels[1 + ((g * 7) % array_length(s.labels, 1))]],
       array[w.w[1 + (g * 29) % 64], w.w[1 + (g * 31) % 64]],
       string_to_array((array['en', 'en,es', 'de,en', 'fr,en', 'ja,en', 'pt,es,en'])[1 + (g % 6)], ','),
       1 + (g % 30),
       (array['US','GB','DE','FR','ES','JP','BR','IN','NG','NZ'])[1 + (g % 10)],
       (array['America/New_York','Europe/London','Europe/Berlin','Europe/Paris','Europe/Madrid','Asia/Tokyo','America/Sao_Paulo','Asia/Kolkata','Africa/Lagos','Pacific/Auckland'])[1 + (g % 10)],
       case when g % 20 = 0 then 'submitted' when g % 50 = 1 then 'suspended' else 'approved' end,
       g % 97 = 0,
       round((3.5 + random() * 1.5)::numeric, 2),
       (random() * 300)::int,
       now() - (g || ' minutes')::interval,
       now() - (g || ' minutes')::interval,
       now()
  from generate_series(1, 10000) g
  join public.users u on u.email = 'bench-' || g || '@bench.test'
  cross join bench_words w cross join bench_specialties s cross join bench_first f cross join bench_last l;

insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency)
select p.id, d.minutes, (1500 + (abs(hashtext(p.slug)) % 150) * 100) * d.minutes / 30, 'USD'
  from public.expert_profiles p cross join (values (30), (60)) d(minutes)
 where p.slug like 'bench-expert-%';

analyze public.expert_profiles;
analyze public.expert_offerings;
