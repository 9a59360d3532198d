import 'server-only';
import type { TDb, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { hashPassword } from './password';
import { ZRequestReset, ZResetPassword } from './schemas';
import { revokeUserSessions } from './sessions';
import { hashToken, newToken } from './tokens';

const RESET_MINUTES = 60;

/**
 * Emails a reset link when the address has an account. The answer is the same either way, so the
 * form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(db: TQueryable, input: unknown, appUrl: string): Promise<void> {
  const { email } = parseOrThrow(ZRequestReset, input);
  const { rows } = await db.query<{ id: string; name: string }>('select id, name from public.users where email = $1', [email]);
  const user = rows[0];
  if (!user) return;
  const token = newToken();
  await db.query(`insert into public.password_reset_tokens (id, user_id, expires_at) values ($1, $2, now() + make_interval(mins => $3))`, [
    hashToken(token),
    user.id,
    RESET_MINUTES,
  ]);
  const link = `${appUrl.replace(/\/$/, '')}/reset-password?token=${token}`;
  await enqueueMessage(db, {
    channel: 'email',
    recipient: email,
    userId: user.id,
    template: 'password-reset',
    subject: 'Reset your Pathwise password',
    body: `Hi ${user.name},\n\nSomeone (hopefully you) asked to reset your Pathwise password. This link works for ${RESET_MINUTES} minutes:\n\n${link}\n\nIf it wasn't you, ignore this email: your password stays as it is.`,
  });
}

const BAD_LINK = 'This reset link has expired or was already used. Ask for a new one.';

/** Sets a new password from a valid, unused link, and signs the account out everywhere. */
export async function resetPassword(db: TDb, input: unknown): Promise<{ userId: string }> {
  const { token, password } = parseOrThrow(ZResetPassword, input);
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: string }>(
      `update public.password_reset_tokens set used_at = now()
        where id = $1 and used_at is null and expires_at > now() returning user_id`,
      [hashToken(token)],
    );
    if (!rows[0]) throw new AppError('invalid_input', BAD_LINK, { token: BAD_LINK });
    await tx.query('update public.users set password_hash = $1 where id = $2', [passwordHash, rows[0].user_id]);
    return rows[0].user_id;
  });
  await revokeUserSessions(db, userId);
  return { userId };
}
