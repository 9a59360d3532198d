import 'server-only';
import type { TUserTx } from '@/lib/db';

export type TAdminOverview = {
  usersByRole: { learner: number; expert: number; admin: number };
  approvedExperts: number;
  pending: {
    id: string;
    display_name: string;
    headline: string;
    specialties: string[];
    country: string | null;
    submitted_at: Date | null;
  }[];
  recentUsers: { id: string; name: string; email: string; role: string; created_at: Date }[];
};

/** The admin panel's numbers. Run through withUser(): row-level security hides other users from non-admins. */
export async function getAdminOverview(db: TUserTx): Promise<TAdminOverview> {
  // One after another: a transaction's client runs one statement at a time (pg 9 refuses concurrent ones).
  const roles = await db.query<{ role: 'learner' | 'expert' | 'admin'; n: number }>(
    'select role, count(*)::int as n from public.users group by role',
  );
  const approved = await db.query<{ n: number }>(
    "select count(*)::int as n from public.expert_profiles where status = 'approved' and not hidden",
  );
  const pending = await db.query<TAdminOverview['pending'][number]>(
    `select id, display_name, headline, specialties, country, submitted_at from public.expert_profiles
      where status = 'submitted' order by submitted_at asc nulls last limit 20`,
  );
  const recent = await db.query<TAdminOverview['recentUsers'][number]>(
    'select id, name, email, role, created_at from public.users order by created_at desc limit 8',
  );
  const usersByRole = { learner: 0, expert: 0, admin: 0 };
  for (const r of roles.rows) usersByRole[r.role] = r.n;
  return { usersByRole, approvedExperts: approved.rows[0].n, pending: pending.rows, recentUsers: recent.rows };
}
