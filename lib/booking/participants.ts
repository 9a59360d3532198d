import 'server-only';
import { env } from '@/lib/config';
import type { TPrivilegedTx } from '@/lib/db';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { bookingIcs } from './ics';
import type { TBookingRow } from './store';

export type TParticipants = {
  expert: { userId: string; name: string; email: string; timeZone: string; slug: string };
  learner: { userId: string; name: string; email: string } | null;
};

export async function loadParticipants(db: TPrivilegedTx, b: Pick<TBookingRow, 'expert_id' | 'learner_id'>): Promise<TParticipants> {
  const { rows } = await db.query<{
    e_user: string;
    e_name: string;
    e_email: string;
    e_tz: string;
    slug: string;
    l_user: string | null;
    l_name: string | null;
    l_email: string | null;
  }>(
    `select e.user_id as e_user, e.display_name as e_name, eu.email as e_email, e.timezone as e_tz, e.slug,
            lu.id as l_user, lu.name as l_name, lu.email as l_email
       from public.expert_profiles e join public.users eu on eu.id = e.user_id
       left join public.users lu on lu.id = $2
      where e.id = $1`,
    [b.expert_id, b.learner_id],
  );
  const r = rows[0];
  return {
    expert: { userId: r.e_user, name: r.e_name, email: r.e_email, timeZone: r.e_tz, slug: r.slug },
    learner: r.l_user ? { userId: r.l_user, name: r.l_name!, email: r.l_email! } : null,
  };
}

export const appUrl = () => env().APP_URL ?? `http://localhost:${env().PORT}`;

export function icsFor(b: TBookingRow & { created_at?: Date }, p: TParticipants): string {
  return bookingIcs({
    id: b.id,
    status: b.status,
    sequence: b.sequence,
    start: new Date(b.starts_at),
    end: new Date(b.ends_at),
    brief: b.brief,
    expert: { name: p.expert.name, email: p.expert.email },
    learner: p.learner ? { name: p.learner.name, email: p.learner.email } : null,
    appUrl: appUrl(),
    createdAt: b.created_at ? new Date(b.created_at) : undefined,
  });
}

const when = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);

/** Outbox e-mail to both sides about a confirmation, reschedule or cancellation, with the calendar file's link. */
export async function notifyBoth(
  tx: TPrivilegedTx,
  b: TBookingRow,
  p: TParticipants,
  what: 'confirmed' | 'rescheduled' | 'cancelled',
): Promise<void> {
  const ics = `${appUrl()}/api/bookings/${b.id}/ics`;
  const subject = { confirmed: 'Session confirmed', rescheduled: 'Session moved', cancelled: 'Session cancelled' }[what];
  const recipients = [
    { userId: p.expert.userId, email: p.expert.email, tz: p.expert.timeZone, other: p.learner?.name ?? 'a learner' },
    ...(p.learner ? [{ userId: p.learner.userId, email: p.learner.email, tz: b.learner_timezone, other: p.expert.name }] : []),
  ];
  for (const r of recipients) {
    const start = new Date(b.starts_at);
    await enqueueMessage(tx, {
      channel: 'email',
      recipient: r.email,
      userId: r.userId,
      template: `booking.${what}`,
      subject: `${subject}: ${when(start, r.tz)}`,
      body: [
        `Your session with ${r.other} on ${when(start, r.tz)} (${b.duration_minutes} minutes) is ${what}.`,
        b.brief ? `Brief: ${b.brief}` : '',
        `Add it to your calendar: ${ics}`,
        `Your sessions: ${appUrl()}/sessions`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    });
  }
}
