import { NextResponse } from 'next/server';
import { getSlotsResponse } from '@/lib/availability/get-expert-slots';
import { route } from '@/lib/http/route';

// GET /api/experts/:slug/slots?from=YYYY-MM-DD&to=YYYY-MM-DD&length=60&tz=Asia/Kolkata – a listed expert's free
// slots (public, never cached): from/to are local dates in tz (to exclusive; default today + 31 days, at most 62).
export const GET = route<{ slug: string }>(async ({ req, params, db }) =>
  NextResponse.json(await getSlotsResponse(db, params.slug, req.nextUrl.searchParams), { headers: { 'cache-control': 'no-store' } }),
);
