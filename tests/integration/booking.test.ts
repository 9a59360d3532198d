import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as GET_ONE } from '@/app/api/bookings/[id]/route';
import { POST as CANCEL } from '@/app/api/bookings/[id]/cancel/route';
import { GET as PREVIEW } from '@/app/api/bookings/[id]/cancel-preview/route';
import { GET as ICS } from '@/app/api/bookings/[id]/ics/route';
import { PUT as NOTES } from '@/app/api/bookings/[id]/notes/route';
import { POST as PAY } from '@/app/api/bookings/[id]/pay/route';
import { GET as LIST, POST as CREATE } from '@/app/api/bookings/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { createHold } from '@/lib/booking/create-hold';
import { SlotTakenError } from '@/lib/booking/errors';
import { completeBooking, expireHold, sweepBookings } from '@/lib/booking/lifecycle';
import { paySimulated as payBooking } from '@/lib/payments/simulated';
import { cancelBooking, cancelPreview, reportNoShow, rescheduleBooking, saveNotes } from '@/lib/booking/manage';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { getBookingDetail, listBookings } from '@/lib/booking/views';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';
import { blindSlotsForTests, bookableExpert, counts, everyHalfHourSlotsForTests, hoursAhead, learners } from './booking.fixtures';

// Who was told that an expert's slots changed (after the commit), and whose "Next:" was recomputed.
const announced = vi.hoisted(() => ({ published: [] as string[], refreshed: [] as string[] }));
vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: (id: string) => announced.published.push(id) }));
vi.mock('@/lib/experts/refresh-next-available', () => ({
  refreshNextAvailable: async (_db: unknown, id: string) => void announced.refreshed.push(id),
}));

let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const MIN = 60_000;
const HOUR = 60 * MIN;

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
});
afterAll(async () => {
  setSlotSourceForTests(null);
  holder.__pathwiseDb = undefined;
  await t.drop();
});

const hold = (learner: TSessionUser, slug: string, start: Date, lengthMinutes = 60, now?: Date) =>
  createHold(
    t.db,
    learner,
    { expertSlug: slug, start: start.toISOString(), lengthMinutes, brief: 'Help me with recursion', timeZone: 'Asia/Kolkata' },
    { now },
  );

async function confirmed(learner: TSessionUser, slug: string, start: Date, lengthMinutes = 60) {
  const { id } = await hold(learner, slug, start, lengthMinutes);
  await payBooking(t.db, learner, id);
  return id;
}

async function settle<T>(ps: Promise<T>[]) {
  const results = await Promise.allSettled(ps);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return { won, lost };
}

