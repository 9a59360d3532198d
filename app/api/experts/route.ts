import { NextResponse } from 'next/server';
import { cachedDirectory } from '@/lib/experts/expert-cache';
import { searchExperts } from '@/lib/experts/search-experts';
import { searchKey, searchParamsToRecord, ZExpertSearch } from '@/lib/experts/search-schema';
import { route } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';

// GET /api/experts – the public directory search (listed experts only), paginated JSON
export const GET = route(async ({ req, db }) => {
  const s = parseOrThrow(ZExpertSearch, searchParamsToRecord(req.nextUrl.searchParams));
  const result = await cachedDirectory(searchKey(s), () => searchExperts(db, s));
  return NextResponse.json(result);
});
