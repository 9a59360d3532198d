import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import type { TRole, TSessionUser } from '@/lib/auth/schemas';
import type { TQueryable } from '@/lib/db/types';

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(6).toString('hex')}@example.test`;
export const uniqueIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 255)).join('.')}`;

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery';

/** Inserts a user directly (one shared argon2 hash keeps factories fast). */
export async function createUser(
  db: TQueryable,
  overrides: Partial<{ email: string; name: string; role: TRole }> = {},
): Promise<TSessionUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const { rows } = await db.query<TSessionUser>(
    'insert into public.users (email, name, role, password_hash) values ($1, $2, $3, $4) returning id, email, name, role',
    [overrides.email ?? uniqueEmail(overrides.role), overrides.name ?? 'Test User', overrides.role ?? 'learner', await cachedHash],
  );
  return rows[0];
}

export async function createExpertProfile(
  db: TQueryable,
  userId: string,
  overrides: Partial<{ status: string; slug: string; hidden: boolean }> = {},
): Promise<{ id: string; slug: string }> {
  const slug = overrides.slug ?? `expert-${randomBytes(4).toString('hex')}`;
  const { rows } = await db.query<{ id: string; slug: string }>(
    `insert into public.expert_profiles (user_id, slug, display_name, headline, status, hidden)
     values ($1, $2, 'Test Expert', 'Teaches tests', $3, $4) returning id, slug`,
    [userId, slug, overrides.status ?? 'approved', overrides.hidden ?? false],
  );
  return rows[0];
}
