import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/safe-next';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/learn')).toBe('/learn');
    expect(safeNextPath('/experts/ada-lovelace?tab=reviews')).toBe('/experts/ada-lovelace?tab=reviews');
  });

  it.each([
    // As the browser receives them after decoding the query string: /%5Cevil.example/, %09, %0A, %0D, %5C%5C.
    ['/\\evil.example/'],
    ['/\t/evil.example/'],
    ['/\n/evil.example/'],
    ['/\r/evil.example/'],
    ['\\\\evil.example/'],
    ['/\\\\evil.example/'],
    ['//evil.example/'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    [' /learn'],
    [''],
  ])('refuses %j, which would leave the site', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });
});
