import { NextResponse } from 'next/server';
import { upsertSpecialty } from '@/lib/experts/taxonomy';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// POST /api/admin/specialties – add, rename, retire or restore a specialty ({ label, active })
export const POST = route(
  async ({ req, db, user }: TAuthedContext<object>) =>
    NextResponse.json({ specialty: await upsertSpecialty(db, user, await readJson(req)) }),
  { roles: ['admin'] },
);
