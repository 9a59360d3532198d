import { NextResponse } from 'next/server';
import { loadOwnApplication } from '@/lib/experts/load-own';
import { saveApplication } from '@/lib/experts/save-application';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// GET /api/expert/application – the signed-in expert's application
export const GET = route(
  async ({ db, user }: TAuthedContext<object>) => NextResponse.json({ application: await loadOwnApplication(db, user) }),
  {
    roles: ['expert'],
  },
);

// PUT /api/expert/application – save one step as a draft ({ step: 'profile' | 'offerings' | 'terms', ... })
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<object>) =>
    NextResponse.json({ application: await saveApplication(db, user, await readJson(req)) }),
  {
    roles: ['expert'],
  },
);
