import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { decideSanction } from '@/lib/policy/sanctions';

// POST /api/admin/sanctions/:id/decision – uphold an appealed sanction or lift it ({ decision, note? })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json({ sanction: await decideSanction(db, user, params.id, await readJson(req)) }),
  { roles: ['admin'] },
);
