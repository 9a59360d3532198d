import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { enqueueMessage } from './enqueue-message';
import type { TAttachment } from './senders';
import { notifyUser } from './notify-user';
import { resolveChannel, type TChannel } from './preference-rules';
import { loadOverrides } from './preferences';
import { smsNumber } from './phone';
import { appUrl } from './app-url';

/**
 * The events a user can be told about. Each user chooses per event which channels reach them (issue #13's
 * preferences); modules only say what happened. Add a name here when a module starts sending a new event.
 */
export const NOTIFICATION_EVENTS = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.reminder_24h',
  'booking.reminder_1h',
  'application.decided',
  'payment.receipt',
  'payment.refunded',
  'payout.sent',
  'payout.failed',
  'review.new',
  'curriculum.ready',
  'calendar.reconnect',
  'recording.ready',
] as const;
export type TNotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export type TNotifyEvent = {
  userId: string;
  event: TNotificationEvent;
  /** In-app title and text (also the email subject and text part unless `email` overrides). */
  title: string;
  body: string;
  link?: string | null;
  email?: { subject?: string; text?: string; html?: string; attachments?: TAttachment[] };
  /** Short text for SMS (reminders); sent only to a verified, opted-in number. */
  sms?: string;
};

/**
 * Tells one user about an event, inside `tx`, by the channels the user's preferences allow
 * (preference-rules.ts: defaults, locked channels; preferences.ts: the stored choices):
 * - in-app: a row in `notifications`, and the new unread count published to the user's tabs;
 * - email: through the outbox (SendGrid or the dev outbox), text and HTML (HTML made from the text when the
 *   caller gives none), with the caller's attachments (a session's ICS);
 * - SMS: only when the caller gives `sms` text and the user has a verified, opted-in, not stopped number.
 * Returns which channels were used.
 */
export async function notifyEvent(tx: TPrivilegedTx, n: TNotifyEvent): Promise<{ inApp: boolean; email: boolean; sms: boolean }> {
  const { rows } = await tx.query<{ email: string }>('select email from public.users where id = $1', [n.userId]);
  if (!rows[0]) return { inApp: false, email: false, sms: false };
  const overrides = await loadOverrides(tx, n.userId);
  const on = (c: TChannel) => resolveChannel(n.event, c, overrides);
  const used = { inApp: false, email: false, sms: false };
  if (on('in_app')) {
    await notifyUser(tx, n.userId, { kind: n.event, title: n.title, body: n.body, link: n.link ?? null });
    used.inApp = true;
  }
  if (on('email')) {
    const text = n.email?.text ?? withLink(n.body, n.link);
    await enqueueMessage(tx, {
      channel: 'email',
      recipient: rows[0].email,
      userId: n.userId,
      template: n.event,
      subject: n.email?.subject ?? n.title,
      body: text,
      html: n.email?.html ?? textToHtml(n.title, text),
      attachments: n.email?.attachments,
    });
    used.email = true;
  }
  if (n.sms && on('sms')) {
    const to = await smsNumber(tx, n.userId);
    if (to) {
      await enqueueMessage(tx, {
        channel: 'sms',
        recipient: to,
        userId: n.userId,
        template: n.event,
        body: `${n.sms} Reply STOP to opt out.`,
      });
      used.sms = true;
    }
  }
  return used;
}

function withLink(body: string, link?: string | null): string {
  if (!link) return body;
  return `${body}\n\n${link.startsWith('/') ? appUrl() + link : link}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain HTML part for an email that has only text: paragraphs, links made clickable. */
export function textToHtml(title: string, text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) =>
      escapeHtml(p)
        .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
        .replace(/\n/g, '<br>'),
    )
    .map((p) => `<p style="margin:0 0 16px">${p}</p>`)
    .join('');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5;max-width:560px;margin:0 auto;padding:24px"><h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>${paragraphs}<p style="font-size:12px;color:#64748b">Choose which emails you get in Settings → Notifications.</p></body></html>`;
}
