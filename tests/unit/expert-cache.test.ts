import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '@/lib/cache/cache';
import { cachedDirectory, invalidateExpertCache } from '@/lib/experts/expert-cache';

// A search that takes a moment and counts how often it really ran.
function slowSearch() {
  const calls: number[] = [];
  return {
    calls,
    run: () => async () => {
      calls.push(calls.length + 1);
      await new Promise((r) => setTimeout(r, 20));
      return { items: [calls.length] };
    },
  };
}

describe('directory cache', () => {
  it('runs a search once for callers that ask at the same time, then answers from the cache', async () => {
    const cache = createMemoryCache();
    const s = slowSearch();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => cachedDirectory('q=python', s.run(), cache)));
    expect(s.calls).toEqual([1]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(await cachedDirectory('q=python', s.run(), cache)).toEqual({ items: [1] });
    expect(await cachedDirectory('q=german', s.run(), cache)).toEqual({ items: [2] });
    expect(s.calls).toEqual([1, 2]);
  });

  it('a change made while a search runs is seen by everyone who asks after it', async () => {
    const cache = createMemoryCache();
    const s = slowSearch();
    const before = cachedDirectory('q=python', s.run(), cache);
    await invalidateExpertCache(null, cache);
    const after = cachedDirectory('q=python', s.run(), cache);
    await Promise.all([before, after]);
    expect(s.calls).toEqual([1, 2]);
    // The search stored under the old generation is never served again.
    expect(await cachedDirectory('q=python', s.run(), cache)).toEqual(await after);
    expect(s.calls).toEqual([1, 2]);
  });

  it('a failed search is not kept: the next caller runs it again', async () => {
    const cache = createMemoryCache();
    await expect(cachedDirectory('q=x', async () => Promise.reject(new Error('db down')), cache)).rejects.toThrow('db down');
    expect(await cachedDirectory('q=x', async () => ({ ok: true }), cache)).toEqual({ ok: true });
  });
});
