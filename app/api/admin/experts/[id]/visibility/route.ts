import { NextResponse } from 'next/server';
import { setExpertHidden } from '@/lib/experts/update-verification';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// POST /api/admin/experts/:id/visibility – hide or show a profile ({ hidden, reason? })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    await setExpertHidden(db, user, params.id, await readJson(req));
    return NextResponse.json({ ok: true });
  },
  { roles: ['admin'] },
);
