import 'server-only';
import type { TUserTx } from '@/lib/db';
import { ZProposedChange, type TProposedChange } from './proposed-change-schema';

export type TPendingChange = { id: string; revision: number; proposed: TProposedChange; created_at: Date; updated_at: Date };
export type TDecidedChange = { status: 'accepted' | 'rejected'; reason: string | null; decided_at: Date };

/** The expert's proposal waiting for review, or null. Run as the owner or an admin (RLS). */
export async function getPendingChange(db: TUserTx, expertId: string): Promise<TPendingChange | null> {
  const { rows } = await db.query<Omit<TPendingChange, 'proposed'> & { proposed: unknown }>(
    `select id, revision, proposed, created_at, updated_at from public.expert_profile_changes where expert_id = $1 and status = 'pending'`,
    [expertId],
  );
  const r = rows[0];
  return r ? { ...r, proposed: ZProposedChange.parse(r.proposed) } : null;
}

/** The latest decided proposal, so the expert sees why the last one was not accepted. */
export async function getLastDecidedChange(db: TUserTx, expertId: string): Promise<TDecidedChange | null> {
  const { rows } = await db.query<TDecidedChange>(
    `select status, reason, decided_at from public.expert_profile_changes
      where expert_id = $1 and status <> 'pending' order by decided_at desc nulls last limit 1`,
    [expertId],
  );
  return rows[0] ?? null;
}

export type TPendingChangeItem = { expert_id: string; display_name: string; revision: number; updated_at: Date };

/** Proposals waiting for an admin, oldest first. Admins only (RLS). */
export async function listPendingChanges(db: TUserTx, limit = 50): Promise<TPendingChangeItem[]> {
  const { rows } = await db.query<TPendingChangeItem>(
    `select c.expert_id, p.display_name, c.revision, c.updated_at from public.expert_profile_changes c
       join public.expert_profiles p on p.id = c.expert_id where c.status = 'pending' order by c.created_at asc limit $1`,
    [limit],
  );
  return rows;
}