describe('holds: the exclusion constraint is the arbiter', () => {
  it('50 concurrent holds on one slot: exactly one hold, 49 clean slot_taken, nothing else changed', async () => {
    const expert = await bookableExpert(t.db);
    const people = await learners(t.db, 50);
    const start = hoursAhead(72);
    const before = await counts(t.db);
    const { won, lost } = await settle(people.map((l) => hold(l, expert.slug, start)));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(SlotTakenError);
      expect(l.reason.message).toBe('Someone just booked this time. Pick another slot.');
      // The fresh slots no longer offer the taken start.
      expect((l.reason as SlotTakenError).slots.slots.map((s) => s.start)).not.toContain(start.toISOString());
      expect((l.reason as SlotTakenError).slots.offerings).toHaveLength(3);
    }
    const after = await counts(t.db);
    expect(after.bookings - before.bookings).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.outbox).toBe(before.outbox);
    // The one hold's expiry job, enqueued in its transaction; none for the losers.
    if (before.jobs !== undefined) expect(after.jobs - before.jobs).toBe(1);
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.bookings where expert_id = $1 and status = 'held'",
      [expert.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('the same with overlapping slots of different lengths (30, 60, 90 minutes at different offsets)', async () => {
    const expert = await bookableExpert(t.db);
    const people = await learners(t.db, 50);
    const base = hoursAhead(96).getTime();
    // Every candidate covers [base + 60 min, base + 61 min), so any two overlap.
    const variants: [number, number][] = [
      [60, 30],
      [30, 60],
      [60, 60],
      [0, 90],
      [30, 90],
      [60, 90],
    ];
    const before = await counts(t.db);
    const { won, lost } = await settle(
      people.map((l, i) => {
        const [off, len] = variants[i % variants.length];
        return hold(l, expert.slug, new Date(base + off * MIN), len);
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    expect(lost.every((l) => l.reason instanceof SlotTakenError)).toBe(true);
    const after = await counts(t.db);
    expect([after.bookings - before.bookings, after.events - before.events]).toEqual([1, 1]);
    // A start that does not touch the held one is still free.
    await expect(hold(people[0], expert.slug, new Date(base + 5 * HOUR), 30)).resolves.toMatchObject({ expertId: expert.id });
  });

  it('with a slot check that never sees the other holds, the database alone still lets exactly one of 50 through', async () => {
    const expert = await bookableExpert(t.db);
    const people = await learners(t.db, 50);
    const base = hoursAhead(200).getTime();
    const before = await counts(t.db);
    setSlotSourceForTests(blindSlotsForTests);
    try {
      const { won, lost } = await settle(people.map((l, i) => hold(l, expert.slug, new Date(base + (i % 3) * 30 * MIN), 90)));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      expect(lost.every((l) => l.reason instanceof SlotTakenError)).toBe(true);
    } finally {
      setSlotSourceForTests(everyHalfHourSlotsForTests);
    }
    const after = await counts(t.db);
    expect([after.bookings - before.bookings, after.events - before.events, after.outbox - before.outbox]).toEqual([1, 1, 0]);
  });

  it('buffers count: a hold inside another booking’s buffer is refused by the database itself', async () => {
    const expert = await bookableExpert(t.db);
    await t.db.query(
      'insert into public.availability_settings (expert_id, buffer_before_minutes, buffer_after_minutes) values ($1, 0, 30)',
      [expert.id],
    );
    const [a, b] = await learners(t.db, 2);
    const start = hoursAhead(50);
    await hold(a, expert.slug, start, 60);
    // Straight into the table, past every application check: the constraint still refuses it.
    await expect(
      t.db.query(
        `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, buffer_after_minutes, status, hold_expires_at, price_minor, currency)
       values ($1, $2, $3, $4, 30, 0, 'held', now() + interval '5 minutes', 100, 'USD')`,
        [expert.id, b.id, new Date(start.getTime() + 70 * MIN), new Date(start.getTime() + 100 * MIN)],
      ),
    ).rejects.toMatchObject({ code: '23P01' });
    await expect(hold(b, expert.slug, new Date(start.getTime() + 60 * MIN), 30)).rejects.toBeInstanceOf(SlotTakenError);
    await expect(hold(b, expert.slug, new Date(start.getTime() + 90 * MIN), 30)).resolves.toBeTruthy();
  });

  it('a learner cannot hold two overlapping sessions with one expert; experts cannot hold at all', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const start = hoursAhead(30);
    await hold(a, expert.slug, start, 60);
    await expect(hold(a, expert.slug, new Date(start.getTime() + 30 * MIN), 30)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already have a session/),
    });
    await expect(hold(expert.user, expert.slug, hoursAhead(40))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(hold(a, expert.slug, hoursAhead(41), 45)).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { lengthMinutes: expect.any(String) },
    });
  });
});

