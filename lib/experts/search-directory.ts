import 'server-only';
import { withAnon, type TDb } from '@/lib/db';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { cachedDirectory } from './expert-cache';
import { searchExperts, type TExpertSearchResult } from './search-experts';
import { searchKey, ZExpertSearch, type TExpertSearch } from './search-schema';

/** One page of listed experts for a parsed search, from the directory cache (the page and the API share it), read as a visitor. */
export function cachedSearch(db: TDb, s: TExpertSearch): Promise<TExpertSearchResult> {
  return cachedDirectory(searchKey(s), () => withAnon(db, (tx) => searchExperts(tx, s)));
}

/** GET /api/experts: a query string's parameters → one page of listed experts, cached; bad input is a 400. */
export async function searchDirectory(db: TDb, input: Record<string, string>): Promise<TExpertSearchResult> {
  return cachedSearch(db, parseOrThrow(ZExpertSearch, input));
}

/**
 * The /experts page's search: a page number past the last page (a hand-made or stale link, `?page=999`)
 * shows the last page rather than "page 999 of 1" over an empty list. The API keeps the empty page and the
 * total, so a client paging until it gets no items still stops.
 */
export async function searchDirectoryPage(db: TDb, s: TExpertSearch): Promise<TExpertSearchResult> {
  const result = await cachedSearch(db, s);
  return result.items.length === 0 && s.page > result.pageCount ? cachedSearch(db, { ...s, page: result.pageCount }) : result;
}
