import { NextResponse } from 'next/server';
import { getSlotsResponse } from '@/lib/availability/get-expert-slots';
import { route } from '@/lib/http/route';

// GET /api/experts/:slug/slots?from=YYYY-MM-DD&to=YYYY-MM-DD&length=60&tz=Asia/Kolkata – a listed expert's free
// slots (public, never cached by browsers): from/to are local dates in tz (to exclusive; default today + 31 days, at most 62).
// Under `npm start` the fast lane keeps identical answers up to 10 s, dropped on every slot change (lib/availability/slots-cache.ts).
export const GET = route<{ slug: string }>(async ({ req, params, db }) =>
  NextResponse.json(await getSlotsResponse(db, params.slug, req.nextUrl.searchParams), { headers: { 'cache-control': 'no-store' } }),
);
