import 'server-only';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/config';
import { resolveProviders } from '@/lib/config/providers';
import type { TPrivilegedTx } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { enqueueDelivery } from './deliver';
import type { TAttachment } from './senders';

export type TOutgoingMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  userId?: string | null;
  template: string;
  subject?: string;
  /** The plain text (email's text part, or the SMS). */
  body: string;
  /** Email only: an HTML part besides the text (not shown to admins: it may carry what `body` masks). */
  html?: string;
  /** Email only: e.g. a session's ICS, `{ filename: 'session.ics', type: 'text/calendar', content: base64 }`. */
  attachments?: TAttachment[];
  /** Values in the body only the recipient may read (a reset token): masked in what admins see. */
  secrets?: string[];
};

/** "abcd…[hidden]": enough to tell two links apart, too little to use one. */
export function maskSecrets(body: string, secrets: string[]): string {
  return secrets.reduce((text, s) => (s ? text.split(s).join(`${s.slice(0, 4)}…[hidden]`) : text), body);
}

/** The deliverable text of a dev-outbox message file; email carries EMAIL_FROM as its From line. */
export function outboxFileText(m: TOutgoingMessage, emailFrom: string): string {
  const from = m.channel === 'email' ? `From: ${emailFrom}\n` : '';
  return `${from}To: ${m.recipient}\nSubject: ${m.subject ?? ''}\n\n${m.body}\n`;
}

/**
 * Writes a message to the outbox, in `db`'s transaction. With a provider configured for the channel
 * (SendGrid, Twilio) its delivery job is queued in that same transaction (lib/notifications/deliver.ts);
 * without one the row stays in the dev outbox, as `provider = 'outbox'`. `body` is what admins can read (secrets masked); the deliverable text with
 * secrets is kept in `secret_body`, which the authenticated role cannot select (migration 20261126000400).
 * With no provider configured (the dev outbox) the deliverable copy is also written to
 * $DATA_DIR/outbox/<id>.txt — on the server's disk, for whoever runs it, not in the admin panel.
 */
export async function enqueueMessage(db: TPrivilegedTx, m: TOutgoingMessage): Promise<{ id: string }> {
  const secrets = (m.secrets ?? []).filter(Boolean);
  const shown = maskSecrets(m.body, secrets);
  const e = env();
  const provider = resolveProviders(e)[m.channel];
  const email = m.channel === 'email';
  const { rows } = await db.query<{ id: string }>(
    `insert into public.outbox_messages (channel, recipient, user_id, template, subject, body, secret_body, provider, html_body, attachments)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) returning id`,
    [
      m.channel,
      m.recipient,
      m.userId ?? null,
      m.template,
      m.subject ?? null,
      shown,
      secrets.length ? m.body : null,
      provider,
      email ? (m.html ?? null) : null,
      email && m.attachments?.length ? JSON.stringify(m.attachments) : null,
    ],
  );
  if (provider !== 'outbox') {
    await enqueueDelivery(db, rows[0].id);
    return rows[0];
  }
  if (secrets.length) {
    const dir = path.resolve(e.DATA_DIR, 'outbox');
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${rows[0].id}.txt`), outboxFileText(m, e.EMAIL_FROM), { mode: 0o600 });
    } catch (err) {
      logger().warn({ err }, 'dev outbox: could not write the message file');
    }
  }
  return rows[0];
}
