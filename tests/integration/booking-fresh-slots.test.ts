import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshSlots } from '@/lib/booking/store';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import type { TPrivilegedTx } from '@/lib/db/types';
import { createTestDb, type TTestDb } from '../support/test-db';
import { bookableExpert, everyHalfHourSlotsForTests, hoursAhead } from './booking.fixtures';

// The losers of one race fail together and each answers its 409 with the same month of fresh slots: they share
// one computation while it runs, and a later call computes anew (nothing is kept).
let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
});
afterAll(async () => {
  setSlotSourceForTests(null);
  await t.drop();
});

function counting(db: TPrivilegedTx): { db: TPrivilegedTx; queries: () => number } {
  let n = 0;
  return {
    db: {
      query: (sql, params) => ((n += 1), db.query(sql, params)),
      exec: (sql) => db.exec(sql),
      afterCommit: (fn) => db.afterCommit(fn),
    } as TPrivilegedTx,
    queries: () => n,
  };
}

it('concurrent identical fresh-slot requests run the queries once; a later one runs them again and sees a new booking', async () => {
  const expert = await bookableExpert(t.db);
  const around = hoursAhead(30).getTime();
  const one = counting(t.db);
  const single = await freshSlots(one.db, expert.id, 60, 'Asia/Kolkata', around);
  const perCall = one.queries();
  expect(perCall).toBeGreaterThan(0);
  expect(single.slots.length).toBeGreaterThan(0);

  const many = counting(t.db);
  const answers = await Promise.all(Array.from({ length: 19 }, () => freshSlots(many.db, expert.id, 60, 'Asia/Kolkata', around)));
  expect(many.queries()).toBe(perCall);
  for (const a of answers) expect(a).toEqual(single);

  // Other lengths or zones are other computations.
  const other = counting(t.db);
  await Promise.all([
    freshSlots(other.db, expert.id, 30, 'Asia/Kolkata', around),
    freshSlots(other.db, expert.id, 60, 'Europe/Berlin', around),
  ]);
  expect(other.queries()).toBe(2 * perCall);

  // Nothing is kept: a booking made afterwards shows in the next answer.
  const first = single.slots[0];
  await t.db.query(
    `insert into public.bookings (expert_id, starts_at, ends_at, duration_minutes, status, price_minor, currency)
     values ($1, $2, $3, 60, 'confirmed', 7000, 'USD')`,
    [expert.id, new Date(first.start), new Date(first.end)],
  );
  const after = await freshSlots(t.db, expert.id, 60, 'Asia/Kolkata', around);
  expect(after.slots.map((s) => s.start)).not.toContain(first.start);
});
