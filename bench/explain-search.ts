// EXPLAIN ANALYZE of the directory's real queries: runs lib/experts/search-experts through a client that
// prefixes each statement with EXPLAIN. Usage: DATABASE_URL=... tsx --conditions=react-server bench/explain-search.ts
import { createPostgresDb } from '@/lib/db/postgres-client';
import { searchExperts } from '@/lib/experts/search-experts';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import type { TAnonTx } from '@/lib/db/types';
import { withAnon } from '@/lib/db/with-user';

const url = process.argv[2];
if (!url) throw new Error('usage: explain-search.ts <postgres url>');
// One connection, and each search run once before it is explained: the plan and planning time of a warm
// session, as the app's pooled connections see them (a session's first statement also fills its catalog caches).
const db = createPostgresDb(url, 1);
const plans: { search: Record<string, string>; plan: string }[] = [];
// Explained as `anon`, the role the directory reads as, so the plans include its row-level security policy.
const explaining = (anon: TAnonTx, search: Record<string, string>): TAnonTx => ({
  ...anon,
  async query<R>(sql: string, params?: unknown[]) {
    const r = await anon.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${sql}`, params);
    plans.push({ search, plan: r.rows.map((x) => x['QUERY PLAN']).join('\n') });
    return { rows: [{ total_count: 1 }] as R[] }; // placeholder row: the plan is what we keep
  },
});

const searches: Record<string, string>[] = [
  { q: 'python' },
  { q: 'german exam' },
  { q: 'statistics', language: 'en' },
  { specialty: 'SQL', sort: 'price_asc' },
  { minPrice: '20', maxPrice: '60', sort: 'price_desc' },
  { topics: 'sql,interviews,dbt' },
  { sort: 'rating', page: '5' },
];
for (const s of searches) {
  await withAnon(db, async (anon) => {
    await searchExperts(anon, ZExpertSearch.parse(s));
    await searchExperts(explaining(anon, s), ZExpertSearch.parse(s));
  });
}
await db.close();
process.stdout.write(JSON.stringify(plans, null, 1));
