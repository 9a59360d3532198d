import 'server-only';
import type { TQueryable } from '@/lib/db';

/** Serialises changes to one expert's application (saves, uploads, deletions) until the transaction ends. */
export async function lockExpertApplication(tx: TQueryable, userId: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('expert-application:' || $1, 0))`, [userId]);
}