describe('with the real slot functions (lib/availability)', () => {
  it('holds an offered slot, refuses a start outside the hours, and 50 racers still get exactly one', async () => {
    setSlotSourceForTests(null);
    try {
      const expert = await bookableExpert(t.db, { timezone: 'America/New_York' });
      await t.db.query(
        'insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) select $1, d, 540, 1020 from generate_series(1, 7) d',
        [expert.id],
      );
      const { getExpertSlots } = await import('@/lib/availability/get-expert-slots');
      const slots = await getExpertSlots(t.db, expert.id, { from: Date.now() + 24 * HOUR, to: Date.now() + 72 * HOUR, lengthMinutes: 60 });
      expect(slots.length).toBeGreaterThan(0);
      const start = new Date(slots[0].start);
      // 03:00 in New York is outside the 09:00–17:00 hours.
      const night = new Date(slots[0].start - 6 * HOUR);
      await expect(hold((await learners(t.db, 1))[0], expert.slug, night)).rejects.toBeInstanceOf(SlotTakenError);
      const people = await learners(t.db, 50);
      const before = await counts(t.db);
      const { won, lost } = await settle(people.map((l) => hold(l, expert.slug, start)));
      expect([won.length, lost.length]).toEqual([1, 49]);
      expect(lost.every((l) => l.reason instanceof SlotTakenError)).toBe(true);
      const fresh = (lost[0].reason as SlotTakenError).slots;
      expect(fresh.expertTimeZone).toBe('America/New_York');
      expect(fresh.slots.length).toBeGreaterThan(0);
      expect(fresh.slots.map((x) => x.start)).not.toContain(start.toISOString());
      const after = await counts(t.db);
      expect([after.bookings - before.bookings, after.events - before.events]).toEqual([1, 1]);
    } finally {
      setSlotSourceForTests(everyHalfHourSlotsForTests);
    }
  });
});

describe('slot changes are announced', () => {
  it('after a hold, an expiry, a cancellation and a reschedule — and not after a lost race', async () => {
    const expert = await bookableExpert(t.db);
    const [a, b] = await learners(t.db, 2);
    const start = hoursAhead(210);
    const seen = () => announced.published.filter((id) => id === expert.id).length;
    const { id } = await hold(a, expert.slug, start);
    expect(seen()).toBe(1);
    expect(announced.refreshed).toContain(expert.id);
    await expect(hold(b, expert.slug, start)).rejects.toBeInstanceOf(SlotTakenError);
    expect(seen()).toBe(1);
    await expireHold(t.db, id, { now: new Date(Date.now() + 16 * MIN) });
    expect(seen()).toBe(2);
    const id2 = await confirmed(b, expert.slug, start);
    expect(seen()).toBe(3);
    await rescheduleBooking(t.db, b, id2, { start: new Date(start.getTime() + HOUR).toISOString() });
    expect(seen()).toBe(4);
    await cancelBooking(t.db, b, id2, {});
    expect(seen()).toBe(5);
  });
});

describe('hold expiry', () => {
  it('a lapsed hold expires (job, sweep or the next hold) and frees the slot', async () => {
    const expert = await bookableExpert(t.db);
    const [a, b, c] = await learners(t.db, 3);
    const start = hoursAhead(80);
    const { id } = await hold(a, expert.slug, start);
    expect(
      (
        await t.db.query<{ hold_expires_at: Date; created_at: Date }>(
          'select hold_expires_at, created_at from public.bookings where id = $1',
          [id],
        )
      ).rows[0].hold_expires_at.getTime() - Date.now(),
    ).toBeGreaterThan(14 * MIN);
    await expect(hold(b, expert.slug, start)).rejects.toBeInstanceOf(SlotTakenError);
    // The job does nothing before the hold is due…
    expect(await expireHold(t.db, id)).toBe(false);
    // …and expires it once it is.
    expect(await expireHold(t.db, id, { now: new Date(Date.now() + 16 * MIN) })).toBe(true);
    const detail = await getBookingDetail(t.db, a, id);
    expect(detail.status).toBe('expired');
    expect(detail.events.map((e) => e.kind)).toEqual(['held', 'expired']);
    const { id: second } = await hold(b, expert.slug, start);
    // The next hold expires a lapsed one itself (no job needed); so does the sweep.
    const { id: third } = await hold(c, expert.slug, start, 60, new Date(Date.now() + 20 * MIN));
    expect((await t.db.query('select status from public.bookings where id = $1', [second])).rows[0]).toEqual({ status: 'expired' });
    expect(await sweepBookings(t.db, { now: new Date(Date.now() + 40 * MIN) })).toMatchObject({ expired: expect.any(Number) });
    expect((await t.db.query('select status from public.bookings where id = $1', [third])).rows[0]).toEqual({ status: 'expired' });
  });

  it('paying a lapsed hold answers hold_expired (410) and releases the slot', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const { id } = await hold(a, expert.slug, hoursAhead(70));
    await expect(payBooking(t.db, a, id, { now: new Date(Date.now() + 16 * MIN) })).rejects.toMatchObject({ name: 'HoldExpiredError' });
    expect((await t.db.query('select status from public.bookings where id = $1', [id])).rows[0]).toEqual({ status: 'expired' });
  });
});

