import 'server-only';
import type { TAnonTx, TDb, TUserTx } from './types';

export type TDbUser = { id: string; role: 'learner' | 'expert' | 'admin'; email?: string };

/**
 * Runs fn in a transaction as Supabase's PostgREST would for a signed-in user: role `authenticated`
 * and the JWT claims in `request.jwt.claims`, so row-level security policies apply on top of the
 * app's own checks. The only place a TUserTx is made.
 */
export function withUser<T>(db: TDb, user: TDbUser, fn: (tx: TUserTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const claims = { sub: user.id, role: 'authenticated', email: user.email, app_metadata: { role: user.role } };
    // One round trip for both settings (set_config with is_local = true is `set local`).
    await tx.query("select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)", [
      JSON.stringify(claims),
    ]);
    return fn(tx as unknown as TUserTx);
  });
}

/**
 * Runs fn in a transaction as a signed-out visitor: role `anon` and no claims, so only rows the `anon`
 * policies expose are visible. Public reads (profiles, the directory, slots, reviews, taxonomy) go
 * through here rather than the privileged connection. Reads only: on Postgres the statements run on
 * a pool of `anon` sessions, not in one transaction.
 */
export function withAnon<T>(db: TDb, fn: (tx: TAnonTx) => Promise<T>): Promise<T> {
  return db.asAnon(fn);
}
