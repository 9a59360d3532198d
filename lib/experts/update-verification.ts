import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { invalidateExpertCache } from './expert-cache';
import { requireAdmin } from '@/lib/auth/permissions';

export const ZVerification = z.object({
  identityVerified: z.boolean(),
  credentialsVerified: z.boolean(),
  backgroundStatus: z.enum(['not_started', 'pending', 'clear', 'flagged']),
  backgroundNote: z
    .string()
    .trim()
    .max(2000, 'Use at most 2,000 characters.')
    .optional()
    .transform((v) => v || null),
});
export type TVerificationInput = z.input<typeof ZVerification>;

/** Saves the verification checklist of an application, with an audit entry. */
export async function updateVerification(db: TDb, admin: TSessionUser, expertId: string, input: unknown): Promise<void> {
  requireAdmin(admin, 'Only admins verify applications.');
  const v = parseOrThrow(ZVerification, input);
  await withUser(db, admin, async (tx) => {
    const exists = await tx.query('select 1 from public.expert_profiles where id = $1', [expertId]);
    if (!exists.rows.length) throw new AppError('not_found', 'No such application.');
    await tx.query(
      `insert into public.expert_verifications (expert_id, identity_verified, credentials_verified, background_status, background_note, updated_by, updated_at)
       values ($1, $2, $3, $4, $5, $6, now())
       on conflict (expert_id) do update set identity_verified = excluded.identity_verified, credentials_verified = excluded.credentials_verified,
         background_status = excluded.background_status, background_note = excluded.background_note, updated_by = excluded.updated_by, updated_at = now()`,
      [expertId, v.identityVerified, v.credentialsVerified, v.backgroundStatus, v.backgroundNote, admin.id],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, 'expert.verification', 'expert_profile', $2, $3, $4)`,
      [admin.id, expertId, v.backgroundNote, JSON.stringify(v)],
    );
  });
}

export const ZVisibility = z.object({ hidden: z.boolean(), reason: z.string().trim().max(2000).optional() });

/** Hides or shows a profile in the directory without changing its status. */
export async function setExpertHidden(db: TDb, admin: TSessionUser, expertId: string, input: unknown): Promise<void> {
  requireAdmin(admin, 'Only admins hide profiles.');
  const v = parseOrThrow(ZVisibility, input);
  const slug = await withUser(db, admin, async (tx) => {
    const { rows } = await tx.query<{ slug: string }>('update public.expert_profiles set hidden = $2 where id = $1 returning slug', [
      expertId,
      v.hidden,
    ]);
    if (!rows[0]) throw new AppError('not_found', 'No such expert.');
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, $2, 'expert_profile', $3, $4, '{}')`,
      [admin.id, v.hidden ? 'expert.hide' : 'expert.show', expertId, v.reason ?? null],
    );
    return rows[0].slug;
  });
  await invalidateExpertCache(slug);
}
