import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { adminRecordingLink } from '@/lib/video/recordings';

// POST /api/admin/recordings/:id/access { reason } – the audited admin path: the reason goes to the audit log, then a 5-minute link
export const POST = route(
  async ({ db, user, params, req }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await adminRecordingLink(db, user, params.id, await readJson(req))),
  { roles: ['admin'] },
);
