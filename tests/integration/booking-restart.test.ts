import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHold } from '@/lib/booking/create-hold';
import { registerBookingJobs } from '@/lib/booking/jobs';
import { paySimulated as payBooking } from '@/lib/payments/simulated';
import { rescheduleBooking } from '@/lib/booking/manage';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { startJobRunner, stopJobRunner } from '@/lib/jobs';
import { createTestDb, type TTestDb } from '../support/test-db';
import { bookableExpert, learners } from './booking.fixtures';

// Hold expiry, completion and a rescheduled session's completion are jobs in the database: stopping the
// runner before they are due and starting a new one afterwards still runs them. Only the per-booking jobs
// are registered here (no sweep), so nothing else can move the state. Runs once the job queue is on this
// branch (its migration), on PGlite and on Postgres (pg-boss).
const hasQueue = existsSync('supabase/migrations/20261127002000_jobs.sql');

let t: TTestDb;
const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const status = async (id: string) =>
  (await t.db.query<{ status: string }>('select status from public.bookings where id = $1', [id])).rows[0].status;
const events = async (id: string) =>
  (
    await t.db.query<{ kind: string }>('select kind from public.booking_events where booking_id = $1 order by created_at, id', [id])
  ).rows.map((r) => r.kind);

async function waitForStatus(id: string, want: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while ((await status(id)) !== want) {
    if (Date.now() > until) throw new Error(`booking ${id} is ${await status(id)}, not ${want}`);
    await sleep(100);
  }
}

describe.skipIf(!hasQueue)('booking jobs survive a restart of the job runner', () => {
  beforeAll(async () => {
    t = await createTestDb();
    // Offers exactly the start asked for, past or future: these tests place sessions seconds from now.
    setSlotSourceForTests({ slots: async (_db, _id, q) => [{ start: q.from, end: q.from + q.lengthMinutes * MIN }] });
    registerBookingJobs({ sweep: false });
    await startJobRunner(t.db);
  });
  afterAll(async () => {
    await stopJobRunner();
    setSlotSourceForTests(null);
    await t.drop();
  });

  it('expires a hold, completes a session and completes a rescheduled one after a restart', async () => {
    const expert = await bookableExpert(t.db);
    const other = await bookableExpert(t.db, { name: 'Other Expert' });
    const [a, b, c] = await learners(t.db, 3);
    const soon = Date.now() + 3000;
    const book = (learner: typeof a, start: number, length: number, now?: Date, slug = expert.slug) =>
      createHold(
        t.db,
        learner,
        { expertSlug: slug, start: new Date(start).toISOString(), lengthMinutes: length, timeZone: 'UTC' },
        { now },
      );

    // A hold that lapses in 3 s (its 15 minutes began 15 min − 3 s ago).
    const held = await book(a, Date.now() + 10 * 24 * 60 * MIN, 30, new Date(soon - 15 * MIN));
    // A confirmed 30-minute session that ends in 3 s.
    const ending = await book(b, soon - 30 * MIN, 30);
    await payBooking(t.db, b, ending.id);
    // A session far ahead, moved by the expert so that it ends in 3 s: only the new completion job can finish it.
    const moved = await book(c, Date.now() + 20 * 24 * 60 * MIN, 30, undefined, other.slug);
    await payBooking(t.db, c, moved.id);
    await rescheduleBooking(
      t.db,
      other.user,
      moved.id,
      { start: new Date(soon - 30 * MIN).toISOString() },
      { now: new Date(soon - 31 * MIN) },
    );

    await stopJobRunner();
    await sleep(soon - Date.now() + 1500);
    // Nothing ran them while the runner was down.
    expect([await status(held.id), await status(ending.id), await status(moved.id)]).toEqual(['held', 'confirmed', 'confirmed']);

    await startJobRunner(t.db);
    await waitForStatus(held.id, 'expired');
    await waitForStatus(ending.id, 'completed');
    await waitForStatus(moved.id, 'completed');
    expect(await events(held.id)).toEqual(['held', 'expired']);
    expect(await events(ending.id)).toEqual(['held', 'confirmed', 'completed']);
    expect(await events(moved.id)).toEqual(['held', 'confirmed', 'rescheduled', 'completed']);
  }, 60_000);
});
