// zod 4 compiles object parsers with `new Function()` when it may, after probing for it once; in the browser our
// Content-Security-Policy has no 'unsafe-eval', so that probe is a reported violation. Parsing gives the same
// results without the compiled path. Servers keep it (no CSP applies to Node).
//
// zod keeps its global config on `globalThis.__zod_globalConfig` (zod/v4/core/core.js: created if absent, read
// by every copy of zod), so setting the flag there needs no zod code: importing `config` from zod/v4/core cost
// every page 4 kB gzip of zod's core utilities although most pages never load zod (docs/performance.md).
// tests/unit/zod-jitless.test.ts fails if zod stops reading it.
export function makeZodJitless(target: { __zod_globalConfig?: Record<string, unknown> } = globalThis as never) {
  (target.__zod_globalConfig ??= {}).jitless = true;
}

if (typeof window !== 'undefined') makeZodJitless();
