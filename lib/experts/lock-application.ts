import 'server-only';
import type { TUserTx } from '@/lib/db';
import { lockUntilCommit } from '@/lib/db/transaction-lock';

/** Serialises changes to one expert's application (saves, uploads, deletions) until the transaction ends. */
export async function lockExpertApplication(tx: TUserTx, userId: string): Promise<void> {
  await lockUntilCommit(tx, 'expert-application', userId);
}
