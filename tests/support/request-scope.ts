import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextRequest } from 'next/server';

// The request scope route-harness.ts runs a handler in, and the stand-ins for Next's request-scope APIs that read
// it (`cookies()` of next/headers, `after()` of next/server). Type imports only from Next: the test file's vi.mock
// factories import this module, and a runtime import of next/server here would wait on the mock being built.

export type TScope = {
  req: NextRequest;
  setCookies: Map<string, string>;
  deferred: Array<Promise<unknown>>;
  /** SQLSTATE codes of the database errors the route wrapper turned into answers during this call. */
  dbErrors: string[];
};
export const requestScope = new AsyncLocalStorage<TScope>();

function current(): TScope {
  const s = requestScope.getStore();
  if (!s) throw new Error('route-harness: called outside callRoute()');
  return s;
}

/** What the test file's vi.mock factories return for `next/headers` and `after` of `next/server`. */
export const harnessMocks = {
  async cookies() {
    const s = current();
    return {
      get: (name: string) => {
        const set = s.setCookies.get(name);
        if (set !== undefined) return set === '' ? undefined : { name, value: set };
        return s.req.cookies.get(name);
      },
      set: (name: string, value: string) => void s.setCookies.set(name, value),
      delete: (name: string) => void s.setCookies.set(name, ''),
    };
  },
  after(task: (() => unknown) | Promise<unknown>) {
    const s = current();
    s.deferred.push(typeof task === 'function' ? Promise.resolve().then(task) : task);
  },
};

/**
 * Wraps lib/http/pg-errors' appErrorFromPg (the test file mocks it with this) to note each database error code the
 * route wrapper answers for: a data exception (class 22) means input reached the database unchecked, which the
 * fuzz refuses even when the mapping turned it into a 400 (the answer then names no field).
 */
export function noteDbErrors<F extends (e: unknown) => unknown>(appErrorFromPg: F): F {
  return ((e: unknown) => {
    const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code?: unknown }).code : undefined;
    if (typeof code === 'string') requestScope.getStore()?.dbErrors.push(code);
    return appErrorFromPg(e);
  }) as F;
}
