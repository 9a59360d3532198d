import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { listEventsAfter } from '@/lib/realtime/publish-event';

// GET /api/realtime/events?after=N – what a client missed when Socket.IO could not recover its session
export const GET = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const { after } = parseOrThrow(z.object({ after: z.coerce.number().int().min(0) }), { after: req.nextUrl.searchParams.get('after') ?? 0 });
    const events = await withUser(db, user, (tx) => listEventsAfter(tx, user.id, after));
    return NextResponse.json({ events });
  },
  { roles: ['learner', 'expert', 'admin'] },
);
