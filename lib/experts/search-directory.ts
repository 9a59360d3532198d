import 'server-only';
import type { TQueryable } from '@/lib/db';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { cachedDirectory } from './expert-cache';
import { searchExperts, type TExpertSearchResult } from './search-experts';
import { searchKey, ZExpertSearch } from './search-schema';

/** GET /api/experts: a query string's parameters → one page of listed experts, cached; bad input is a 400. */
export async function searchDirectory(db: TQueryable, input: Record<string, string>): Promise<TExpertSearchResult> {
  const s = parseOrThrow(ZExpertSearch, input);
  return cachedDirectory(searchKey(s), () => searchExperts(db, s));
}
