import { NextResponse } from 'next/server';
import { checkHealth } from '@/lib/health/check-health';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health – service modes and liveness
export const GET = route(async ({ db }) => {
  const health = await checkHealth(db);
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
