import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_EXPERTS } from '@/lib/seed/demo-data';
import { seedDemoIfEmpty } from '@/lib/seed/seed-demo';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemoIfEmpty(t.db);
});
afterAll(() => t.drop());

describe('seeded reviews', () => {
  it('agree with the rating and count each demo expert shows, and with the stored aggregates', async () => {
    const { rows } = await t.db.query<{
      slug: string;
      rating_avg: string | null;
      rating_count: number;
      rating_histogram: number[];
      n: number;
      avg: string | null;
      h: number[];
    }>(
      `select p.slug, p.rating_avg::text as rating_avg, p.rating_count, p.rating_histogram,
              count(s.*)::int as n, round(avg(s.rating), 2)::text as avg,
              array[count(*) filter (where s.rating = 1), count(*) filter (where s.rating = 2), count(*) filter (where s.rating = 3),
                    count(*) filter (where s.rating = 4), count(*) filter (where s.rating = 5)]::int[] as h
         from public.expert_profiles p
         left join public.session_reviews s on s.expert_id = p.id and s.author_role = 'learner' and s.published_at is not null and not s.hidden
        group by p.id`,
    );
    for (const x of DEMO_EXPERTS) {
      const r = rows.find((row) => row.slug === x.slug)!;
      expect(r.rating_count, x.slug).toBe(x.ratingCount);
      expect(r.n, x.slug).toBe(x.ratingCount);
      expect(r.rating_avg, x.slug).toBe(r.avg);
      expect(r.rating_histogram, x.slug).toEqual(r.h);
      if (x.ratingCount) expect(Number(r.rating_avg).toFixed(1), x.slug).toBe(x.rating.toFixed(1));
      else expect(r.rating_avg).toBeNull();
    }
    // Every seeded review sits on a completed, past booking of that expert.
    const orphans = await t.db.query(
      `select 1 from public.session_reviews s join public.bookings b on b.id = s.booking_id
        where b.status <> 'completed' or b.expert_id <> s.expert_id or b.ends_at > now()`,
    );
    expect(orphans.rows).toEqual([]);
  });

  it('leaves the demo learner one session with Emily Carter that ended yesterday, with no reviews', async () => {
    const { rows } = await t.db.query<{ hours: number; reviews: number }>(
      `select extract(epoch from now() - b.ends_at)::int / 3600 as hours,
              (select count(*)::int from public.session_reviews s where s.booking_id = b.id) as reviews
         from public.bookings b join public.users l on l.id = b.learner_id
         join public.expert_profiles p on p.id = b.expert_id
        where l.email = $1 and p.slug = 'emily-carter' and b.status = 'completed'`,
      [DEMO_ACCOUNTS.learner.email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].hours).toBeGreaterThanOrEqual(24);
    expect(rows[0].hours).toBeLessThan(26);
    expect(rows[0].reviews).toBe(0);
  });

  it('gives reviewer accounts no usable password', async () => {
    const { rows } = await t.db.query<{ password_hash: string }>(
      `select password_hash from public.users where email like 'reviewer%@seed.pathwise.dev'`,
    );
    expect(rows).toHaveLength(12);
    for (const r of rows)
      for (const guess of [r.password_hash, '', 'pathwise-demo']) expect(await verifyPassword(r.password_hash, guess)).toBe(false);
  });
});
