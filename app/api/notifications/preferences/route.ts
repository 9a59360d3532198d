import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { setSmsOptIn } from '@/lib/notifications/phone';
import { getPreferences, updatePreferences } from '@/lib/notifications/preferences';

// GET /api/notifications/preferences – the event × channel matrix (defaults, locked channels) and the phone state
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json(await getPreferences(db, user.id)),
  { roles: ANY_ROLE },
);

// PUT /api/notifications/preferences { changes: [{ event, channel, enabled }] } | { smsOptIn: boolean }
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const body = await readJson(req);
    const result = await db.transaction(async (tx) => {
      if (body && typeof body === 'object' && 'smsOptIn' in body) {
        await setSmsOptIn(tx, user.id, body);
        return getPreferences(tx, user.id);
      }
      return updatePreferences(tx, user.id, body);
    });
    return NextResponse.json(result);
  },
  { roles: ANY_ROLE },
);
