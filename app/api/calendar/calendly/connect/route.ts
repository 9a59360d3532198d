import { NextResponse } from 'next/server';
import { connectCalendlyToken } from '@/lib/calendar/calendly/push';
import { readJson, route } from '@/lib/http/route';

// POST /api/calendar/calendly/connect {token} – connects Calendly with a personal access token the expert pasted
export const POST = route(
  async ({ req, db, user }) => NextResponse.json(await connectCalendlyToken(db, user, await readJson(req, 16 * 1024)), { status: 201 }),
  { roles: ['expert'] },
);