describe('pay, complete, no-show', () => {
  it('pay confirms, e-mails both sides with the calendar link, and completion follows the end', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const start = hoursAhead(26);
    const { id } = await hold(a, expert.slug, start, 30);
    const outboxBefore = (await counts(t.db)).outbox;
    await payBooking(t.db, a, id);
    await payBooking(t.db, a, id); // twice changes nothing
    const { rows } = await t.db.query<{
      status: string;
      payment_status: string;
      payment_mode: string;
      confirmed_at: Date | null;
      hold_expires_at: Date | null;
    }>('select status, payment_status, payment_mode, confirmed_at, hold_expires_at from public.bookings where id = $1', [id]);
    expect(rows[0]).toMatchObject({ status: 'confirmed', payment_status: 'paid', payment_mode: 'simulated', hold_expires_at: null });
    const { rows: mail } = await t.db.query<{ recipient: string; body: string; template: string }>(
      'select recipient, body, template from public.outbox_messages order by created_at desc limit 2',
    );
    expect((await counts(t.db)).outbox - outboxBefore).toBe(2);
    expect(mail.map((m) => m.recipient).sort()).toEqual([a.email, expert.user.email].sort());
    for (const m of mail) expect(m.body).toContain(`/api/bookings/${id}/ics`);
    expect(await completeBooking(t.db, id)).toBe(false); // not ended yet
    const afterEnd = new Date(start.getTime() + 31 * MIN);
    expect(await completeBooking(t.db, id, { now: afterEnd })).toBe(true);
    const d = await getBookingDetail(t.db, a, id, { now: afterEnd });
    expect(d.status).toBe('completed');
    expect(d.canReview).toBe(true);
    expect(d.events.map((e) => e.kind)).toEqual(['held', 'confirmed', 'completed']);
  });

  it('the minute sweep completes ended sessions (not a no-show) even without their jobs', async () => {
    const expert = await bookableExpert(t.db);
    const [a, b] = await learners(t.db, 2);
    const start = hoursAhead(230);
    const done = await confirmed(a, expert.slug, start, 30);
    const absent = await confirmed(b, expert.slug, new Date(start.getTime() + HOUR), 30);
    await reportNoShow(t.db, b, absent, {}, { now: new Date(start.getTime() + HOUR + MIN) });
    await sweepBookings(t.db, { now: new Date(start.getTime() + 10 * MIN) });
    expect((await t.db.query('select status from public.bookings where id = $1', [done])).rows[0]).toEqual({ status: 'confirmed' });
    const later = new Date(start.getTime() + 3 * HOUR);
    expect((await sweepBookings(t.db, { now: later })).completed).toBeGreaterThanOrEqual(1);
    expect(
      (await t.db.query('select id, status from public.bookings where id = any($1) order by starts_at', [[done, absent]])).rows.map(
        (r) => r.status,
      ),
    ).toEqual(['completed', 'no_show']);
  });

  it('a no-show is reported within the window after the start only, once; the session then never completes', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const start = hoursAhead(27);
    const id = await confirmed(a, expert.slug, start);
    await expect(reportNoShow(t.db, a, id, { note: 'early' }, { now: new Date(start.getTime() - MIN) })).rejects.toMatchObject({
      code: 'conflict',
      message: /once the session has started/,
    });
    await expect(reportNoShow(t.db, a, id, {}, { now: new Date(start.getTime() + 48 * HOUR + MIN) })).rejects.toMatchObject({
      code: 'conflict',
      message: /within 48 hours/,
    });
    await reportNoShow(t.db, a, id, { note: 'The expert never joined' }, { now: new Date(start.getTime() + 10 * MIN) });
    await expect(reportNoShow(t.db, expert.user, id, {}, { now: new Date(start.getTime() + 11 * MIN) })).rejects.toMatchObject({
      code: 'conflict',
    });
    const { rows } = await t.db.query('select reporter_role, absent_role from public.no_show_reports where booking_id = $1', [id]);
    expect(rows).toEqual([{ reporter_role: 'learner', absent_role: 'expert' }]);
    expect(await completeBooking(t.db, id, { now: new Date(start.getTime() + 2 * HOUR) })).toBe(false);
    expect((await t.db.query('select status from public.bookings where id = $1', [id])).rows[0]).toEqual({ status: 'no_show' });
  });
});

