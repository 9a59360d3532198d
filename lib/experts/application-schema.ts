import { z } from 'zod';
import { formatMoney } from '@/lib/money/format-money';
import { CURRENCIES, LANGUAGES, SESSION_LENGTHS } from './application-options';

// One schema for the application form (react-hook-form's zod resolver) and the route that saves it.

export { CURRENCIES, LANGUAGES, SESSION_LENGTHS };

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
};

export const ZOffering = z.object({
  durationMinutes: z.coerce
    .number()
    .int()
    .refine((v) => (SESSION_LENGTHS as readonly number[]).includes(v), 'Choose 30, 45, 60 or 90 minutes.'),
  // Bounds are checked per row in ZApplicationOfferings, whose messages name the row.
  priceMinor: z.coerce.number().int('Use whole minor units (cents).'),
  currency: z.enum(CURRENCIES, { message: 'Choose a currency.' }),
});
export type TOffering = z.infer<typeof ZOffering>;

const ZLink = z.object({
  label: z.string().trim().min(1, 'Name the link.').max(60),
  url: z
    .string()
    .trim()
    .url('Enter a full URL, like https://example.com.')
    .refine((u) => /^https:\/\//.test(u), 'Use an https:// link.'),
});

export const ZApplicationProfile = z.object({
  displayName: z.string().trim().min(2, 'Enter your name as learners will see it.').max(80, 'Use at most 80 characters.'),
  headline: z.string().trim().min(10, 'Write a headline of at least 10 characters.').max(140, 'Use at most 140 characters.'),
  bio: z.string().trim().min(50, 'Tell learners about yourself in at least 50 characters.').max(4000, 'Use at most 4,000 characters.'),
  specialties: z.array(z.string().trim().min(1).max(60)).min(1, 'Choose at least one specialty.').max(8, 'Choose at most 8 specialties.'),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(30)).max(12, 'Use at most 12 tags.').default([]),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .min(1, 'Choose at least one language.')
    .max(10),
  yearsExperience: z.coerce.number().int('Use a whole number.').min(0, 'Use 0 or more.').max(80, 'Use at most 80.'),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code, like DE.'),
  timezone: z.string().refine(isTimeZone, 'Choose a time zone, like Europe/Berlin.'),
  links: z.array(ZLink).max(5, 'Add at most 5 links.').default([]),
});

export const MIN_PRICE_MINOR = 100;
export const MAX_PRICE_MINOR = 10_000_000;

export const ZApplicationOfferings = z.object({
  offerings: z
    .array(ZOffering)
    .min(1, 'Offer at least one session length.')
    .max(4)
    .superRefine((rows, ctx) => {
      rows.forEach((o, i) => {
        const bound =
          o.priceMinor < MIN_PRICE_MINOR
            ? `at least ${formatMoney(MIN_PRICE_MINOR, o.currency)}`
            : o.priceMinor > MAX_PRICE_MINOR
              ? `at most ${formatMoney(MAX_PRICE_MINOR, o.currency)}`
              : null;
        if (bound)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'priceMinor'],
            message: `Session ${i + 1} (${o.durationMinutes} min): price must be ${bound}.`,
          });
      });
    })
    .refine((o) => new Set(o.map((x) => x.durationMinutes)).size === o.length, 'Offer each session length once.')
    .refine((o) => new Set(o.map((x) => x.currency)).size <= 1, 'Use one currency for all your prices.'),
});

export const ZApplicationTerms = z.object({
  acceptTerms: z.literal(true, { message: 'Accept the expert terms to submit.' }),
});

/** The whole application as submitted. */
export const ZApplication = ZApplicationProfile.extend(ZApplicationOfferings.shape).extend(ZApplicationTerms.shape);
export type TApplication = z.infer<typeof ZApplication>;

/** A draft saved between steps: one step's fields at a time. */
export const ZApplicationDraft = z.discriminatedUnion('step', [
  ZApplicationProfile.extend({ step: z.literal('profile') }),
  ZApplicationOfferings.extend({ step: z.literal('offerings') }),
  z.object({ step: z.literal('terms'), acceptTerms: z.boolean() }),
]);
export type TApplicationDraft = z.infer<typeof ZApplicationDraft>;
export type TApplicationProfileInput = z.input<typeof ZApplicationProfile>;
