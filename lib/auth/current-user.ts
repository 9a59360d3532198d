import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { hasRole } from './permissions';
import type { TRole, TSessionUser } from './schemas';
import { readSessionCookie } from './session-cookie';
import { getSessionUser } from './sessions';

/** The signed-in user for this request (memoised per render), or null. */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => {
  const token = await readSessionCookie();
  if (!token) return null;
  return getSessionUser(await getDb(), token);
});

/** Page guard: sends visitors to sign in and back. */
export async function requireUser(next = '/'): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return user;
}

/** Page guard by role: a signed-in user with another role gets the 403 page. */
export async function requireRole(roles: TRole[], next = '/'): Promise<TSessionUser> {
  const user = await requireUser(next);
  if (!hasRole(user, roles)) forbidden();
  return user;
}
