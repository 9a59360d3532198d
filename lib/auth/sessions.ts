import 'server-only';
import { getCache, type TCache } from '@/lib/cache/cache';
import type { TPrivilegedTx } from '@/lib/db';
import { disconnectSessions } from '@/lib/realtime/publish-event';
import { ZSessionUser, type TSessionUser } from './schemas';
import { hashToken, newToken } from './tokens';

// Short enough that a revoked session or changed role is seen quickly by every instance.
const CACHE_SECONDS = 60;

export type TSessionMeta = { ip?: string | null; userAgent?: string | null };
export type TNewSession = { token: string; expiresAt: Date };

export async function createSession(db: TPrivilegedTx, userId: string, ttlDays: number, meta: TSessionMeta = {}): Promise<TNewSession> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  await db.query('insert into public.sessions (id, user_id, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5)', [
    hashToken(token),
    userId,
    expiresAt,
    meta.ip ?? null,
    meta.userAgent?.slice(0, 300) ?? null,
  ]);
  return { token, expiresAt };
}

/** The signed-in user for a cookie token, or null. Cached (Redis or in-process) for a minute. */
export async function getSessionUser(
  db: TPrivilegedTx,
  token: string | undefined,
  cache: TCache = getCache(),
): Promise<TSessionUser | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const key = `session:${id}`;
  const cached = await cache.get<TSessionUser | null>(key);
  if (cached !== undefined) return cached;
  const { rows } = await db.query<TSessionUser & { seconds_left: number }>(
    `select u.id, u.email, u.name, u.role, extract(epoch from s.expires_at - now())::float8 as seconds_left
       from public.sessions s join public.users u on u.id = s.user_id
      where s.id = $1 and s.expires_at > now()`,
    [id],
  );
  const user = rows[0] ? ZSessionUser.parse(rows[0]) : null;
  // A kept answer never outlives the session: it expires with it, or after a minute, whichever comes first.
  const seconds = rows[0] ? Math.min(CACHE_SECONDS, Math.floor(rows[0].seconds_left)) : CACHE_SECONDS;
  if (seconds > 0) await cache.set(key, user, seconds);
  return user;
}

export async function revokeSession(db: TPrivilegedTx, token: string, cache: TCache = getCache()): Promise<void> {
  const id = hashToken(token);
  await db.query('delete from public.sessions where id = $1', [id]);
  await cache.del(`session:${id}`);
  disconnectSessions([id]); // its open sockets close too
}

/** Signs a user out everywhere (after a password reset). */
export async function revokeUserSessions(db: TPrivilegedTx, userId: string, cache: TCache = getCache()): Promise<void> {
  const { rows } = await db.query<{ id: string }>('delete from public.sessions where user_id = $1 returning id', [userId]);
  await cache.del(...rows.map((r) => `session:${r.id}`));
  disconnectSessions(rows.map((r) => r.id));
}
