import { z } from 'zod';

// The packages HTTP contract (app/api/expert/packages/**, app/api/packages/**) and its forms share these.

export const ZPackageInput = z.object({
  title: z.string().trim().min(1, 'Give the package a name.').max(120, 'Keep the name under 120 characters.'),
  sessionCount: z.number().int().min(2, 'A package has at least 2 sessions.').max(50, 'At most 50 sessions.'),
  lengthMinutes: z.number().int().min(15).max(240),
  /** Whole percent off the per-session price, 0–90. */
  discountPercent: z.number().int().min(0, 'The discount cannot be negative.').max(90, 'At most 90 % off.'),
  /** Days after purchase during which unused sessions are refundable. */
  refundWindowDays: z.number().int().min(1, 'At least 1 day.').max(730, 'At most 730 days.').default(180),
});
export type TPackageInput = z.input<typeof ZPackageInput>;

export const ZPackageUpdate = z.union([
  z.object({ action: z.literal('retire') }),
  z.object({ action: z.literal('edit'), package: ZPackageInput }),
]);

export const ZRedeem = z.object({ bookingId: z.uuid() });

/** A package as the profile and the expert's dashboard show it. */
export type TPackageView = {
  id: string;
  title: string;
  sessionCount: number;
  lengthMinutes: number;
  discountPercent: number;
  priceMinor: number;
  currency: string;
  /** The offering's current price for one session of that length (null: no longer offered). */
  perSessionMinor: number | null;
  savingPerSessionMinor: number;
  refundWindowDays: number;
  status: 'active' | 'retired';
  sold: number;
};

/** A purchase as the learner (on /sessions and the profile) and the expert (dashboard, /sessions) see it. */
export type TPurchaseView = {
  id: string;
  title: string;
  expert: { id: string; slug: string; name: string };
  learner: { name: string } | null;
  status: 'pending' | 'active' | 'closed' | 'abandoned';
  sessionCount: number;
  lengthMinutes: number;
  used: number;
  refunded: number;
  remaining: number;
  priceMinor: number;
  /** Pathwise's commission in the price (computed at checkout, shown before paying). */
  commissionMinor: number;
  currency: string;
  paidAt: string | null;
  refundUntil: string | null;
  /** What refunding the unused sessions now would pay back (0: nothing to refund or outside the window). */
  refundableMinor: number;
  checkoutUrl: string | null;
};
