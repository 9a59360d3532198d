import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { getDummyHash, verifyPassword } from './password';
import { assertSignInAllowed, clearAccountAttempts, recordSignInAttempt, signInLimiters } from './rate-limit';
import { ZSignIn, type TSessionUser } from './schemas';
import { createSession, type TNewSession, type TSessionMeta } from './sessions';

export type TSignInOptions = {
  ttlDays: number;
  meta: TSessionMeta & { ip: string };
  limiters?: ReturnType<typeof signInLimiters>;
};

const WRONG = 'That email and password do not match an account.';

/** Checks the password (rate limited per account and per IP) and opens a session. */
export async function signIn(
  db: TPrivilegedTx,
  input: unknown,
  opts: TSignInOptions,
): Promise<{ user: TSessionUser; session: TNewSession }> {
  const { email, password } = parseOrThrow(ZSignIn, input);
  const limiters = opts.limiters ?? signInLimiters();
  await assertSignInAllowed(limiters, email, opts.meta.ip);

  const { rows } = await db.query<TSessionUser & { password_hash: string }>(
    'select id, email, name, role, password_hash from public.users where email = $1 and deleted_at is null',
    [email],
  );
  const row = rows[0];
  const ok = await verifyPassword(row?.password_hash ?? (await getDummyHash()), password);
  if (!row || !ok) {
    await recordSignInAttempt(limiters, { account: email, ip: opts.meta.ip });
    throw new AppError('unauthorized', WRONG, { password: WRONG });
  }
  // eslint-disable-next-line no-restricted-syntax -- rate limiters (Redis or memory), no database client
  await Promise.all([recordSignInAttempt(limiters, { ip: opts.meta.ip }), clearAccountAttempts(limiters, email)]);
  const session = await createSession(db, row.id, opts.ttlDays, opts.meta);
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, session };
}
