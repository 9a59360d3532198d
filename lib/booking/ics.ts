import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

// The calendar file of a booking: one VEVENT whose UID never changes (<booking id>@pathwise) and whose
// SEQUENCE is bookings.sequence (a reschedule bumps it), so calendar apps update or remove the event they
// imported. METHOD:REQUEST while the session stands (STATUS:TENTATIVE while only held), METHOD:CANCEL +
// STATUS:CANCELLED once cancelled (or a hold expired).
// Times are UTC instants (DTSTART/DTEND end in Z), which every calendar app converts to its own zone.

export type TIcsInput = {
  id: string;
  status: string;
  sequence: number;
  start: Date;
  end: Date;
  brief: string;
  expert: { name: string; email: string };
  learner: { name: string; email: string } | null;
  appUrl: string;
  createdAt?: Date;
};

export const icsUid = (bookingId: string) => `${bookingId}@pathwise`;

export function bookingIcs(b: TIcsInput): string {
  const cancelled = b.status === 'cancelled' || b.status === 'expired';
  const cal = ical({
    prodId: { company: 'Pathwise', product: 'Sessions', language: 'EN' },
    name: 'Pathwise',
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const link = `${b.appUrl.replace(/\/$/, '')}/sessions`;
  const description = [b.brief ? `Brief: ${b.brief}` : 'No brief given.', '', `Your sessions: ${link}`].join('\n');
  const attendees = [b.learner, b.expert]
    .filter((p): p is { name: string; email: string } => !!p)
    .map((p) => ({
      name: p.name,
      email: p.email,
      role: ICalAttendeeRole.REQ,
      status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
    }));
  cal.createEvent({
    id: icsUid(b.id),
    sequence: b.sequence,
    start: b.start,
    end: b.end,
    stamp: new Date(),
    created: b.createdAt,
    summary: `Pathwise session with ${b.expert.name}`,
    description,
    url: link,
    organizer: { name: 'Pathwise', email: 'sessions@pathwise.local' },
    attendees,
    status: cancelled ? ICalEventStatus.CANCELLED : b.status === 'held' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
