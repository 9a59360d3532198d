-- /admin/reviews lists the 50 newest learner reviews. Without an index in that order Postgres joined every review
-- (868 in the demo seed) to its expert and author, evaluating each table's row-level policy per row, and sorted
-- the lot: EXPLAIN ANALYZE as the admin 4.9 ms of execution per view. With this index and the query picking the
-- 50 newest before it joins (lib/reviews/admin-reviews.ts) it reads 50 index entries: 0.4 ms.
create index if not exists session_reviews_learner_recent_idx on public.session_reviews (created_at desc)
  where author_role = 'learner';
