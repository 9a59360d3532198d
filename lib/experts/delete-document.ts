import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { logger } from '@/lib/log/logger';
import { getStorage } from '@/lib/storage/get-storage';
import type { TStorage } from '@/lib/storage/types';
import { lockExpertApplication } from './lock-application';
import { requireRole } from '@/lib/auth/permissions';

/** Application statuses in which the owner may still remove a document (the database agrees: …0600_limits). */
const EDITABLE = ['draft', 'changes_requested'];

/**
 * Removes one of the expert's own documents while the application is editable. Someone else's document is
 * `not_found`, as if it did not exist. The stored file goes after the row is gone.
 */
export async function deleteDocument(db: TDb, user: TSessionUser, o: { id: string; storage?: TStorage }): Promise<void> {
  requireRole(user, ['expert'], 'Only experts remove application documents.');
  const key = await withUser(db, user, async (tx) => {
    await lockExpertApplication(tx, user.id);
    const { rows } = await tx.query<{ storage_key: string; expert_id: string; status: string }>(
      `select d.storage_key, d.expert_id, p.status from public.expert_documents d join public.expert_profiles p on p.id = d.expert_id
        where d.id = $1 and d.owner_id = $2`,
      [o.id, user.id],
    );
    const doc = rows[0];
    if (!doc) throw new AppError('not_found', 'Document not found.');
    if (!EDITABLE.includes(doc.status))
      throw new AppError('conflict', 'Documents can be removed only while the application is a draft or has changes requested.');
    await tx.query('update public.expert_profiles set photo_document_id = null where id = $1 and photo_document_id = $2', [
      doc.expert_id,
      o.id,
    ]);
    await tx.query('delete from public.expert_documents where id = $1 and owner_id = $2', [o.id, user.id]);
    return doc.storage_key;
  });
  const storage = o.storage ?? (await getStorage());
  // The row is gone, so the file is unreachable either way; a failed removal only leaves an orphan to log.
  await storage.remove(key).catch((err: unknown) => logger().warn({ err, key }, 'document file removal failed'));
}
