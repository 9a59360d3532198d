'use client';

import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * A react-hook-form resolver whose code (zod and the schema) loads on first use instead of with the page:
 * it keeps ~20 kB gzip off the First Load JS of the auth pages. Call `preload` when the user starts on
 * the form (focus) so the first submit never waits.
 */
export function lazyResolver<T extends FieldValues, TContext = unknown, TOut extends FieldValues = T>(
  load: () => Promise<Resolver<T, TContext, TOut>>,
): { resolver: Resolver<T, TContext, TOut>; preload: () => void } {
  let loading: Promise<Resolver<T, TContext, TOut>> | undefined;
  const get = () => {
    loading ??= load().catch((e: unknown) => {
      loading = undefined; // a failed chunk load is retried on the next attempt
      throw e;
    });
    return loading;
  };
  return {
    resolver: async (values, context, options) => (await get())(values, context, options),
    preload: () => void get().catch(() => undefined),
  };
}
