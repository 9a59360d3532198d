import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { appealSanction } from '@/lib/policy/sanctions';

// POST /api/expert/sanctions/:id/appeal – appeal one's own sanction in writing ({ appeal })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json({ sanction: await appealSanction(db, user, params.id, await readJson(req)) }),
  { roles: ['expert'] },
);
