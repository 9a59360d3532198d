import 'server-only';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { logger } from '@/lib/log/logger';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { hashPassword } from './password';
import { consumeResetAttempt, resetLimiters, type TResetLimiters } from './reset-limit';
import { ZRequestReset, ZResetPassword } from './schemas';
import { revokeUserSessions } from './sessions';
import { hashToken, newToken } from './tokens';

const RESET_MINUTES = 60;

/** Runs work after the answer is sent (the route passes Next's `after`); by default, right away. */
export type TDefer = (task: () => Promise<void>) => void;

export type TRequestResetOptions = { appUrl: string; ip: string; limiters?: TResetLimiters; defer?: TDefer };

/**
 * Asks for a reset link. The answer is the same, and takes the same time, whether or not the address has an
 * account: the request path only validates and counts (per address and per IP, 429 over the limit); looking
 * the account up and writing the email happen after the answer (`defer`).
 */
export async function requestPasswordReset(db: TPrivilegedTx, input: unknown, opts: TRequestResetOptions): Promise<void> {
  const { email } = parseOrThrow(ZRequestReset, input);
  await consumeResetAttempt(opts.limiters ?? resetLimiters(), { account: email, ip: opts.ip });
  const task = () => sendResetLink(db, email, opts.appUrl).catch((err: unknown) => logger().error({ err }, 'password reset email failed'));
  if (opts.defer) opts.defer(task);
  else await task();
}

async function sendResetLink(db: TPrivilegedTx, email: string, appUrl: string): Promise<void> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'select id, name from public.users where email = $1 and deleted_at is null',
    [email],
  );
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
    // Admins read the outbox: they see the link with its token masked (lib/notifications/enqueue-message.ts).
    secrets: [token],
  });
}

const BAD_LINK = 'This reset link has expired or was already used. Ask for a new one.';

/**
 * Sets a new password from a valid, unused link; every other link of the account stops working, and the
 * account is signed out everywhere.
 */
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
    await tx.query('update public.password_reset_tokens set used_at = now() where user_id = $1 and used_at is null', [rows[0].user_id]);
    await tx.query('update public.users set password_hash = $1 where id = $2', [passwordHash, rows[0].user_id]);
    return rows[0].user_id;
  });
  await revokeUserSessions(db, userId);
  return { userId };
}
