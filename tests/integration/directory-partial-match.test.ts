import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@/lib/cache/cache';
import { searchDirectory, searchDirectoryPage } from '@/lib/experts/search-directory';
import { searchExperts } from '@/lib/experts/search-experts';
import { withAnon } from '@/lib/db';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import { createTestDb, type TTestDb } from '../support/test-db';

// Issue #8: several words never answer "0 experts" while someone matches some of them; empty parameters mean
// no limit; a page past the end is clamped on the page. Real SQL on PGlite, or Postgres with TEST_DATABASE_URL.
let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const search = (q: Record<string, string>) => withAnon(t.db, (tx) => searchExperts(tx, ZExpertSearch.parse(q)));
const slugs = (r: { items: { slug: string }[] }) => r.items.map((x) => x.slug);

type TSeed = {
  slug: string;
  headline: string;
  specialties: string[];
  tags?: string[];
  bio?: string;
  price: number;
  rating: number;
  languages?: string[];
};
// "B2/C1" is one token to Postgres' parser ('b2/c1'), so nobody here matches the word "b2" on its own —
// the seeded Lukas Becker's case.
const EXPERTS: TSeed[] = [
  {
    slug: 'goethe-teacher',
    headline: 'German teacher — Goethe B2/C1 exam preparation',
    specialties: ['German', 'Language exams'],
    tags: ['goethe'],
    price: 3000,
    rating: 4.2,
  },
  { slug: 'german-exams', headline: 'German exam practice', specialties: ['German'], price: 2000, rating: 4.9 },
  {
    slug: 'german-chat',
    headline: 'Relaxed conversation for travellers',
    specialties: ['German'],
    price: 1500,
    rating: 5.0,
    languages: ['de'],
  },
  { slug: 'jlpt-coach', headline: 'JLPT exam coach', specialties: ['Japanese'], price: 2500, rating: 4.0 },
  // One word, said many times and weighted high: a better text rank than two words said once, yet fewer words.
  {
    slug: 'exam-drill',
    headline: 'Exam drills: exam after exam',
    specialties: ['Exam technique'],
    tags: ['exam', 'exams'],
    bio: 'Exam, exam, exam.',
    price: 1000,
    rating: 5.0,
  },
  { slug: 'sql-coach', headline: 'SQL interviews', specialties: ['SQL'], bio: 'Window functions and joins.', price: 6000, rating: 4.5 },
];

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  for (const x of EXPERTS) {
    const { rows } = await t.db.query<{ id: string }>(
      `insert into public.users (email, name, role, password_hash) values ($1, $2, 'expert', 'not-a-hash') returning id`,
      [`${x.slug}@example.test`, x.slug],
    );
    await t.db.query(
      `insert into public.expert_profiles (user_id, slug, display_name, headline, bio, specialties, tags, languages, status, hidden, rating_avg, rating_count, min_price_minor, price_currency)
       values ($1, $2, $2, $3, $4, $5, $6, $7, 'approved', false, $8, 10, $9, 'EUR')`,
      [
        rows[0].id,
        x.slug,
        x.headline,
        x.bio ?? 'Patient and structured.',
        x.specialties,
        x.tags ?? [],
        x.languages ?? ['en'],
        x.rating,
        x.price,
      ],
    );
  }
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});

describe('free text with several words', () => {
  it('keeps the all-words answer when someone matches every word, and does not call it partial', async () => {
    const r = await search({ q: 'german exam' });
    expect(slugs(r).sort()).toEqual(['german-exams', 'goethe-teacher']);
    expect(r).toMatchObject({ total: 2, partial: false });
  });

  it('falls back to any word when nobody matches all of them ("German B2"), and says so', async () => {
    const r = await search({ q: 'German B2' });
    expect(r.partial).toBe(true);
    expect(slugs(r).sort()).toEqual(['german-chat', 'german-exams', 'goethe-teacher']);
    expect(r.total).toBe(3);
  });

  it('ranks by how many words each expert matches: 2 of 3 above 1 of 3', async () => {
    const r = await search({ q: 'goethe exam knitting' });
    expect(r.partial).toBe(true);
    expect(slugs(r)[0]).toBe('goethe-teacher'); // goethe + exam
    expect(slugs(r).slice(1).sort()).toEqual(['exam-drill', 'german-exams', 'jlpt-coach']); // exam only
  });

  it('answers zero only when no word matches', async () => {
    expect(await search({ q: 'knitting astrophysics' })).toMatchObject({ items: [], total: 0, partial: false });
  });

  it('falls back within the filters, and in price order when sorted by price', async () => {
    expect(slugs(await search({ q: 'German B2', maxPrice: '25', cur: 'EUR' })).sort()).toEqual(['german-chat', 'german-exams']);
    expect(slugs(await search({ q: 'German B2', language: 'de' }))).toEqual(['german-chat']);
    const byPrice = await search({ q: 'German B2', sort: 'price_asc' });
    expect(byPrice).toMatchObject({ partial: true, total: 3 });
    expect(slugs(byPrice)).toEqual(['german-chat', 'german-exams', 'goethe-teacher']);
    // Whether every word matches is asked within the filters: the two who match "german exam" teach in English.
    expect(await search({ q: 'german exam', language: 'de' })).toMatchObject({ total: 1, partial: true, items: [{ slug: 'german-chat' }] });
    // Every word matched inside the filters: no fallback, even though others match some words.
    expect(await search({ q: 'german exam', maxPrice: '25', cur: 'EUR' })).toMatchObject({
      total: 1,
      partial: false,
      items: [{ slug: 'german-exams' }],
    });
  });

  it('a page past the end of a partial answer still carries its total', async () => {
    expect(await search({ q: 'German B2', page: '5' })).toMatchObject({ items: [], total: 3, partial: true });
  });
});

