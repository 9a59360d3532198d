import { NextResponse } from 'next/server';
import { requestSync } from '@/lib/calendar/manage';
import { route } from '@/lib/http/route';

// POST /api/calendar/connections/:id/sync – "Sync now": queue an incremental sync of the expert's own connection
export const POST = route<{ id: string }>(
  async ({ db, user, params }) => {
    await requestSync(db, user, params.id);
    return NextResponse.json({ queued: true }, { status: 202 });
  },
  { roles: ['expert'] },
);
