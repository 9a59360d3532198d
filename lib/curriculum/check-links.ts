import 'server-only';
import { RefusedUrlError, safeFetch, type TSafeFetchOptions } from '@/lib/http/safe-fetch';
import type { TModule } from './schemas';
import { searchLinkFor } from './search-link';

// Resource links written by a model are checked before they are kept: a link that is dead (4xx/5xx, no
// answer in time) or refused (not http(s), or a host that is not public, at any redirect hop) becomes a
// labelled search for the resource's title, of the same type.

export type TLinkVerdict = 'ok' | 'dead' | 'refused';

export type TCheckLinksOptions = {
  /** Per request (HEAD, then GET when HEAD fails). */
  timeoutMs?: number;
  /** Requests in flight at once, for one generation. */
  concurrency?: number;
  maxRedirects?: number;
  /** Test seams only (a local server): see TSafeFetchOptions. */
  resolve?: TSafeFetchOptions['resolve'];
  isAllowedAddress?: TSafeFetchOptions['isAllowedAddress'];
};

function limiter(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export type TLinkChecker = {
  check(url: string): Promise<TLinkVerdict>;
  /** The module with every resource checked; dead or refused ones replaced by search links. */
  fixModule<M extends TModule>(m: M): Promise<M>;
};

/** One checker per generation: links are checked once each (cached), `concurrency` at a time. */
export function createLinkChecker(o: TCheckLinksOptions = {}): TLinkChecker {
  const run = limiter(o.concurrency ?? 4);
  const seen = new Map<string, Promise<TLinkVerdict>>();
  const fetchOptions = {
    timeoutMs: o.timeoutMs ?? 5000,
    maxRedirects: o.maxRedirects ?? 5,
    resolve: o.resolve,
    isAllowedAddress: o.isAllowedAddress,
  };

  const attempt = async (url: string, method: 'HEAD' | 'GET'): Promise<TLinkVerdict> => {
    try {
      const res = await safeFetch(url, { ...fetchOptions, method });
      return res.status >= 200 && res.status < 400 ? 'ok' : 'dead';
    } catch (e) {
      return e instanceof RefusedUrlError ? 'refused' : 'dead';
    }
  };
  const check = (url: string) => {
    let verdict = seen.get(url);
    if (!verdict) {
      // Some servers answer HEAD with 403/405/501 or drop it; GET is the second opinion.
      verdict = run(async () => {
        const head = await attempt(url, 'HEAD');
        return head === 'dead' ? attempt(url, 'GET') : head;
      });
      seen.set(url, verdict);
    }
    return verdict;
  };

  return {
    check,
    async fixModule(m) {
      // HTTP checks, no database: the limiter bounds how many run at once.
      // eslint-disable-next-line no-restricted-syntax
      const lessons = await Promise.all(
        m.lessons.map(async (l) => ({
          ...l,
          // eslint-disable-next-line no-restricted-syntax
          resources: await Promise.all(
            l.resources.map(async (r) => {
              return (await check(r.url)) === 'ok' ? r : searchLinkFor(r);
            }),
          ),
        })),
      );
      return { ...m, lessons };
    },
  };
}