describe('cancellation and reschedule policy', () => {
  it('learner refunds at 24 h ± 1 min, the expert always full, recorded for payments', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const start = hoursAhead(100);
    const id = await confirmed(a, expert.slug, start);
    const at = (ms: number) => ({ now: new Date(start.getTime() - 24 * HOUR + ms) });
    expect(await cancelPreview(t.db, a, id, at(-MIN))).toMatchObject({
      refundPercent: 100,
      rule: '24 hours or more before the start: full refund.',
    });
    expect(await cancelPreview(t.db, a, id, at(0))).toMatchObject({ refundPercent: 100 });
    expect(await cancelPreview(t.db, a, id, at(MIN))).toEqual({
      refundPercent: 0,
      rule: 'Less than 24 hours before the start: no refund.',
    });
    expect(await cancelPreview(t.db, expert.user, id, at(MIN))).toMatchObject({ refundPercent: 100 });
    await cancelBooking(t.db, a, id, { reason: 'Sick' }, at(MIN));
    const { rows } = await t.db.query(
      'select status, refund_percent, cancelled_by, cancel_reason, payment_status from public.bookings where id = $1',
      [id],
    );
    expect(rows[0]).toEqual({
      status: 'cancelled',
      refund_percent: 0,
      cancelled_by: 'learner',
      cancel_reason: 'Sick',
      payment_status: 'paid',
    });
    await expect(cancelBooking(t.db, a, id, {})).rejects.toMatchObject({ code: 'conflict' });
    // The slot is free again.
    await expect(hold(a, expert.slug, start)).resolves.toBeTruthy();
  });

  it('an admin-set policy is followed, and an expert cancel records the expert refund', async () => {
    const expert = await bookableExpert(t.db);
    const [a, b] = await learners(t.db, 2);
    const start = hoursAhead(110);
    await t.db.query('update public.marketplace_policy set full_refund_hours = 48, late_cancel_refund_percent = 50');
    try {
      const id = await confirmed(a, expert.slug, start);
      await cancelBooking(t.db, a, id, {}, { now: new Date(start.getTime() - 47 * HOUR) });
      expect((await t.db.query('select refund_percent, payment_status from public.bookings where id = $1', [id])).rows[0]).toEqual({
        refund_percent: 50,
        payment_status: 'refund_pending',
      });
      const id2 = await confirmed(b, expert.slug, start);
      await cancelBooking(t.db, expert.user, id2, { reason: 'Conflict' }, { now: new Date(start.getTime() - HOUR) });
      expect((await t.db.query('select refund_percent, cancelled_by from public.bookings where id = $1', [id2])).rows[0]).toEqual({
        refund_percent: 100,
        cancelled_by: 'expert',
      });
    } finally {
      await t.db.query('update public.marketplace_policy set full_refund_hours = 24, late_cancel_refund_percent = 0');
    }
  });

  it('reschedule keeps one row, bumps SEQUENCE, keeps both times in the history; the learner only before the cut-off', async () => {
    const expert = await bookableExpert(t.db);
    const [a, other] = await learners(t.db, 2);
    const start = hoursAhead(120);
    const id = await confirmed(a, expert.slug, start);
    const taken = new Date(start.getTime() + 4 * HOUR);
    await confirmed(other, expert.slug, taken);
    await expect(rescheduleBooking(t.db, a, id, { start: taken.toISOString() })).rejects.toBeInstanceOf(SlotTakenError);
    // Overlapping its own old time is fine (it ignores itself).
    const next = new Date(start.getTime() + 30 * MIN);
    await rescheduleBooking(t.db, a, id, { start: next.toISOString() });
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.bookings where learner_id = $1', [a.id]);
    expect(rows[0].n).toBe(1);
    const d = await getBookingDetail(t.db, a, id);
    expect(d.start).toBe(next.toISOString());
    const moved = d.events.find((e) => e.kind === 'rescheduled')!;
    expect(moved.data).toMatchObject({ from: { start: start.toISOString() }, to: { start: next.toISOString() }, sequence: 1 });
    expect((await t.db.query('select sequence from public.bookings where id = $1', [id])).rows[0]).toEqual({ sequence: 1 });
    // Inside 24 h the learner may not move it; the expert may.
    const late = { now: new Date(next.getTime() - 23 * HOUR) };
    await expect(rescheduleBooking(t.db, a, id, { start: new Date(next.getTime() + 8 * HOUR).toISOString() }, late)).rejects.toMatchObject({
      code: 'conflict',
      message: /24 hours/,
    });
    await rescheduleBooking(t.db, expert.user, id, { start: new Date(next.getTime() + 8 * HOUR).toISOString() }, late);
    expect((await t.db.query('select sequence from public.bookings where id = $1', [id])).rows[0]).toEqual({ sequence: 2 });
    // The old time is free, the completion follows the new end.
    await expect(hold(other, expert.slug, start)).resolves.toBeTruthy();
    expect(await completeBooking(t.db, id, { now: new Date(next.getTime() + 2 * HOUR) })).toBe(false);
  });
});

