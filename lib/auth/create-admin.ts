import 'server-only';
import * as z from 'zod/mini';
import type { TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { hashPassword } from './password';
import { ZPassword, ZSignUp, type TSessionUser } from './schemas';

const ZCreateAdmin = z.object({ email: ZSignUp.shape.email, name: ZSignUp.shape.name, password: ZPassword });

/**
 * Creates an admin account (npm run admin:create): how the first admin of a production install comes to be,
 * since production never seeds the demo admin unless SEED_DEMO=true. An existing email is refused, not promoted.
 */
export async function createAdmin(db: TPrivilegedTx, input: unknown): Promise<TSessionUser> {
  const data = parseOrThrow(ZCreateAdmin, input);
  const passwordHash = await hashPassword(data.password);
  try {
    const { rows } = await db.query<TSessionUser>(
      "insert into public.users (email, name, password_hash, role) values ($1, $2, $3, 'admin') returning id, email, name, role",
      [data.email, data.name, passwordHash],
    );
    return rows[0];
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw new AppError('conflict', `An account with ${data.email} already exists.`, { email: 'Taken.' });
    throw e;
  }
}
