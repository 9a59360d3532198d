import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { updatePackage } from '@/lib/packages/manage';

// PATCH /api/expert/packages/:id – { action: 'edit', package } (new terms for later sales) or { action: 'retire' }
export const PATCH = route(
  async ({ db, user, req, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json({ package: await updatePackage(db, user, params.id, await readJson(req)) }),
  { roles: ['expert'] },
);
