import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { startPurchase } from '@/lib/packages/purchase';

// POST /api/packages/:id/purchase – starts buying a package → 201 { purchaseId, checkoutUrl }
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await startPurchase(db, user, params.id), { status: 201 }),
  { roles: ['learner'] },
);