describe('module topics ("Find an expert for this")', () => {
  it('matches the words of a topic separately: the whole goal as one topic still finds the German exam teacher first', async () => {
    const r = await search({ topics: 'Goethe B2 German exam' });
    expect(slugs(r)[0]).toBe('goethe-teacher'); // goethe, german, exam
    expect(slugs(r)[1]).toBe('german-exams'); // german, exam
    expect(slugs(r).slice(2).sort()).toEqual(['exam-drill', 'german-chat', 'jlpt-coach']); // one word each
  });

  it('ranks all-term matches first, then by the number of terms matched', async () => {
    const r = await search({ topics: 'German,exam,goethe' });
    expect(slugs(r).slice(0, 2)).toEqual(['goethe-teacher', 'german-exams']);
    // More matched terms beat a better rating and a higher text rank: german-chat (5.0) and exam-drill (5.0,
    // "exam" everywhere) match one term only.
    expect(slugs(r).slice(2).sort()).toEqual(['exam-drill', 'german-chat', 'jlpt-coach']);
    // Two terms said once in a headline beat one term said everywhere.
    expect(slugs(await search({ topics: 'exam,jlpt' }))).toEqual([
      'jlpt-coach',
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
  });

  it('finds nobody only when no term matches', async () => {
    expect(await search({ topics: 'knitting,astrophysics' })).toMatchObject({ items: [], total: 0 });
  });
});

describe('empty parameters mean no limit', () => {
  const ALL_EMPTY = {
    q: '',
    specialty: '',
    language: '',
    minPrice: '',
    maxPrice: '',
    minRating: '',
    topics: '',
    sort: '',
    page: '',
    perPage: '',
  };

  it('searchDirectory: every parameter empty is the same as none', async () => {
    const none = await searchDirectory(t.db, {});
    expect(none.total).toBe(EXPERTS.length);
    expect(await searchDirectory(t.db, ALL_EMPTY)).toEqual(none);
    expect(slugs(await searchDirectory(t.db, { q: 'german', minPrice: '', maxPrice: ' ' })).sort()).toEqual([
      'german-chat',
      'german-exams',
      'goethe-teacher',
    ]);
  });

  it('GET /api/experts?q=german&maxPrice= answers the German experts, not 0', async () => {
    const { GET } = await import('@/app/api/experts/route');
    const call = async (qs: string) =>
      (await GET(new NextRequest(`http://localhost/api/experts${qs}`), { params: Promise.resolve({}) })).json();
    expect(await call('?q=german&maxPrice=')).toMatchObject({ total: 3 });
    expect(await call(`?${new URLSearchParams(ALL_EMPTY)}`)).toMatchObject({ total: EXPERTS.length, page: 1, perPage: 12 });
    // A real zero is still a limit.
    expect(await call('?q=german&maxPrice=0')).toMatchObject({ total: 0 });
  });
});

describe('the /experts page past the last page', () => {
  it('shows the last page instead of an empty one', async () => {
    const r = await searchDirectoryPage(t.db, ZExpertSearch.parse({ q: 'german', page: '999' }));
    expect(r).toMatchObject({ page: 1, pageCount: 1, total: 3 });
    expect(r.items).toHaveLength(3);
    const last = await searchDirectoryPage(t.db, ZExpertSearch.parse({ perPage: '4', page: '999' }));
    expect(last).toMatchObject({ page: 2, pageCount: 2, total: EXPERTS.length });
    expect(last.items).toHaveLength(EXPERTS.length - 4);
  });

  it('keeps page 1 when nothing matches, and the API keeps the empty page', async () => {
    expect(await searchDirectoryPage(t.db, ZExpertSearch.parse({ q: 'knitting', page: '4' }))).toMatchObject({
      page: 1,
      total: 0,
      items: [],
    });
    expect(await searchDirectory(t.db, { q: 'german', page: '999' })).toMatchObject({ page: 999, total: 3, items: [] });
  });
});
