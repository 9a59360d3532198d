import { NextResponse } from 'next/server';
import { updateVerification } from '@/lib/experts/update-verification';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// PUT /api/admin/experts/:id/verification – the verification checklist
export const PUT = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    await updateVerification(db, user, params.id, await readJson(req));
    return NextResponse.json({ ok: true });
  },
  { roles: ['admin'] },
);
