import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { retryOutboxMessage } from '@/lib/notifications/retry-outbox-message';

// POST /api/admin/outbox/:id/retry – send a failed or unknown message again (docs/notifications.md)
export const POST = route<{ id: string }>(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => NextResponse.json(await retryOutboxMessage(db, user, params.id)),
  { roles: ['admin'] },
);
