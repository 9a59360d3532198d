import 'server-only';
import type { TUserTx } from '@/lib/db';

export type TOwnProfile = {
  id: string;
  slug: string;
  display_name: string;
  headline: string;
  status: string;
  status_reason: string | null;
};

export async function getOwnExpertProfile(db: TUserTx, userId: string): Promise<TOwnProfile | null> {
  const { rows } = await db.query<TOwnProfile>(
    'select id, slug, display_name, headline, status, status_reason from public.expert_profiles where user_id = $1',
    [userId],
  );
  return rows[0] ?? null;
}
