import 'server-only';
import { randomBytes } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { ZApplicationDraft, ZApplicationProfile } from './application-schema';
import { getOwnApplication, type TOwnApplication } from './get-own-application';
import { lockExpertApplication } from './lock-application';
import { proposeProfileChange } from './propose-profile-change';
import { requireRole } from '@/lib/auth/permissions';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${base || 'expert'}-${randomBytes(3).toString('hex')}`;
}

/**
 * Saves one step of the application as a draft. The status never changes here. An approved expert's public
 * fields (profile step, prices) go to review instead, leaving the live profile as approved; a suspended
 * expert cannot edit at all (the database refuses both too: migration …0200_profile_review).
 */
export async function saveApplication(db: TDb, user: TSessionUser, input: unknown): Promise<TOwnApplication> {
  requireRole(user, ['expert'], 'Only expert accounts can apply.');
  const draft = parseOrThrow(ZApplicationDraft, input);
  return withUser(db, user, async (tx) => {
    // One save of an expert's application at a time (two tabs): the second sees the first's rows instead of
    // inserting the same profile or offerings again (a duplicate-key 500).
    await lockExpertApplication(tx, user.id);
    let own = await getOwnApplication(tx, user.id);
    if (own?.status === 'suspended') throw new AppError('forbidden', 'Your profile is suspended; contact support to change it.');
    if (!own) {
      if (draft.step !== 'profile') throw new AppError('conflict', 'Save your profile details first.');
      await tx.query(`insert into public.expert_profiles (user_id, slug, display_name, status) values ($1, $2, $3, 'draft')`, [
        user.id,
        slugify(draft.displayName),
        draft.displayName,
      ]);
      own = (await getOwnApplication(tx, user.id))!;
    }
    if (own.status === 'approved' && draft.step !== 'terms') {
      await proposeProfileChange(
        tx,
        own,
        draft.step === 'profile' ? { profile: ZApplicationProfile.parse(draft) } : { offerings: draft.offerings },
      );
    } else if (draft.step === 'profile') {
      await tx.query(
        `update public.expert_profiles set display_name = $2, headline = $3, bio = $4, specialties = $5, tags = $6, languages = $7,
                years_experience = $8, country = $9, timezone = $10, links = $11 where id = $1`,
        [
          own.id,
          draft.displayName,
          draft.headline,
          draft.bio,
          draft.specialties,
          draft.tags,
          draft.languages,
          draft.yearsExperience,
          draft.country,
          draft.timezone,
          JSON.stringify(draft.links),
        ],
      );
    } else if (draft.step === 'offerings') {
      await tx.query('delete from public.expert_offerings where expert_id = $1', [own.id]);
      for (const o of draft.offerings) {
        await tx.query('insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, $2, $3, $4)', [
          own.id,
          o.durationMinutes,
          o.priceMinor,
          o.currency,
        ]);
      }
    } else {
      await tx.query('update public.expert_profiles set terms_accepted_at = case when $2 then now() end where id = $1', [
        own.id,
        draft.acceptTerms,
      ]);
    }
    return (await getOwnApplication(tx, user.id))!;
  });
}
