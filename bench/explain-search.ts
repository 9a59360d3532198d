// EXPLAIN ANALYZE of the directory's real queries: runs lib/experts/search-experts through a client that
// prefixes each statement with EXPLAIN. Usage: DATABASE_URL=... tsx --conditions=react-server bench/explain-search.ts
import { createPostgresDb } from '@/lib/db/postgres-client';
import { searchExperts } from '@/lib/experts/search-experts';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import type { TQueryable } from '@/lib/db/types';

const url = process.argv[2];
if (!url) throw new Error('usage: explain-search.ts <postgres url>');
const db = createPostgresDb(url, 2);
const plans: { search: Record<string, string>; plan: string }[] = [];
const explaining = (search: Record<string, string>): TQueryable => ({
  async query<R>(sql: string, params?: unknown[]) {
    const r = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${sql}`, params);
    plans.push({ search, plan: r.rows.map((x) => x['QUERY PLAN']).join('\n') });
    return { rows: [{ n: 0, total: '0' }] as R[] }; // placeholder row: the plan is what we keep
  },
  exec: (sql: string) => db.exec(sql),
});

const searches: Record<string, string>[] = [{ q: 'python' }, { q: 'german exam' }, { specialty: 'SQL', sort: 'price_asc' }, { topics: 'sql,interviews,dbt' }, { sort: 'rating', page: '5' }];
for (const s of searches) await searchExperts(explaining(s), ZExpertSearch.parse(s));
await db.close();
process.stdout.write(JSON.stringify(plans, null, 1));
