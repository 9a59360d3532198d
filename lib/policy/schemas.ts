import { z } from 'zod';

// The marketplace policy admins edit at /admin/policy; the form and PUT /api/admin/policy share this schema.
const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `Enter ${what}.` })
    .int('Use a whole number.')
    .min(min, `Use at least ${min}.`)
    .max(max, `Use at most ${max}.`);

export const ZPolicy = z
  .object({
    fullRefundHours: int(0, 720, 'hours'),
    lateCancelRefundPercent: int(0, 100, 'a percentage'),
    expertCancelRefundPercent: int(0, 100, 'a percentage'),
    reviewWindowDays: int(1, 60, 'days'),
    noShowWindowHours: int(1, 720, 'hours'),
    strikeWindowDays: int(1, 730, 'days'),
    strikesWarning: int(1, 100, 'a number of strikes'),
    strikesPause: int(1, 100, 'a number of strikes'),
    strikesSuspend: int(1, 100, 'a number of strikes'),
    pauseDays: int(1, 90, 'days'),
  })
  .superRefine((p, ctx) => {
    if (p.strikesPause < p.strikesWarning)
      ctx.addIssue({ code: 'custom', path: ['strikesPause'], message: 'A pause needs at least as many strikes as a warning.' });
    if (p.strikesSuspend < p.strikesPause)
      ctx.addIssue({ code: 'custom', path: ['strikesSuspend'], message: 'A suspension needs at least as many strikes as a pause.' });
  });
export type TPolicy = z.infer<typeof ZPolicy>;

export const SANCTION_LEVELS = ['warning', 'pause', 'suspension'] as const;
export type TSanctionLevel = (typeof SANCTION_LEVELS)[number];

export const ZAppeal = z.object({
  appeal: z.string().trim().min(10, 'Explain in at least 10 characters.').max(4000, 'Use at most 4,000 characters.'),
});
export type TAppeal = z.input<typeof ZAppeal>;

export const ZSanctionDecision = z.object({
  decision: z.enum(['uphold', 'lift']),
  note: z.string().trim().max(2000, 'Use at most 2,000 characters.').default(''),
});
export type TSanctionDecision = z.input<typeof ZSanctionDecision>;

export type TSanctionView = {
  id: string;
  expertId: string;
  expertName: string;
  expertSlug: string;
  level: TSanctionLevel;
  reason: string;
  strikes: number;
  appeal: string | null;
  appealedAt: string | null;
  appealStatus: 'pending' | 'upheld' | 'lifted' | null;
  decidedAt: string | null;
  createdAt: string;
};

export type TStanding = {
  strikes: number;
  windowDays: number;
  thresholds: { warning: number; pause: number; suspension: number };
  pausedUntil: string | null;
  suspended: boolean;
  sanctions: TSanctionView[];
};
