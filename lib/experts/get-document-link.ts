import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { getStorage } from '@/lib/storage/get-storage';
import type { TStorage } from '@/lib/storage/types';
import { assertOwnerOrAdmin } from '@/lib/auth/permissions';

export const DOCUMENT_LINK_SECONDS = 300;

/**
 * A short-lived link to an application document, for its owner or an admin. Anyone else gets
 * not_found (the same answer as for a document that does not exist).
 */
export async function getDocumentLink(db: TDb, user: TSessionUser, documentId: string, storage?: TStorage): Promise<string> {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) throw new AppError('not_found', 'No such document.');
  const doc = await withUser(db, user, async (tx) => {
    const { rows } = await tx.query<{ storage_key: string; owner_id: string }>(
      'select storage_key, owner_id from public.expert_documents where id = $1',
      [documentId],
    );
    return rows[0];
  });
  if (!doc) throw new AppError('not_found', 'No such document.');
  assertOwnerOrAdmin(user, doc.owner_id, () => new AppError('not_found', 'No such document.'));
  return (storage ?? (await getStorage())).signedUrl(doc.storage_key, DOCUMENT_LINK_SECONDS);
}

/** The photo of a listed expert, for anyone (public profiles show it), as a short-lived link. */
export async function getPublicPhotoLink(db: TDb, slug: string, storage?: TStorage): Promise<string | null> {
  const { rows } = await db.query<{ storage_key: string }>(
    `select d.storage_key from public.expert_profiles p join public.expert_documents d on d.id = p.photo_document_id
      where p.slug = $1 and p.status = 'approved' and not p.hidden`,
    [slug],
  );
  if (!rows[0]) return null;
  return (storage ?? (await getStorage())).signedUrl(rows[0].storage_key, DOCUMENT_LINK_SECONDS);
}
