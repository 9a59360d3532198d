import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { notifyUser } from '@/lib/notifications/notify-user';
import { invalidateExpertCache } from './expert-cache';
import { getPendingChange } from './get-profile-change';
import { diffProfileChange, type TLiveProfile, type TProposedChange } from './profile-change';
import { requireAdmin } from '@/lib/auth/permissions';

export const ZProfileChangeDecision = z.object({
  action: z.enum(['accept', 'reject']),
  // The version the admin looked at: a proposal edited since then is not decided blind.
  revision: z.coerce.number().int().min(1),
  reason: z
    .string()
    .trim()
    .max(2000, 'Use at most 2,000 characters.')
    .optional()
    .transform((v) => v || undefined),
});

const MESSAGES = {
  accept: {
    title: 'Your profile changes are live',
    body: () => 'The review team accepted your changes: your public profile now shows them.',
  },
  reject: {
    title: 'Your profile changes were not accepted',
    body: (r?: string) => `Reason: ${r}\n\nYour public profile is unchanged. Edit your profile to propose changes again.`,
  },
};

/**
 * An admin accepts or rejects an approved expert's pending public changes. Accepting applies the whole proposal
 * in one transaction (profile, prices, photo); either way the decision is in the audit log and the expert is told
 * in-app and by email. The directory cache is dropped after an acceptance.
 */
export async function decideProfileChange(
  db: TDb,
  admin: TSessionUser,
  expertId: string,
  input: unknown,
): Promise<{ status: 'accepted' | 'rejected' }> {
  requireAdmin(admin, 'Only admins review profile changes.');
  const d = parseOrThrow(ZProfileChangeDecision, input);
  if (d.action === 'reject' && !d.reason)
    throw new AppError('invalid_input', 'Give the expert a reason.', { reason: 'Give the expert a reason.' });
  const result = await withUser(db, admin, async (tx) => {
    const { rows } = await tx.query<TLiveProfile & { id: string; user_id: string; email: string }>(
      `select p.id, p.user_id, u.email, p.slug, p.display_name, p.headline, p.bio, p.specialties, p.tags, p.languages, p.years_experience,
              p.country, p.timezone, p.links, p.photo_document_id,
              coalesce((select json_agg(json_build_object('duration_minutes', o.duration_minutes, 'price_minor', o.price_minor, 'currency', o.currency))
                          from public.expert_offerings o where o.expert_id = p.id), '[]') as offerings
         from public.expert_profiles p join public.users u on u.id = p.user_id where p.id = $1 for update of p`,
      [expertId],
    );
    const live = rows[0];
    if (!live) throw new AppError('not_found', 'No such expert.');
    if (live.user_id === admin.id) throw new AppError('forbidden', 'You cannot review changes to your own profile.');
    const change = await getPendingChange(tx, expertId);
    if (!change) throw new AppError('not_found', 'No profile changes are waiting for review.');
    if (change.revision !== d.revision) {
      throw new AppError('conflict', 'The expert changed this proposal since you opened it. Reload the page to see the latest version.');
    }
    const fields = diffProfileChange(live, change.proposed).map((c) => c.field);
    if (d.action === 'accept') await applyChange(tx, expertId, change.proposed);
    const status = d.action === 'accept' ? 'accepted' : 'rejected';
    await tx.query(
      `update public.expert_profile_changes set status = $2, reason = $3, decided_by = $4, decided_at = now(), updated_at = now() where id = $1`,
      [change.id, status, d.reason ?? null, admin.id],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, $2, 'expert_profile', $3, $4, $5)`,
      [admin.id, `expert.profile_change.${d.action}`, expertId, d.reason ?? null, JSON.stringify({ revision: change.revision, fields })],
    );
    await notifyUser(tx, live.user_id, {
      kind: `expert.profile_change.${d.action}`,
      title: MESSAGES[d.action].title,
      body: MESSAGES[d.action].body(d.reason),
      link: '/dashboard',
    });
    return { status, slug: live.slug, email: live.email, userId: live.user_id } as const;
  });
  const m = MESSAGES[d.action];
  await enqueueMessage(db, {
    channel: 'email',
    recipient: result.email,
    userId: result.userId,
    template: `expert-profile-change-${d.action}`,
    subject: m.title,
    body: m.body(d.reason),
  });
  if (result.status === 'accepted') await invalidateExpertCache(result.slug);
  return { status: result.status };
}

async function applyChange(tx: TUserTx, expertId: string, p: TProposedChange): Promise<void> {
  if (p.profile) {
    const f = p.profile;
    await tx.query(
      `update public.expert_profiles set display_name = $2, headline = $3, bio = $4, specialties = $5, tags = $6, languages = $7,
              years_experience = $8, country = $9, timezone = $10, links = $11 where id = $1`,
      [
        expertId,
        f.displayName,
        f.headline,
        f.bio,
        f.specialties,
        f.tags,
        f.languages,
        f.yearsExperience,
        f.country,
        f.timezone,
        JSON.stringify(f.links),
      ],
    );
  }
  if (p.offerings) {
    await tx.query('delete from public.expert_offerings where expert_id = $1', [expertId]);
    for (const o of p.offerings) {
      await tx.query('insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, $2, $3, $4)', [
        expertId,
        o.durationMinutes,
        o.priceMinor,
        o.currency,
      ]);
    }
  }
  if (p.photoDocumentId) {
    const { rows } = await tx.query(
      `update public.expert_profiles set photo_document_id = d.id from public.expert_documents d
        where public.expert_profiles.id = $1 and d.id = $2 and d.expert_id = $1 and d.kind = 'photo' returning d.id`,
      [expertId, p.photoDocumentId],
    );
    if (!rows.length) throw new AppError('conflict', 'The proposed photo is no longer available.');
  }
}
