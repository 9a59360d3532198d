import { NextResponse } from 'next/server';
import { disconnect, updateSelection } from '@/lib/calendar/manage';
import { readJson, route } from '@/lib/http/route';

// PATCH /api/calendar/connections/:id – { busyCalendarIds?, targetCalendarId? }: which calendars count as busy,
// which one receives sessions (one across all connections)
export const PATCH = route<{ id: string }>(
  async ({ req, db, user, params }) => NextResponse.json({ connection: await updateSelection(db, user, params.id, await readJson(req)) }),
  { roles: ['expert'] },
);

// DELETE /api/calendar/connections/:id – disconnect: forget the tokens, drop its busy blocks, stop push channels
export const DELETE = route<{ id: string }>(
  async ({ db, user, params }) => {
    await disconnect(db, user, params.id);
    return new NextResponse(null, { status: 204 });
  },
  { roles: ['expert'] },
);