describe('views and notes', () => {
  it('lists upcoming and past per side, with flags; notes only for the expert', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const start = hoursAhead(130);
    const id = await confirmed(a, expert.slug, start);
    const mine = await listBookings(t.db, a, 'upcoming');
    expect(mine.map((b) => b.id)).toContain(id);
    const v = mine.find((b) => b.id === id)!;
    expect(v).toMatchObject({
      viewerRole: 'learner',
      status: 'confirmed',
      canCancel: true,
      canReschedule: true,
      canReportNoShow: false,
      brief: 'Help me with recursion',
      lengthMinutes: 60,
      priceMinor: 7000,
    });
    expect(v.learner.timeZone).toBe('Asia/Kolkata');
    expect(v.expert.timeZone).toBe('America/New_York');
    expect((await listBookings(t.db, expert.user, 'upcoming')).map((b) => b.id)).toEqual([id]);
    expect(await listBookings(t.db, a, 'past')).toEqual([]);
    expect(await saveNotes(t.db, expert.user, id, { body: 'Prepare tree exercises' })).toEqual({ notes: 'Prepare tree exercises' });
    expect(await saveNotes(t.db, expert.user, id, { body: 'Prepare graph exercises' })).toEqual({ notes: 'Prepare graph exercises' });
    expect((await getBookingDetail(t.db, expert.user, id)).notes).toBe('Prepare graph exercises');
    expect((await getBookingDetail(t.db, a, id)).notes).toBeNull();
    await expect(saveNotes(t.db, a, id, { body: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('shows the learner’s progress on the attached module to the expert', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const plan = {
      title: 'Algorithms',
      modules: [
        { id: 'm1', title: 'Recursion', lessons: [{ id: 'l1' }, { id: 'l2' }, { id: 'l3' }, { id: 'l4' }] },
        { id: 'm2', title: 'Graphs', lessons: [{ id: 'l5' }] },
      ],
    };
    const { rows } = await t.db.query<{ id: string }>(
      "insert into public.curricula (user_id, request, status, plan, budget_minutes, weeks) values ($1, '{}', 'ready', $2, 600, 4) returning id",
      [a.id, JSON.stringify(plan)],
    );
    const cid = rows[0].id;
    await t.db.query(
      "insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status) values ($1, 'l1', $2, 'done'), ($1, 'l2', $2, 'in_progress'), ($1, 'l5', $2, 'done')",
      [cid, a.id],
    );
    const { id } = await createHold(t.db, a, {
      expertSlug: expert.slug,
      start: hoursAhead(140).toISOString(),
      lengthMinutes: 30,
      brief: 'Recursion help',
      curriculumId: cid,
      moduleId: 'm1',
      timeZone: 'Asia/Kolkata',
    });
    const d = await getBookingDetail(t.db, expert.user, id);
    expect(d.curriculum).toEqual({ id: cid, title: 'Algorithms', moduleId: 'm1', moduleTitle: 'Recursion' });
    expect(d.progress).toEqual({ completedItems: 1, totalItems: 4, percent: 25 });
    const stranger = (await learners(t.db, 1))[0];
    await expect(
      createHold(t.db, stranger, {
        expertSlug: expert.slug,
        start: hoursAhead(150).toISOString(),
        lengthMinutes: 30,
        curriculumId: cid,
        timeZone: 'UTC',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', fields: { curriculumId: expect.any(String) } });
  });
});

describe('HTTP routes and who may do what', () => {
  const cookieFor = async (u: TSessionUser) => `pw_session=${(await createSession(t.db, u.id, 1)).token}`;
  const req = (url: string, cookie: string, init: { method?: string; body?: unknown } = {}) =>
    new NextRequest(`http://localhost${url}`, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  const p = (id: string) => ({ params: Promise.resolve({ id }) });

  it('hold → pay → detail → ics over HTTP; 409 slot_taken with fresh slots; 404 for strangers; 403 for the expert paying', async () => {
    const expert = await bookableExpert(t.db);
    const [a, b] = await learners(t.db, 2);
    const [ca, cb, ce] = await Promise.all([cookieFor(a), cookieFor(b), cookieFor(expert.user)]);
    const start = hoursAhead(160).toISOString();
    const body = { expertSlug: expert.slug, start, lengthMinutes: 60, brief: 'Trees', timeZone: 'Asia/Kolkata' };
    const created = await CREATE(req('/api/bookings', ca, { method: 'POST', body }), { params: Promise.resolve({}) });
    expect(created.status).toBe(201);
    const { booking } = await created.json();
    expect(booking).toMatchObject({ status: 'held', start, viewerRole: 'learner', holdExpiresAt: expect.any(String) });

    const lost = await CREATE(req('/api/bookings', cb, { method: 'POST', body }), { params: Promise.resolve({}) });
    expect(lost.status).toBe(409);
    const lostBody = await lost.json();
    expect(lostBody.error).toMatchObject({ code: 'slot_taken', message: 'Someone just booked this time. Pick another slot.' });
    expect(lostBody.slots).toMatchObject({ expertTimeZone: 'America/New_York', timeZone: 'Asia/Kolkata', lengthMinutes: 60 });
    expect(lostBody.slots.slots.length).toBeGreaterThan(0);
    expect(lostBody.slots.slots.map((s: { start: string }) => s.start)).not.toContain(start);

    expect((await CREATE(req('/api/bookings', ce, { method: 'POST', body }), { params: Promise.resolve({}) })).status).toBe(403);
    expect((await PAY(req(`/api/bookings/${booking.id}/pay`, ce, { method: 'POST' }), p(booking.id))).status).toBe(403);
    expect((await PAY(req(`/api/bookings/${booking.id}/pay`, cb, { method: 'POST' }), p(booking.id))).status).toBe(404);
    const started = await PAY(req(`/api/bookings/${booking.id}/pay`, ca, { method: 'POST' }), p(booking.id));
    expect(started.status).toBe(200);
    const checkout = await started.json();
    expect(checkout).toMatchObject({ mode: 'simulated', checkoutUrl: `/pay/${checkout.paymentId}`, booking: { status: 'held' } });
    await payBooking(t.db, a, booking.id);
    expect((await getBookingDetail(t.db, a, booking.id)).status).toBe('confirmed');

    expect((await GET_ONE(req(`/api/bookings/${booking.id}`, cb), p(booking.id))).status).toBe(404);
    expect((await CANCEL(req(`/api/bookings/${booking.id}/cancel`, cb, { method: 'POST', body: {} }), p(booking.id))).status).toBe(404);
    expect((await ICS(req(`/api/bookings/${booking.id}/ics`, cb), p(booking.id))).status).toBe(404);
    expect(
      (await NOTES(req(`/api/bookings/${booking.id}/notes`, ca, { method: 'PUT', body: { body: 'mine' } }), p(booking.id))).status,
    ).toBe(403);
    const notes = await NOTES(req(`/api/bookings/${booking.id}/notes`, ce, { method: 'PUT', body: { body: 'private' } }), p(booking.id));
    expect(await notes.json()).toEqual({ notes: 'private' });

    const detail = await (await GET_ONE(req(`/api/bookings/${booking.id}`, ce), p(booking.id))).json();
    expect(detail.booking).toMatchObject({ viewerRole: 'expert', notes: 'private', brief: 'Trees' });
    const learnerDetail = await (await GET_ONE(req(`/api/bookings/${booking.id}`, ca), p(booking.id))).json();
    expect(learnerDetail.booking.notes).toBeNull();

    const ics = await ICS(req(`/api/bookings/${booking.id}/ics`, ce), p(booking.id));
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toContain('METHOD:REQUEST');
    expect(text).toContain(`UID:${booking.id}@pathwise`);

    expect(await (await PREVIEW(req(`/api/bookings/${booking.id}/cancel-preview`, ca), p(booking.id))).json()).toEqual({
      refundPercent: 100,
      rule: '24 hours or more before the start: full refund.',
    });
    expect((await PREVIEW(req(`/api/bookings/${booking.id}/cancel-preview`, cb), p(booking.id))).status).toBe(404);

    const list = await (await LIST(req('/api/bookings?scope=upcoming', cb), { params: Promise.resolve({}) })).json();
    expect(list.bookings).toEqual([]);
    const cancelled = await CANCEL(
      req(`/api/bookings/${booking.id}/cancel`, ca, { method: 'POST', body: { reason: 'Plans changed' } }),
      p(booking.id),
    );
    expect((await cancelled.json()).booking).toMatchObject({ status: 'cancelled', refundPercent: 100, cancelledBy: 'learner' });
    const after = await (await ICS(req(`/api/bookings/${booking.id}/ics`, ca), p(booking.id))).text();
    expect(after).toContain('METHOD:CANCEL');
    expect(after).toContain('STATUS:CANCELLED');
    expect(after).toContain('SEQUENCE:1');
  });

  it('paying a lapsed hold is 410 hold_expired; a bad body is 400 with fields', async () => {
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const ca = await cookieFor(a);
    const { id } = await hold(a, expert.slug, hoursAhead(180));
    await t.db.query("update public.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [id]);
    const res = await PAY(req(`/api/bookings/${id}/pay`, ca, { method: 'POST' }), p(id));
    expect(res.status).toBe(410);
    expect((await res.json()).error).toMatchObject({ code: 'hold_expired', message: expect.stringMatching(/expired/) });
    const bad = await CREATE(
      req('/api/bookings', ca, {
        method: 'POST',
        body: { expertSlug: expert.slug, start: 'tomorrow', lengthMinutes: 60, timeZone: 'UTC' },
      }),
      { params: Promise.resolve({}) },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('start');
  });

  it('admins read any booking; another expert gets 404', async () => {
    const expert = await bookableExpert(t.db);
    const other = await bookableExpert(t.db, { name: 'Other Expert' });
    const admin = await createUser(t.db, { role: 'admin' });
    const [a] = await learners(t.db, 1);
    const id = await confirmed(a, expert.slug, hoursAhead(170));
    expect((await getBookingDetail(t.db, admin, id)).viewerRole).toBe('admin');
    await expect(getBookingDetail(t.db, other.user, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(cancelBooking(t.db, other.user, id, {})).rejects.toMatchObject({ code: 'not_found' });
  });
});
