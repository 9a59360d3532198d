import 'server-only';
import type { TQueryable } from '@/lib/db';

export type TOutgoingMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  userId?: string | null;
  template: string;
  subject?: string;
  body: string;
};

/**
 * Writes a message to the outbox. With no provider configured it stays there for admins to read
 * (the dev outbox); a configured provider delivers from the same table.
 */
export async function enqueueMessage(db: TQueryable, m: TOutgoingMessage): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.outbox_messages (channel, recipient, user_id, template, subject, body)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [m.channel, m.recipient, m.userId ?? null, m.template, m.subject ?? null, m.body],
  );
  return rows[0];
}
