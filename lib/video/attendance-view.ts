import 'server-only';
import type { TAttendanceView } from '@/lib/booking/contract';
import { ms } from '@/lib/booking/store';
import { env } from '@/lib/config';
import type { TPrivilegedTx } from '@/lib/db';
import { attendanceFor } from './attendance';
import { roomRule } from './config';
import { settleNoShow, VERDICT_TEXT, type TAttendanceInterval, type TNoShowVerdict } from './settle-no-show';

/**
 * The booking's join/leave intervals from the built-in room (lib/video/attendance.ts), or null when the session
 * used Zoom or Google Meet (their attendance is not recorded here).
 */
export async function loadAttendance(db: TPrivilegedTx, bookingId: string): Promise<TAttendanceInterval[] | null> {
  const { rows } = await db.query<{ video_provider: string | null }>('select video_provider from public.bookings where id = $1', [
    bookingId,
  ]);
  if (rows[0]?.video_provider && rows[0].video_provider !== 'builtin') return null;
  return (await attendanceFor(db, bookingId)).intervals.map((i) => ({ role: i.role, joinedAt: i.joinedAt, leftAt: i.leftAt }));
}

type TBookingTimes = { id: string; starts_at: Date; ends_at: Date };

/** Decides a booking's no-show report from its attendance now; null when there is no report. */
export async function verdictFor(
  db: TPrivilegedTx,
  b: TBookingTimes,
  absentRole: 'learner' | 'expert',
  now: Date,
): Promise<ReturnType<typeof settleNoShow>> {
  return settleNoShow({
    absentRole,
    attendance: await loadAttendance(db, b.id),
    startMs: ms(b.starts_at),
    endMs: ms(b.ends_at),
    nowMs: now.getTime(),
    minMinutes: env().NO_SHOW_MIN_ATTENDANCE_MINUTES,
    window: roomRule(),
  });
}

/** What the session page shows both participants and admins: the intervals, minutes, and the report's verdict. */
export async function attendanceView(db: TPrivilegedTx, b: TBookingTimes, now: Date): Promise<TAttendanceView> {
  const attendance = await loadAttendance(db, b.id);
  const { rows } = await db.query<{
    reporter_role: 'learner' | 'expert';
    absent_role: 'learner' | 'expert';
    attendance_verdict: TNoShowVerdict | null;
    settled_at: Date | null;
  }>(
    'select reporter_role, absent_role, attendance_verdict, settled_at from public.no_show_reports where booking_id = $1 order by created_at limit 1',
    [b.id],
  );
  const s = settleNoShow({
    absentRole: rows[0]?.absent_role ?? 'expert',
    attendance,
    startMs: ms(b.starts_at),
    endMs: ms(b.ends_at),
    nowMs: now.getTime(),
    minMinutes: env().NO_SHOW_MIN_ATTENDANCE_MINUTES,
    window: roomRule(),
  });
  const r = rows[0];
  return {
    intervals: (attendance ?? []).map((i) => ({
      role: i.role,
      joinedAt: i.joinedAt.toISOString(),
      leftAt: i.leftAt ? i.leftAt.toISOString() : null,
    })),
    minutes: s.minutes,
    noShow: r
      ? {
          reporterRole: r.reporter_role,
          absentRole: r.absent_role,
          verdict: r.attendance_verdict,
          verdictText: r.attendance_verdict ? VERDICT_TEXT[r.attendance_verdict] : null,
          settledAt: r.settled_at ? new Date(r.settled_at).toISOString() : null,
        }
      : null,
  };
}
