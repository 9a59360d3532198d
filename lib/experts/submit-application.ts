import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { fieldErrors } from '@/lib/http/zod-fields';
import { ZApplication } from './application-schema';
import { transition } from './application-status';
import { getOwnApplication, type TOwnApplication } from './get-own-application';

/** Moves the expert's own application to submitted once every step is complete and a credential is attached. */
export async function submitApplication(db: TDb, user: TSessionUser): Promise<TOwnApplication> {
  return withUser(db, user, async (tx) => {
    const own = await getOwnApplication(tx, user.id);
    if (!own) throw new AppError('conflict', 'Save your profile details first.');
    const t = transition(own.status, 'submit', 'owner');
    if (!t.ok) throw new AppError('conflict', t.message);
    const complete = ZApplication.safeParse({
      displayName: own.display_name,
      headline: own.headline,
      bio: own.bio,
      specialties: own.specialties,
      tags: own.tags,
      languages: own.languages,
      yearsExperience: own.years_experience,
      country: own.country ?? '',
      timezone: own.timezone,
      links: own.links,
      offerings: own.offerings.map((o) => ({ durationMinutes: o.duration_minutes, priceMinor: o.price_minor, currency: o.currency })),
      acceptTerms: own.terms_accepted_at !== null,
    });
    const fields = complete.success ? {} : fieldErrors(complete.error);
    if (!own.documents.some((d) => d.kind === 'credential')) fields.documents = 'Attach at least one credential (PDF or image).';
    if (Object.keys(fields).length) throw new AppError('invalid_input', 'Your application is not complete yet.', fields);
    await tx.query('select public.submit_expert_application()');
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'expert.submit', 'expert_profile', $2, $3)`,
      [user.id, own.id, JSON.stringify({ from: own.status, to: 'submitted' })],
    );
    return (await getOwnApplication(tx, user.id))!;
  });
}
