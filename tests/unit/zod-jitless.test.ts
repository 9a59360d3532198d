import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { config } from 'zod/v4/core';
import { makeZodJitless } from '@/lib/csp/zod-jitless';

// The browser has no 'unsafe-eval' (our CSP): zod must not build parsers with `new Function`, nor probe for it.
// (zod/mini's objects never compile; the classic API's do, so it is the one tested.) lib/csp/zod-jitless.ts sets zod's flag without importing zod; this proves zod still reads it from there.
const realFunction = globalThis.Function;
let constructed = 0;
globalThis.Function = new Proxy(realFunction, {
  construct(target, args) {
    constructed++;
    return Reflect.construct(target, args);
  },
});
afterAll(() => {
  globalThis.Function = realFunction;
});

const parseFreshObject = () => z.object({ email: z.string(), n: z.number() }).parse({ email: 'a@b.c', n: 1 });

describe('zod jitless in the browser', () => {
  it('without the flag zod compiles object parsers with new Function (what the CSP refuses)', () => {
    constructed = 0;
    parseFreshObject();
    expect(constructed).toBeGreaterThan(0);
  });

  it('makeZodJitless turns that off for zod, loaded before it was called, without importing zod', () => {
    makeZodJitless();
    expect(config().jitless).toBe(true);
    constructed = 0;
    expect(parseFreshObject()).toEqual({ email: 'a@b.c', n: 1 });
    expect(constructed).toBe(0);
  });
});
