import { NextResponse } from 'next/server';
import { saveNotes } from '@/lib/booking/manage';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// PUT /api/bookings/:id/notes – the expert's private notes on the session
export const PUT = route(
  async ({ db, user, params, req }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await saveNotes(db, user, params.id, await readJson(req))),
  { roles: ANY_ROLE },
);
