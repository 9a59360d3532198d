import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { readJson, route } from '@/lib/http/route';
import { deleteAccount } from '@/lib/privacy/delete-account';
import { ANY_ROLE } from '@/lib/auth/permissions';

// DELETE /api/account { password } – delete the signed-in account (admins: 403); signs out everywhere
export const DELETE = route(
  async ({ req, db, user, ip }) => {
    const result = await deleteAccount(db, user, await readJson(req), { ip });
    const res = NextResponse.json({ deleted: true, ...result, redirectTo: '/privacy?account=deleted' });
    // Set on the response (not next/headers) so the cookie goes even where no request scope exists.
    res.cookies.delete(SESSION_COOKIE);
    return res;
  },
  { roles: ANY_ROLE },
);
