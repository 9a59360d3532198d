import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { getOwnStanding } from '@/lib/policy/sanctions';

// GET /api/expert/sanctions – the signed-in expert's standing: strikes, thresholds, pause, sanctions
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json({ standing: await getOwnStanding(db, user) }),
  { roles: ['expert'] },
);
