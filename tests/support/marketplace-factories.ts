import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb } from '@/lib/db/types';
import { decideApplication } from '@/lib/experts/decide-application';
import { saveApplication } from '@/lib/experts/save-application';
import { submitApplication } from '@/lib/experts/submit-application';
import { updateVerification } from '@/lib/experts/update-verification';
import { uploadDocument } from '@/lib/experts/upload-document';
import type { TStorage } from '@/lib/storage/types';

// Tiny but real files: file-type recognises them by their bytes.
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG_BYTES = Uint8Array.from(
  Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
      '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
    'hex',
  ),
);

export const PROFILE_STEP = {
  step: 'profile',
  displayName: 'Grace Hopper',
  headline: 'Compilers, COBOL and debugging for beginners',
  bio: 'I wrote the first compiler and love explaining how programs turn into machine code. Bring your bugs.',
  specialties: ['Web development'],
  tags: ['compilers'],
  languages: ['en'],
  yearsExperience: 30,
  country: 'US',
  timezone: 'America/New_York',
  links: [{ label: 'Site', url: 'https://example.test/grace' }],
} as const;

/** Walks the application's steps through the domain functions, as the form does. */
export async function fillApplication(
  db: TDb,
  user: TSessionUser,
  overrides: Partial<Record<string, unknown>> = {},
  offerings = [
    { durationMinutes: 30, priceMinor: 4000, currency: 'USD' },
    { durationMinutes: 60, priceMinor: 7000, currency: 'USD' },
  ],
) {
  await saveApplication(db, user, { ...PROFILE_STEP, ...overrides });
  await saveApplication(db, user, { step: 'offerings', offerings });
  return saveApplication(db, user, { step: 'terms', acceptTerms: true });
}

/**
 * A submitted application through the domain functions (profile, prices, terms, one credential), ready for
 * an admin's decision. Returns the profile id and slug.
 */
export async function submittedExpert(db: TDb, user: TSessionUser, storage: TStorage, overrides: Partial<Record<string, unknown>> = {}) {
  const app = await fillApplication(db, user, overrides);
  await uploadDocument(db, user, { kind: 'credential', filename: 'diploma.pdf', bytes: PDF_BYTES, storage });
  await submitApplication(db, user);
  return { id: app.id, slug: app.slug };
}

/** A listed expert: submitted, the checklist complete, approved by the admin. */
export async function approvedExpert(
  db: TDb,
  admin: TSessionUser,
  user: TSessionUser,
  storage: TStorage,
  overrides: Partial<Record<string, unknown>> = {},
) {
  const p = await submittedExpert(db, user, storage, overrides);
  await updateVerification(db, admin, p.id, { identityVerified: true, credentialsVerified: true, backgroundStatus: 'clear' });
  await decideApplication(db, admin, p.id, { action: 'approve' });
  return p;
}
