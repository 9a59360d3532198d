import 'server-only';
import type { TDb, TQueryable } from './types';

export type TDbUser = { id: string; role: 'learner' | 'expert' | 'admin'; email?: string };

/**
 * Runs fn in a transaction as Supabase's PostgREST would for a signed-in user: role `authenticated`
 * and the JWT claims in `request.jwt.claims`, so row-level security policies apply on top of the
 * app's own checks.
 */
export function withUser<T>(db: TDb, user: TDbUser, fn: (tx: TQueryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const claims = { sub: user.id, role: 'authenticated', email: user.email, app_metadata: { role: user.role } };
    await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
    await tx.exec('set local role authenticated');
    return fn(tx);
  });
}
