import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { refundUnused } from '@/lib/packages/refund';

// POST /api/packages/purchases/:id/refund – refunds the unused sessions pro rata within the refund window
// → { refundMinor, sessions }
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => NextResponse.json(await refundUnused(db, user, params.id)),
  { roles: ['learner', 'admin'] },
);
