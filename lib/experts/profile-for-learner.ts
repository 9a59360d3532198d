import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { listAttachableCurricula, type TAttachableCurriculum } from '@/lib/curriculum/as-learner';
import type { TDb } from '@/lib/db';
import type { TPurchaseView } from '@/lib/packages/schemas';
import { listPurchases } from '@/lib/packages/views';

export type TPackageCredit = { purchaseId: string; title: string; lengthMinutes: number; remaining: number };

/**
 * What a learner brings to an expert's profile: their curricula a booking may attach, their packages with this
 * expert and the sessions left to book with them. The profile itself is the same for every learner (kept per
 * role by lib/http/fast-lane.ts); this is fetched after hydration (components/experts/profile-booking.tsx).
 */
export type TProfileForLearner = { curricula: TAttachableCurriculum[]; mine: TPurchaseView[]; credits: TPackageCredit[] };

export async function loadProfileForLearner(db: TDb, user: TSessionUser, expertId: string): Promise<TProfileForLearner> {
  const curricula = await listAttachableCurricula(db, user);
  const mine = await listPurchases(db, user, { expertId });
  const credits = mine
    .filter((m) => m.status === 'active' && m.remaining > 0)
    .map((m) => ({ purchaseId: m.id, title: m.title, lengthMinutes: m.lengthMinutes, remaining: m.remaining }));
  return { curricula, mine, credits };
}
