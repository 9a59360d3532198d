import 'server-only';
import { env } from '@/lib/config';
import type { TPrivilegedTx } from '@/lib/db';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';

/**
 * Someone tried to sign up with an address that has an account: the owner hears about it by email (at most
 * once an hour), instead of the sign-up form telling the visitor that the account exists.
 */
export async function notifyTakenEmail(db: TPrivilegedTx, email: string): Promise<void> {
  const { rows } = await db.query<{ id: string; name: string; recent: boolean }>(
    `select u.id, u.name, exists (select 1 from public.outbox_messages o
        where o.recipient = u.email and o.template = 'sign-up-existing' and o.created_at > now() - interval '1 hour') as recent
       from public.users u where u.email = $1`,
    [email],
  );
  const owner = rows[0];
  if (!owner || owner.recent) return;
  const base = (env().APP_URL ?? '').replace(/\/$/, '');
  await enqueueMessage(db, {
    channel: 'email',
    recipient: email,
    userId: owner.id,
    template: 'sign-up-existing',
    subject: 'Someone tried to create a Pathwise account with your email',
    body: `Hi ${owner.name},\n\nSomeone (hopefully you) tried to create a new Pathwise account with this address, which already has one.\n\nSign in: ${base}/sign-in\nForgot your password? ${base}/forgot-password\n\nIf it wasn't you, nothing changed: your account is as it was.`,
  });
}
