import 'server-only';
import { randomBytes } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { getStorage } from '@/lib/storage/get-storage';
import type { TStorage } from '@/lib/storage/types';
import { validateUpload, type TUploadKind } from '@/lib/storage/validate-upload';
import { getOwnApplication, type TOwnDocument } from './get-own-application';
import { lockExpertApplication } from './lock-application';
import { proposeProfileChange } from './propose-profile-change';
import { requireRole } from '@/lib/auth/permissions';

export type TUploadOptions = {
  kind: TUploadKind;
  filename: string;
  bytes: Uint8Array;
  storage?: TStorage;
  maxBytes?: number;
  maxDocuments?: number;
};

/** At most this many documents on one application; the owner removes one to add another. */
export const MAX_DOCUMENTS_PER_APPLICATION = 20;

const tooMany = (max: number) =>
  new AppError('conflict', `An application can hold at most ${max} documents. Remove one to upload another.`, {
    file: `At most ${max} documents.`,
  });

async function countDocuments(tx: TUserTx, expertId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from public.expert_documents where expert_id = $1', [expertId]);
  return rows[0].n;
}

/**
 * Stores a credential or photo for the expert's own application: checked by content and size, kept under
 * an unguessable key, recorded in expert_documents (RLS: owner and admins only). An approved expert's new
 * photo waits for review like any public change; a suspended expert uploads nothing.
 */
export async function uploadDocument(db: TDb, user: TSessionUser, o: TUploadOptions): Promise<TOwnDocument> {
  requireRole(user, ['expert'], 'Only experts upload application documents.');
  const { mime, ext } = await validateUpload(o.kind, o.bytes, o.maxBytes);
  const max = o.maxDocuments ?? MAX_DOCUMENTS_PER_APPLICATION;
  const profile = await withUser(db, user, async (tx) => {
    const { rows } = await tx.query<{ id: string; status: string }>('select id, status from public.expert_profiles where user_id = $1', [
      user.id,
    ]);
    if (rows[0] && (await countDocuments(tx, rows[0].id)) >= max) throw tooMany(max);
    return rows[0];
  });
  if (!profile) throw new AppError('conflict', 'Save your profile details first.');
  if (profile.status === 'suspended') throw new AppError('forbidden', 'Your profile is suspended; contact support to change it.');
  const storage = o.storage ?? (await getStorage());
  const key = `experts/${profile.id}/${randomBytes(24).toString('hex')}.${ext}`;
  await storage.put(key, o.bytes, mime);
  const filename =
    o.filename
      .replace(/[\r\n]/g, ' ')
      .trim()
      .slice(0, 200) || `upload.${ext}`;
  const doc = await withUser(db, user, async (tx) => {
    // Counted again under the application's lock: parallel uploads cannot pass the cap together.
    await lockExpertApplication(tx, user.id);
    if ((await countDocuments(tx, profile.id)) >= max) {
      await storage.remove(key).catch(() => undefined);
      throw tooMany(max);
    }
    const { rows } = await tx.query<TOwnDocument>(
      `insert into public.expert_documents (expert_id, owner_id, kind, storage_key, filename, content_type, size_bytes)
       values ($1, $2, $3, $4, $5, $6, $7) returning id, kind, filename, content_type, size_bytes, created_at`,
      [profile.id, user.id, o.kind, key, filename, mime, o.bytes.byteLength],
    );
    if (o.kind === 'photo') {
      const own = (await getOwnApplication(tx, user.id))!;
      if (own.status === 'suspended') throw new AppError('forbidden', 'Your profile is suspended; contact support to change it.');
      if (own.status === 'approved') await proposeProfileChange(tx, own, { photoDocumentId: rows[0].id });
      else await tx.query('update public.expert_profiles set photo_document_id = $2 where id = $1', [profile.id, rows[0].id]);
    }
    return rows[0];
  });
  return doc;
}
