import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { enqueueMessage } from './enqueue-message';
import type { TAttachment } from './senders';
import { notifyUser } from './notify-user';

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
 * Tells one user about an event, inside `tx`: in-app always, email and SMS as the user's preferences allow.
 * This first version sends in-app + email to every user; the notifications module replaces the routing with
 * per-user preferences and verified phones without changing this signature.
 */
export async function notifyEvent(tx: TPrivilegedTx, n: TNotifyEvent): Promise<void> {
  await notifyUser(tx, n.userId, { kind: n.event, title: n.title, body: n.body, link: n.link ?? null });
  const { rows } = await tx.query<{ email: string }>('select email from public.users where id = $1', [n.userId]);
  if (!rows[0]) return;
  await enqueueMessage(tx, {
    channel: 'email',
    recipient: rows[0].email,
    userId: n.userId,
    template: n.event,
    subject: n.email?.subject ?? n.title,
    body: n.email?.text ?? n.body,
    html: n.email?.html,
    attachments: n.email?.attachments,
  });
}
