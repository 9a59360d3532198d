import 'server-only';
import type { TUserTx } from '@/lib/db';

export type TOutboxRow = {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  body: string;
  status: string;
  provider: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
};

/** Newest first. Run through withUser(): row-level security lets only admins read it. */
export async function listOutbox(db: TUserTx, limit = 50): Promise<TOutboxRow[]> {
  const { rows } = await db.query<TOutboxRow>(
    'select id, channel, recipient, template, subject, body, status, provider, attempts, last_error, created_at from public.outbox_messages order by created_at desc limit $1',
    [limit],
  );
  return rows;
}
