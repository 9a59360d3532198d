import { NextResponse } from 'next/server';
import { decideApplication } from '@/lib/experts/decide-application';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// POST /api/admin/experts/:id/decision – approve, reject, request_changes, suspend or reinstate ({ action, reason? })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await decideApplication(db, user, params.id, await readJson(req))),
  { roles: ['admin'] },
);
