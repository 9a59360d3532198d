import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { listAdminPayments } from '@/lib/payments/views';

// GET /api/admin/payments[?disputed=1] – payments newest first, with what can still be refunded; admins only
export const GET = route(
  async ({ req, db, user }: TAuthedContext<object>) =>
    NextResponse.json({ payments: await listAdminPayments(db, user, { disputed: req.nextUrl.searchParams.get('disputed') === '1' }) }),
  { roles: ['admin'] },
);
