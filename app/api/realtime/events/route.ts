import { NextResponse } from 'next/server';
import { z } from 'zod';
import { route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { listMissedEvents } from '@/lib/realtime/list-missed-events';
import { ANY_ROLE } from '@/lib/auth/permissions';

// GET /api/realtime/events?after=N – what a client missed when Socket.IO could not recover its session
export const GET = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const { after } = parseOrThrow(z.object({ after: z.coerce.number().int().min(0) }), {
      after: req.nextUrl.searchParams.get('after') ?? 0,
    });
    const events = await listMissedEvents(db, user, after);
    return NextResponse.json({ events });
  },
  { roles: ANY_ROLE },
);
