import { NextResponse } from 'next/server';
import { getPublicSlots, resolveSlotsQuery } from '@/lib/availability/get-expert-slots';
import type { TSlotsResponse } from '@/lib/booking/contract';
import { AppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

// GET /api/experts/:slug/slots?from=YYYY-MM-DD&to=YYYY-MM-DD&length=60&tz=Asia/Kolkata – a listed expert's free
// slots (public, never cached): from/to are local dates in tz (to exclusive; default today + 31 days, at most 62).
export const GET = route<{ slug: string }>(async ({ req, params, db }) => {
  const q = resolveSlotsQuery(req.nextUrl.searchParams);
  const found = await getPublicSlots(db, params.slug, q);
  if (!found) throw new AppError('not_found', 'No such expert.');
  const body: TSlotsResponse = {
    expertTimeZone: found.data.timeZone,
    timeZone: q.timeZone,
    lengthMinutes: found.lengthMinutes,
    offerings: found.data.offerings,
    slots: found.slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  };
  return NextResponse.json(body, { headers: { 'cache-control': 'no-store' } });
});
