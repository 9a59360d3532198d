import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { reportNoShow, reviewNoShow } from '@/lib/booking/manage';
import { getBookingDetail } from '@/lib/booking/views';
import { countStrikes } from '@/lib/policy/standing';
import { recordJoin, recordLeave } from '@/lib/video/attendance';
import { createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// No-shows settled by the room's join/leave times (issue #13): a report against someone who was in the room for at
// least NO_SHOW_MIN_ATTENDANCE_MINUTES is flagged as contradicted and changes nothing (no no_show status, no strike);
// otherwise it stands with its verdict. An admin's review decides again from the attendance. Both sides and admins
// see the attendance on the booking detail.

vi.mock('@/lib/experts/expert-cache', () => ({ invalidateExpertCache: async () => undefined }));

let t: TTestDb;
let learner: TSessionUser;
let expert: TSessionUser;
let admin: TSessionUser;
let expertId: string;

/** Stays in the room, written as the room's socket handler writes them (recordJoin / recordLeave). */
const attendance = {
  async set(bookingId: string, stays: { role: 'learner' | 'expert'; joinedAt: Date; leftAt: Date | null }[]) {
    await t.db.query('delete from public.video_attendance where booking_id = $1', [bookingId]);
    for (const s of stays) {
      const id = await recordJoin(t.db, { bookingId, userId: s.role === 'learner' ? learner.id : expert.id, role: s.role, at: s.joinedAt });
      if (s.leftAt) await recordLeave(t.db, id, s.leftAt);
    }
  },
};
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDb();
  learner = await createUser(t.db, { role: 'learner' });
  expert = await createUser(t.db, { role: 'expert' });
  admin = await createUser(t.db, { role: 'admin' });
  expertId = (await createExpertProfile(t.db, expert.id)).id;
});
afterAll(async () => {
  await t.drop();
});

/**
 * A confirmed session that started 30 minutes ago (the no-show window is open). Confirmed sessions of one expert
 * may not overlap, so each one but the first moves the previous ones a day back each.
 */
async function session() {
  await t.db.query(
    "update public.bookings set starts_at = starts_at - interval '1 day', ends_at = ends_at - interval '1 day' where expert_id = $1 and status = 'confirmed'",
    [expertId],
  );
  return createBooking(t.db, expertId, learner.id, { status: 'confirmed', endedHoursAgo: -0.5 });
}
const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MIN);
const status = async (id: string) =>
  (await t.db.query<{ status: string }>('select status from public.bookings where id = $1', [id])).rows[0].status;
const verdict = async (id: string) =>
  (await t.db.query<{ attendance_verdict: string }>('select attendance_verdict from public.no_show_reports where booking_id = $1', [id]))
    .rows[0].attendance_verdict;

describe('reporting a no-show', () => {
  it('is contradicted when the reported expert was in the room long enough: flagged, no no-show, no strike', async () => {
    const b = await session();
    await attendance.set(b.id, [
      { role: 'learner', joinedAt: at(b.startsAt, -2), leftAt: null },
      { role: 'expert', joinedAt: at(b.startsAt, 0), leftAt: at(b.startsAt, 12) },
    ]);
    const strikes = await countStrikes(t.db, expertId, 90);
    await reportNoShow(t.db, learner, b.id, { note: 'never came' });
    expect(await verdict(b.id)).toBe('contradicted');
    expect(await status(b.id)).toBe('confirmed');
    expect(await countStrikes(t.db, expertId, 90)).toBe(strikes);
    const detail = await getBookingDetail(t.db, learner, b.id);
    expect(detail.attendance.minutes.expert).toBe(12);
    expect(detail.attendance.noShow).toMatchObject({ absentRole: 'expert', verdict: 'contradicted' });
    expect(detail.events.map((e) => e.kind)).toContain('no_show_contradicted');
    expect(detail.canReportNoShow).toBe(false);
  });

  it('stands when the reporter was there and the other side stayed under the threshold', async () => {
    const b = await session();
    await attendance.set(b.id, [
      { role: 'expert', joinedAt: at(b.startsAt, -5), leftAt: null },
      { role: 'learner', joinedAt: at(b.startsAt, 1), leftAt: at(b.startsAt, 3) },
    ]);
    await reportNoShow(t.db, expert, b.id, {});
    expect(await verdict(b.id)).toBe('confirmed');
    expect(await status(b.id)).toBe('no_show');
  });

  it('stands, flagged, when nobody joined; and when the session has no attendance data', async () => {
    const b = await session();
    await reportNoShow(t.db, learner, b.id, {});
    expect(await verdict(b.id)).toBe('nobody_joined');
    expect(await status(b.id)).toBe('no_show');
    const z = await session();
    await t.db.query("update public.bookings set video_provider = 'zoom' where id = $1", [z.id]);
    await attendance.set(z.id, [{ role: 'expert', joinedAt: z.startsAt, leftAt: null }]);
    await reportNoShow(t.db, learner, z.id, {});
    expect(await verdict(z.id)).toBe('no_data');
  });

  it('attendance is shown to both sides and to admins', async () => {
    const b = await session();
    await attendance.set(b.id, [{ role: 'learner', joinedAt: at(b.startsAt, 0), leftAt: at(b.startsAt, 20) }]);
    for (const u of [learner, expert, admin]) {
      const d = await getBookingDetail(t.db, u, b.id);
      expect(d.attendance.intervals).toEqual([
        { role: 'learner', joinedAt: at(b.startsAt, 0).toISOString(), leftAt: at(b.startsAt, 20).toISOString() },
      ]);
      expect(d.attendance.minutes).toEqual({ learner: 20, expert: 0 });
    }
  });
});

describe('admin review', () => {
  it('overturns a no-show the attendance contradicts, and upholds one it supports; audited', async () => {
    const b = await session();
    // Reported before the expert's join was known (e.g. the room's record came in late): the report stood.
    await reportNoShow(t.db, learner, b.id, {});
    expect(await status(b.id)).toBe('no_show');
    await attendance.set(b.id, [
      { role: 'learner', joinedAt: at(b.startsAt, 0), leftAt: null },
      { role: 'expert', joinedAt: at(b.startsAt, 1), leftAt: null },
    ]);
    await expect(reviewNoShow(t.db, learner, b.id)).rejects.toMatchObject({ code: 'forbidden' });
    await reviewNoShow(t.db, admin, b.id);
    expect(await verdict(b.id)).toBe('contradicted');
    expect(await status(b.id)).toBe('confirmed'); // not ended yet: back to confirmed; the sweep completes it
    await attendance.set(b.id, [{ role: 'learner', joinedAt: at(b.startsAt, 0), leftAt: null }]);
    await reviewNoShow(t.db, admin, b.id);
    expect(await verdict(b.id)).toBe('confirmed');
    expect(await status(b.id)).toBe('no_show');
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.audit_log where action = 'no_show.review' and subject_id = $1 and actor_id = $2",
      [b.id, admin.id],
    );
    expect(rows[0].n).toBe(2);
  });
});
