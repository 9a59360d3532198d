import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_EXPERTS } from '@/lib/seed/demo-data';
import { ratingHistogram, ratingsOf } from '@/lib/seed/rating-histogram';

describe('seeded rating histograms', () => {
  it('give every demo expert the average and count the directory shows', () => {
    for (const x of DEMO_EXPERTS.filter((e) => e.ratingCount > 0)) {
      const h = ratingHistogram(x.rating, x.ratingCount);
      const ratings = ratingsOf(h);
      expect(ratings).toHaveLength(x.ratingCount);
      const avg = ratings.reduce((a, b) => a + b, 0) / ratings.length;
      expect(avg.toFixed(1)).toBe(x.rating.toFixed(1));
    }
  });

  it('hold for any average and count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 10, max: 50 }), (count, tenths) => {
        const average = tenths / 10;
        const h = ratingHistogram(average, count);
        expect(h.reduce((a, b) => a + b, 0)).toBe(count);
        const sum = h.reduce((a, n, i) => a + n * (i + 1), 0);
        expect(sum).toBe(Math.round(average * count));
        const list = ratingsOf(h);
        expect([1, 2, 3, 4, 5].map((r) => list.filter((x) => x === r).length)).toEqual(h);
      }),
    );
  });
});
