import { z } from 'zod';

// The HTTP contract between the booking API (app/api/bookings/**, lib/booking) and the booking UI
// (the profile's booking panel, /sessions). Instants travel as ISO 8601 strings in UTC; every view
// also carries the zones so the UI can show both sides' local times.
//
// Routes (all JSON unless said; errors use the project's `{ error: { code, message, fields? } }` shape):
//   GET  /api/experts/:slug/slots?from=YYYY-MM-DD&to=YYYY-MM-DD&length=60&tz=Asia/Kolkata → TSlotsResponse
//   POST /api/bookings                         ZCreateBooking → 201 { booking: TBookingView }
//                                              409 { error: { code: 'slot_taken', message }, slots: TSlotsResponse }
//   POST /api/bookings/:id/pay                 (simulated payment) → { booking }; 410 { error: { code: 'hold_expired' } }
//   GET  /api/bookings?scope=upcoming|past     → { bookings: TBookingView[] } (the signed-in learner's or expert's)
//   GET  /api/bookings/:id                     → { booking: TBookingDetail }
//   GET  /api/bookings/:id/cancel-preview      → TCancelPreview
//   POST /api/bookings/:id/cancel              ZCancelBooking → { booking }
//   POST /api/bookings/:id/reschedule          ZRescheduleBooking → { booking }; 409 slot_taken as above
//   POST /api/bookings/:id/no-show             ZNoShowReport → { booking }
//   PUT  /api/bookings/:id/notes               ZBookingNotes → { notes } (the expert only; never shown to the learner)
//   GET  /api/bookings/:id/ics                 → text/calendar (stable UID, SEQUENCE, METHOD:CANCEL once cancelled)
//
// Realtime: the `/public` Socket.IO namespace; a client emits `watch-expert` with the expert id and
// receives `slots.changed` `{ expertId }` whenever a hold, booking, cancellation, expiry or availability
// change alters that expert's free slots (lib/realtime/publish-slots.ts).

export const BOOKING_STATUSES = ['held', 'confirmed', 'cancelled', 'expired', 'completed', 'no_show'] as const;
export type TBookingStatus = (typeof BOOKING_STATUSES)[number];

const ZIsoInstant = z.iso.datetime({ offset: true });
const ZZone = z.string().min(1).max(64);

export const ZCreateBooking = z.object({
  expertSlug: z.string().min(1).max(120),
  start: ZIsoInstant,
  lengthMinutes: z.number().int().min(15).max(240),
  brief: z.string().trim().max(4000).default(''),
  curriculumId: z.uuid().nullable().optional(),
  moduleId: z.string().max(120).nullable().optional(),
  /** The learner's zone, kept on the booking for reminders and e-mails. */
  timeZone: ZZone,
});
export type TCreateBooking = z.infer<typeof ZCreateBooking>;

export const ZCancelBooking = z.object({ reason: z.string().trim().max(1000).default('') });
export const ZRescheduleBooking = z.object({ start: ZIsoInstant });
export const ZNoShowReport = z.object({ note: z.string().trim().max(2000).default('') });
export const ZBookingNotes = z.object({ body: z.string().max(10000) });

export type TSlotView = { start: string; end: string };

export type TSlotsResponse = {
  expertTimeZone: string;
  /** The zone the slots were grouped by (the `tz` asked for). */
  timeZone: string;
  lengthMinutes: number;
  /** Session lengths the expert offers, with their prices. */
  offerings: { lengthMinutes: number; priceMinor: number; currency: string }[];
  slots: TSlotView[];
};

export type TBookingView = {
  id: string;
  status: TBookingStatus;
  start: string;
  end: string;
  lengthMinutes: number;
  /** Present while status = 'held'. */
  holdExpiresAt: string | null;
  priceMinor: number;
  currency: string;
  paymentStatus: string;
  paymentMode: 'simulated' | 'stripe';
  expert: { id: string; slug: string; name: string; timeZone: string };
  learner: { id: string | null; name: string; timeZone: string };
  /** Which side the signed-in user is on. */
  viewerRole: 'learner' | 'expert' | 'admin';
  brief: string;
  curriculum: { id: string; title: string; moduleId: string | null; moduleTitle: string | null } | null;
  refundPercent: number | null;
  cancelledBy: string | null;
  /**
   * Where the session happens: the Zoom (or Meet) join URL when the session type uses one and it was created,
   * else the built-in room (/sessions/:id/room), for the learner and the expert of a confirmed session whose room
   * has not closed yet; null otherwise. The room admits them only from joinOpensAt until joinClosesAt (docs/video.md).
   */
  joinUrl: string | null;
  joinOpensAt: string | null;
  joinClosesAt: string | null;
  /** The video the session uses (null until it is confirmed) and why it fell back to the room, if it did. */
  video: { provider: 'builtin' | 'zoom' | 'google_meet' | null; note: string | null };
  canCancel: boolean;
  canReschedule: boolean;
  canReportNoShow: boolean;
  canReview: boolean;
};

export type TBookingDetail = TBookingView & {
  /** The learner's progress on the attached curriculum or module (0–100), for the expert. */
  progress: { completedItems: number; totalItems: number; percent: number } | null;
  /** The expert's private notes; null for the learner. */
  notes: string | null;
  events: { kind: string; at: string; actorRole: string | null; data: Record<string, unknown> }[];
  /** Join/leave times in the built-in room and the no-show report's attendance verdict (lib/video). */
  attendance: TAttendanceView;
};

export type TAttendanceView = {
  intervals: { role: 'learner' | 'expert'; joinedAt: string; leftAt: string | null }[];
  minutes: { learner: number; expert: number };
  noShow: {
    reporterRole: 'learner' | 'expert';
    absentRole: 'learner' | 'expert';
    verdict: 'confirmed' | 'contradicted' | 'nobody_joined' | 'reporter_absent' | 'no_data' | null;
    verdictText: string | null;
    settledAt: string | null;
  } | null;
};

export type TCancelPreview = {
  refundPercent: number;
  /** Human sentence, e.g. "More than 24 hours before the start: full refund." */
  rule: string;
};
