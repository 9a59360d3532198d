import 'server-only';
import type { TPrivilegedTx } from '@/lib/db/types';

/**
 * Marketplace demo data on top of the demo experts: their terms accepted, a completed verification
 * checklist for the approved ones, and the pending applicant's checklist started.
 */
export async function seedMarketplace(db: TPrivilegedTx): Promise<void> {
  await db.query("update public.expert_profiles set terms_accepted_at = coalesce(submitted_at, now()) where slug not like 'bench-%'");
  await db.query(
    `insert into public.expert_verifications (expert_id, identity_verified, credentials_verified, background_status, background_note)
     select id, status = 'approved', status = 'approved', case when status = 'approved' then 'clear' else 'pending' end,
            case when status = 'approved' then 'Demo: verified at launch' end
       from public.expert_profiles
     on conflict (expert_id) do nothing`,
  );
}
