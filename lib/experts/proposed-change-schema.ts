import { z } from 'zod';
import { ZApplicationOfferings, ZApplicationProfile } from './application-schema';

// The shape of an approved expert's proposed public changes (profile-change.ts has what they mean).
export const ZProposedChange = z.object({
  profile: ZApplicationProfile.optional(),
  offerings: ZApplicationOfferings.shape.offerings.optional(),
  photoDocumentId: z.string().uuid().optional(),
});
export type TProposedChange = z.infer<typeof ZProposedChange>;
