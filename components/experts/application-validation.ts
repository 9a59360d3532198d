// Loaded on first use of an application step's form (profile-step.tsx, offerings-step.tsx): zod and the
// application schemas stay out of the expert dashboard's First Load JS.
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { ZApplicationOfferings, ZApplicationProfile } from '@/lib/experts/application-schema';

// The server's schema, with tags and links typed as text in the form.
export const ZProfileForm = ZApplicationProfile.omit({ tags: true, links: true }).extend({
  tagsText: z.string().max(400, 'Use at most 400 characters.'),
  linksText: z.string().max(1000, 'Use at most 1,000 characters.'),
});
export type TProfileForm = z.input<typeof ZProfileForm>;

export const profileResolver = zodResolver(ZProfileForm);

/** The same offerings check the server runs; the messages of what fails. */
export function offeringsProblems(offerings: unknown): string[] {
  const checked = ZApplicationOfferings.safeParse({ offerings });
  return checked.success ? [] : [...new Set(checked.error.issues.map((i) => i.message))];
}
