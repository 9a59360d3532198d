import type { TQueryable } from './types';

/**
 * Holds a transaction-level advisory lock named `scope:key` until the transaction ends, so two requests
 * touching the same thing (one user's limits, one expert's application) take turns.
 */
export async function lockUntilCommit(tx: TQueryable, scope: string, key: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [scope, key]);
}
