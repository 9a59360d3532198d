import { ZApplicationOfferings, ZApplicationProfile } from './application-schema';
import type { TProfileFields } from './profile-fields';

// Where a returning expert picks the application up. Pure: the form's steps, judged by the same schemas the
// server checks on submit.
export { APPLICATION_STEPS } from './application-options';

type TProgress = TProfileFields & {
  offerings: { duration_minutes: number; price_minor: number; currency: string }[];
  documents: { kind: 'credential' | 'photo' }[];
};

/** The index of the first step still to do (the last step once all are done). */
export function firstUnfinishedStep(app: TProgress | null): number {
  if (!app) return 0;
  const profile = ZApplicationProfile.safeParse({
    displayName: app.display_name,
    headline: app.headline,
    bio: app.bio,
    specialties: app.specialties,
    tags: app.tags,
    languages: app.languages,
    yearsExperience: app.years_experience,
    country: app.country ?? '',
    timezone: app.timezone,
    links: app.links,
  });
  if (!profile.success) return 0;
  const offerings = ZApplicationOfferings.safeParse({
    offerings: app.offerings.map((o) => ({ durationMinutes: o.duration_minutes, priceMinor: o.price_minor, currency: o.currency })),
  });
  if (!offerings.success) return 1;
  if (!app.documents.some((d) => d.kind === 'credential')) return 2;
  return 3;
}
