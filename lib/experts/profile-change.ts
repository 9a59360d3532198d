import { formatMoney } from '@/lib/money/format-money';
import { LANGUAGES } from './application-options';
import type { TProfileFields } from './profile-fields';
import type { TProposedChange } from './proposed-change-schema';

// An approved expert's public changes, kept beside the live profile until an admin accepts them.
// Pure: the shape of a proposal, how it differs from the live profile, and the profile it would make.

// The proposal's schema is in proposed-change-schema.ts, so the application form can use these without zod.
export type { TProposedChange };

export type TOffering = { duration_minutes: number; price_minor: number; currency: string };
export type TLiveProfile = TProfileFields & { offerings: TOffering[]; photo_document_id: string | null };
export type TFieldChange = { field: string; label: string; live: string; proposed: string };

const list = (xs: readonly string[]) => xs.join(', ') || '—';
const prices = (os: readonly TOffering[]) =>
  os.length
    ? [...os]
        .sort((a, b) => a.duration_minutes - b.duration_minutes)
        .map((o) => `${o.duration_minutes} min ${formatMoney(o.price_minor, o.currency)}`)
        .join(' · ')
    : '—';

/** The live profile as it would be once the proposal is applied. */
export function applyProposed<T extends TLiveProfile>(live: T, p: TProposedChange | null): T {
  if (!p) return live;
  const next = { ...live };
  if (p.profile) {
    const f = p.profile;
    Object.assign(next, {
      display_name: f.displayName,
      headline: f.headline,
      bio: f.bio,
      specialties: f.specialties,
      tags: f.tags,
      languages: f.languages,
      years_experience: f.yearsExperience,
      country: f.country,
      timezone: f.timezone,
      links: f.links,
    });
  }
  if (p.offerings)
    next.offerings = p.offerings.map((o) => ({ duration_minutes: o.durationMinutes, price_minor: o.priceMinor, currency: o.currency }));
  if (p.photoDocumentId) next.photo_document_id = p.photoDocumentId;
  return next;
}

/** What would change on the public profile, field by field, as text for the expert and the admin. */
export function diffProfileChange(live: TLiveProfile, p: TProposedChange | null): TFieldChange[] {
  const next = applyProposed(live, p);
  const rows: [string, string, string, string][] = [
    ['displayName', 'Name', live.display_name, next.display_name],
    ['headline', 'Headline', live.headline, next.headline],
    ['bio', 'Bio', live.bio, next.bio],
    ['specialties', 'Specialties', list(live.specialties), list(next.specialties)],
    ['tags', 'Tags', list(live.tags), list(next.tags)],
    ['languages', 'Languages', list(live.languages.map((l) => LANGUAGES[l] ?? l)), list(next.languages.map((l) => LANGUAGES[l] ?? l))],
    ['yearsExperience', 'Years of experience', String(live.years_experience), String(next.years_experience)],
    ['country', 'Country', live.country ?? '—', next.country ?? '—'],
    ['timezone', 'Time zone', live.timezone, next.timezone],
    ['links', 'Links', list(live.links.map((l) => l.url)), list(next.links.map((l) => l.url))],
    ['offerings', 'Prices', prices(live.offerings), prices(next.offerings)],
    [
      'photo',
      'Photo',
      live.photo_document_id ? 'Current photo' : 'No photo',
      next.photo_document_id === live.photo_document_id ? (live.photo_document_id ? 'Current photo' : 'No photo') : 'New photo',
    ],
  ];
  return rows.filter(([, , a, b]) => a !== b).map(([field, label, a, b]) => ({ field, label, live: a, proposed: b }));
}
