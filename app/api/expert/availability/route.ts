import { NextResponse } from 'next/server';
import { loadAvailability, saveAvailability } from '@/lib/availability/store';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// GET /api/expert/availability – the signed-in expert's weekly hours, date overrides and settings, in their zone
export const GET = route(
  async ({ db, user }: TAuthedContext<object>) => NextResponse.json({ availability: await loadAvailability(db, user) }),
  {
    roles: ['expert'],
  },
);

// PUT /api/expert/availability – replace them ({ weekly, overrides, settings }); 400 with field paths
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<object>) =>
    NextResponse.json({ availability: await saveAvailability(db, user, await readJson(req)) }),
  {
    roles: ['expert'],
  },
);
