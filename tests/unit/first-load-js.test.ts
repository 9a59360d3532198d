import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs bench module without types
import { budgetOf, PAGE_ROUTES, pageRoutesInApp, scriptSources } from '../../bench/first-load-js.mjs';

type TRoute = { route: string; as: string[]; params?: Record<string, string> };

describe('bench:js', () => {
  it('measures every page under app/, and lists no page that is gone', () => {
    const listed = (PAGE_ROUTES as TRoute[]).map((r) => r.route).sort();
    expect(listed).toEqual(pageRoutesInApp());
  });

  it('fills every [segment] of a listed route from a seeded resource', () => {
    for (const r of PAGE_ROUTES as TRoute[]) {
      const segments = [...r.route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
      expect(Object.keys(r.params ?? {}).sort(), r.route).toEqual(segments.sort());
    }
  });

  it('counts the scripts a browser loads from the HTML: each src once, noModule polyfills skipped, inline scripts not', () => {
    const html = `<html><head>
      <script src="/_next/static/chunks/webpack-1.js" async=""></script>
      <script src="/_next/static/chunks/polyfills-2.js" noModule=""></script>
      <script>self.__next_f.push([1,"x"])</script>
      <link rel="preload" as="script" href="/_next/static/chunks/other.js">
    </head><body><script src="/_next/static/chunks/app/page-3.js" async=""></script>
      <script src="/_next/static/chunks/webpack-1.js" async=""></script></body></html>`;
    expect(scriptSources(html)).toEqual(['/_next/static/chunks/webpack-1.js', '/_next/static/chunks/app/page-3.js']);
  });

  it('holds the landing and sign-in pages to 150 kB and every other page to 170 kB (issue #15)', () => {
    expect([budgetOf('/'), budgetOf('/sign-in'), budgetOf('/learn/progress'), budgetOf('/sign-up')]).toEqual([150, 150, 170, 170]);
  });
});
