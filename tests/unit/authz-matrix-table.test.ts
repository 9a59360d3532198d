import { describe, expect, it } from 'vitest';
import { appInventory } from '@/tests/authz/inventory';
import { MATRIX, PERSONAS, urlFor, type TResources } from '@/tests/authz/matrix';

// The table's shape, checked without a server (the e2e spec checks the answers): a route added under app/
// without a row fails here first.
describe('the authorization matrix table', () => {
  it('has one row for every route handler method and page under app/, and none for routes that are gone', () => {
    const served = appInventory();
    const keys = MATRIX.map((r) => r.key);
    expect(served.length).toBeGreaterThan(50);
    expect({
      missing: served.filter((k) => !keys.includes(k)),
      stale: keys.filter((k) => !served.includes(k)),
      duplicated: keys.filter((k, i) => keys.indexOf(k) !== i),
    }).toEqual({ missing: [], stale: [], duplicated: [] });
  });

  it('gives every row an answer per persona and a resource for every [segment]', () => {
    for (const row of MATRIX) {
      expect(row.expect, row.key).toHaveLength(PERSONAS.length);
      const segments = [...row.route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
      for (const name of Object.keys(row.params ?? {})) expect(segments, `${row.key}: params.${name}`).toContain(name);
    }
  });

  it('fills segments and query placeholders from the resources', () => {
    const res = { curriculum: 'c-1', lesson: 'l/2', booking: 'b 3', fileKey: 'experts/x/y.pdf', missing: 'm' } as TResources;
    const byKey = (k: string) => MATRIX.find((r) => r.key === k)!;
    expect(urlFor(byKey('PATCH /api/curricula/[id]/lessons/[lessonId]'), res)).toBe('/api/curricula/c-1/lessons/l%2F2');
    expect(urlFor(byKey('GET /api/reviews'), res)).toBe('/api/reviews?bookingId=b%203');
    expect(urlFor(byKey('GET /api/files/[...key]'), res)).toBe('/api/files/experts/x/y.pdf');
    expect(urlFor(byKey('POST /api/reviews/[id]/reply'), res)).toBe('/api/reviews/m/reply');
  });
});

describe('appInventory', () => {
  it('reads every exported method, route groups dropped', () => {
    const served = appInventory();
    expect(served).toContain('GET /api/admin/policy');
    expect(served).toContain('PUT /api/admin/policy');
    expect(served).toContain('PAGE /learn/[id]');
    expect(served).toContain('PAGE /');
    expect(served.some((k) => k.includes('('))).toBe(false);
  });
});
