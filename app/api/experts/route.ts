import { NextResponse } from 'next/server';
import { searchDirectory } from '@/lib/experts/search-directory';
import { searchParamsToRecord } from '@/lib/experts/search-schema';
import { route } from '@/lib/http/route';

// GET /api/experts – the public directory search (listed experts only), paginated JSON.
// Under `npm start` the fast lane (lib/http/fast-lane.ts) answers this path with the same function
// before Next's router; this handler serves `next dev`/`next start` and anything the lane passes on.
export const GET = route(async ({ req, db }) =>
  NextResponse.json(await searchDirectory(db, searchParamsToRecord(req.nextUrl.searchParams))),
);
