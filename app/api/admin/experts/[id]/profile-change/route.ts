import { NextResponse } from 'next/server';
import { decideProfileChange } from '@/lib/experts/decide-profile-change';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// POST /api/admin/experts/:id/profile-change – accept or reject an approved expert's pending public changes ({ action, revision, reason? })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await decideProfileChange(db, user, params.id, await readJson(req))),
  { roles: ['admin'] },
);
