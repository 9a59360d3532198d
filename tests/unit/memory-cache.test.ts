import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '@/lib/cache/cache';

describe('in-process cache', () => {
  it('stores, expires and deletes', async () => {
    let now = 1_000_000;
    const c = createMemoryCache(100, { now: () => now });
    await c.set('a', { n: 1 }, 1);
    await c.set('b', null, 60);
    expect(await c.get('a')).toEqual({ n: 1 });
    expect(await c.get('b')).toBeNull(); // a cached "no session" is not a miss
    expect(await c.get('missing')).toBeUndefined();
    now += 1500;
    expect(await c.get('a')).toBeUndefined();
    await c.del('b');
    expect(await c.get('b')).toBeUndefined();
  });
});
