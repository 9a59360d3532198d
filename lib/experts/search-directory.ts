import 'server-only';
import type { TQueryable } from '@/lib/db';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { cachedDirectory } from './expert-cache';
import { searchExperts, type TExpertSearchResult } from './search-experts';
import { searchKey, ZExpertSearch, type TExpertSearch } from './search-schema';

/** One page of listed experts for a parsed search, from the directory cache (the page and the API share it). */
export function cachedSearch(db: TQueryable, s: TExpertSearch): Promise<TExpertSearchResult> {
  return cachedDirectory(searchKey(s), () => searchExperts(db, s));
}

/** GET /api/experts: a query string's parameters → one page of listed experts, cached; bad input is a 400. */
export async function searchDirectory(db: TQueryable, input: Record<string, string>): Promise<TExpertSearchResult> {
  return cachedSearch(db, parseOrThrow(ZExpertSearch, input));
}
