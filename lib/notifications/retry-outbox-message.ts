import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireAdmin } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { retryMessages } from './deliver';

/**
 * An admin sends a failed or unknown message again (docs/notifications.md). Written on the service connection
 * (no user role may update the outbox); the admin check is here, and the retry goes to the audit log.
 */
export async function retryOutboxMessage(db: TDb, admin: TSessionUser, id: string): Promise<{ status: 'pending' }> {
  requireAdmin(admin, 'Only admins retry messages.');
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: string; provider: string }>(
      'select status, provider from public.outbox_messages where id = $1 for update',
      [id],
    );
    if (!rows[0]) throw new AppError('not_found', 'No such message.');
    if (rows[0].provider === 'outbox') throw new AppError('conflict', 'The dev outbox sends nothing: there is nothing to retry.');
    if (!['failed', 'unknown'].includes(rows[0].status))
      throw new AppError('conflict', `The message is ${rows[0].status}; only failed or unknown messages are retried.`);
    await retryMessages(tx, [id]);
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, 'outbox.retry', 'outbox_message', $2, null, $3::jsonb)`,
      [admin.id, id, JSON.stringify({ from: rows[0].status })],
    );
  });
  return { status: 'pending' };
}
