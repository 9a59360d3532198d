import 'server-only';
import type { TUserTx } from '@/lib/db';
import { getPendingChange } from './get-profile-change';
import type { TOwnApplication } from './get-own-application';
import { diffProfileChange } from './profile-change';
import { ZProposedChange, type TProposedChange } from './proposed-change-schema';

/**
 * Adds one step's values to the approved expert's pending proposal (the live profile is untouched). A proposal
 * that no longer differs from the live profile is withdrawn. Returns whether anything now waits for review.
 */
export async function proposeProfileChange(tx: TUserTx, own: TOwnApplication, patch: TProposedChange): Promise<boolean> {
  const existing = await getPendingChange(tx, own.id);
  const proposed = ZProposedChange.parse({ ...existing?.proposed, ...patch });
  if (diffProfileChange(own, proposed).length === 0) {
    if (existing) await tx.query(`delete from public.expert_profile_changes where id = $1 and status = 'pending'`, [existing.id]);
    return false;
  }
  await tx.query(
    `insert into public.expert_profile_changes (expert_id, proposed) values ($1, $2)
     on conflict (expert_id) where status = 'pending'
     do update set proposed = excluded.proposed, revision = public.expert_profile_changes.revision + 1, updated_at = now()`,
    [own.id, JSON.stringify(proposed)],
  );
  return true;
}
