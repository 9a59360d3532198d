import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP, searchExperts } from '@/lib/experts/search-experts';
import { withAnon } from '@/lib/db';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import { createTestDb, type TTestDb } from '../support/test-db';

// The two shapes of the search statement (lib/experts/search-experts.ts) on a directory larger than the
// count cap: ranked searches count every match exactly; index-ordered ones stop counting at COUNT_CAP.
let t: TTestDb;
const search = (q: Record<string, string>) => withAnon(t.db, (tx) => searchExperts(tx, ZExpertSearch.parse(q)));
const LISTED = COUNT_CAP + 5;

beforeAll(async () => {
  t = await createTestDb();
  await t.db.query(
    `insert into public.users (email, name, role, password_hash) select 'dir-' || g || '@example.test', 'Dir ' || g, 'expert', 'not-a-hash' from generate_series(1, $1::int) g`,
    [LISTED + 2],
  );
  // Every listed expert mentions "mentoring" in the bio; one in ten teaches SQL (specialty); expert 7 only
  // mentions SQL in the bio. Two more are not listed (one submitted, one hidden).
  await t.db.query(
    `insert into public.expert_profiles (user_id, slug, display_name, headline, bio, specialties, tags, languages, status, hidden, rating_avg, rating_count)
     select u.id, 'dir-' || g, 'Dir Expert ' || g,
            case when g % 10 = 0 then 'Data interviews coach' else 'Career coach' end,
            'Patient mentoring for adults' || case when g = 7 then ', and some SQL on the side.' else '.' end,
            case when g % 10 = 0 then array['SQL'] else array['Leadership'] end, '{}', array['en'],
            case when g = $1::int + 1 then 'submitted' else 'approved' end, g = $1::int + 2,
            round((3 + (g % 20) / 10.0)::numeric, 2), g % 50
       from generate_series(1, $1::int + 2) g join public.users u on u.email = 'dir-' || g || '@example.test'`,
    [LISTED],
  );
});
afterAll(async () => {
  await t.drop();
});

describe('directory search on more experts than the count cap', () => {
  it('a ranked search counts every match exactly', async () => {
    const r = await search({ q: 'mentoring' });
    expect(r).toMatchObject({ total: LISTED, totalIsCapped: false, pageCount: Math.ceil(LISTED / 12) });
    expect(r.items).toHaveLength(12);
  });

  it('an index-ordered listing stops counting at the cap and says so', async () => {
    const r = await search({ sort: 'rating' });
    expect(r).toMatchObject({ total: COUNT_CAP, totalIsCapped: true });
    const ratings = r.items.map((x) => x.rating_avg ?? 0);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });

  it('a page past the end is empty but still carries the total', async () => {
    expect(await search({ q: 'interviews', page: '99' })).toMatchObject({
      items: [],
      total: Math.floor(LISTED / 10),
      totalIsCapped: false,
    });
    expect(await search({ specialty: 'SQL', sort: 'price_asc', page: '99' })).toMatchObject({ items: [], total: Math.floor(LISTED / 10) });
    expect(await search({ q: 'no-such-word' })).toMatchObject({ items: [], total: 0, pageCount: 1 });
  });

  it('pages of a ranked search do not overlap', async () => {
    const first = await search({ q: 'mentoring', perPage: '50' });
    const second = await search({ q: 'mentoring', perPage: '50', page: '2' });
    const slugs = new Set([...first.items, ...second.items].map((x) => x.slug));
    expect(slugs.size).toBe(100);
  });

  it('module topics match what experts teach (specialties, headline), not a mention in a bio', async () => {
    const r = await search({ topics: 'sql', perPage: '50' });
    expect(r.total).toBe(Math.floor(LISTED / 10));
    expect(r.items.map((x) => x.slug)).not.toContain('dir-7');
    expect(r.items.every((x) => x.specialties.includes('SQL'))).toBe(true);
    // Free text still finds the bio mention.
    expect((await search({ q: 'sql side' })).items.map((x) => x.slug)).toEqual(['dir-7']);
  });

  it('never lists the submitted or the hidden expert', async () => {
    const r = await search({ q: 'mentoring', perPage: '50', page: String(Math.ceil(LISTED / 50)) });
    const all = (
      await Promise.all(
        Array.from({ length: Math.ceil(LISTED / 50) }, (_, i) => search({ q: 'mentoring', perPage: '50', page: String(i + 1) })),
      )
    ).flatMap((x) => x.items.map((i) => i.slug));
    expect(r.total).toBe(LISTED);
    expect(all).toHaveLength(LISTED);
    expect(all).not.toContain(`dir-${LISTED + 1}`);
    expect(all).not.toContain(`dir-${LISTED + 2}`);
  });
});
