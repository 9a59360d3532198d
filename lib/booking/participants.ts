import 'server-only';
import { env } from '@/lib/config';
import type { TPrivilegedTx } from '@/lib/db';
import { notifyEvent, type TNotifyEvent } from '@/lib/notifications/notify-event';
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

/** A zone's short name at that instant: "CEST", "EDT" where a locale has one (en-GB or en-US), else "GMT+5:30". */
export function zoneAbbr(d: Date, timeZone: string): string {
  let fallback = '';
  for (const locale of ['en-GB', 'en-US']) {
    const name =
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ??
      '';
    if (name && !/^GMT[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback || timeZone;
}

const clock = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/** "Tuesday, 4 May 2027, 16:00 CEST": the instant on the wall clock of `timeZone`, said with its zone. */
export const when = (d: Date, timeZone: string) =>
  `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d)}, ${clock(d, timeZone)} ${zoneAbbr(d, timeZone)}`;

/** "Tue 4 May, 16:00 CEST", for SMS. */
const shortWhen = (d: Date, timeZone: string) =>
  `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(d)}, ${clock(d, timeZone)} ${zoneAbbr(d, timeZone)}`;

export type TBookingNotice = 'confirmed' | 'rescheduled' | 'cancelled' | 'reminder_24h' | 'reminder_1h';

type TRecipient = { userId: string; tz: string; other: string; otherTz: string };

export function recipientsOf(b: Pick<TBookingRow, 'learner_timezone'>, p: TParticipants): TRecipient[] {
  return [
    { userId: p.expert.userId, tz: p.expert.timeZone, other: p.learner?.name ?? 'a learner', otherTz: b.learner_timezone },
    ...(p.learner ? [{ userId: p.learner.userId, tz: b.learner_timezone, other: p.expert.name, otherTz: p.expert.timeZone }] : []),
  ];
}

const TITLES: Record<TBookingNotice, string> = {
  confirmed: 'Session confirmed',
  rescheduled: 'Session moved',
  cancelled: 'Session cancelled',
  reminder_24h: 'Session tomorrow',
  reminder_1h: 'Session in 1 hour',
};

/**
 * What one participant is told about a booking, by notifyEvent: the in-app line, the email (text + HTML, both
 * participants' local times, the session's ICS attached: REQUEST while it stands, CANCEL once cancelled) and the
 * SMS text. Times are formatted from the UTC instant in each person's IANA zone, so DST is the zone's business.
 */
export function bookingNotice(b: TBookingRow & { created_at?: Date }, p: TParticipants, r: TRecipient, what: TBookingNotice): TNotifyEvent {
  const start = new Date(b.starts_at);
  const mine = when(start, r.tz);
  const theirs = r.otherTz !== r.tz ? ` (${when(start, r.otherTz)} for ${r.other})` : '';
  const verb = {
    confirmed: 'is confirmed',
    rescheduled: 'has moved',
    cancelled: 'is cancelled',
    reminder_24h: 'starts in 24 hours',
    reminder_1h: 'starts in 1 hour',
  }[what];
  const body = `Your ${b.duration_minutes}-minute session with ${r.other} on ${mine}${theirs} ${verb}.`;
  const link = what === 'cancelled' ? '/sessions' : `/sessions/${b.id}`;
  const text = [
    body,
    b.brief ? `Brief: ${b.brief}` : '',
    what === 'cancelled'
      ? `The attached calendar file removes it from your calendar (also at ${appUrl()}/api/bookings/${b.id}/ics).`
      : `The attached calendar file adds it to your calendar (also at ${appUrl()}/api/bookings/${b.id}/ics).`,
    `Your sessions: ${appUrl()}/sessions`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    userId: r.userId,
    event: `booking.${what}`,
    title: TITLES[what],
    body,
    link,
    email: {
      subject: `${TITLES[what]}: ${mine}`,
      text,
      attachments: [
        {
          filename: 'session.ics',
          type: what === 'cancelled' ? 'text/calendar; method=CANCEL' : 'text/calendar; method=REQUEST',
          content: Buffer.from(icsFor(b, p)).toString('base64'),
        },
      ],
    },
    sms: `Pathwise: ${TITLES[what].toLowerCase()} with ${r.other}, ${shortWhen(start, r.tz)}.`,
  };
}

/** Tells both sides about a confirmation, reschedule or cancellation (each through their own preferences). */
export async function notifyBoth(
  tx: TPrivilegedTx,
  b: TBookingRow,
  p: TParticipants,
  what: 'confirmed' | 'rescheduled' | 'cancelled',
): Promise<void> {
  for (const r of recipientsOf(b, p)) await notifyEvent(tx, bookingNotice(b, p, r, what));
}
