import { NextResponse } from 'next/server';
import { cancelPreview } from '@/lib/booking/manage';
import { route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// GET /api/bookings/:id/cancel-preview – the refund a cancellation now would give, and why
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await cancelPreview(db, user, params.id), { headers: { 'cache-control': 'no-store' } }),
  { roles: ANY_ROLE },
);
