import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser, type TDbUser } from '@/lib/db';
import { listAdminReviews } from '@/lib/reviews/admin-reviews';
import { createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The moderation list picks the newest learner reviews before it joins (issue #15: it joined and sorted every
// review on each view). What it returns must not change: newest first, learners' reviews only, the limit, the filter.
let t: TTestDb;
let admin: TDbUser;

beforeAll(async () => {
  t = await createTestDb();
  admin = await createUser(t.db, { role: 'admin' });
  const learner = await createUser(t.db, { role: 'learner' });
  const expertUser = await createUser(t.db, { role: 'expert' });
  const expert = await createExpertProfile(t.db, expertUser.id);
  for (const i of [5, 4, 3, 2, 1, 0]) {
    // Oldest first: the table's own order is then the reverse of the list's.
    const booking = await createBooking(t.db, expert.id, learner.id, { endedHoursAgo: 24 + i * 2 });
    // r0 is the newest; r1 and r4 are hidden; every session also has the expert's review of the learner.
    await t.db.query(
      `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating, body, hidden, hidden_reason, created_at)
       values ($1, $2, 'learner', $3, 4, $4, $5, case when $5 then 'spam' end, now() - make_interval(mins => $6)),
              ($1, $2, 'expert', $7, null, $8, false, null, now() - make_interval(mins => $6))`,
      [booking.id, expert.id, learner.id, `r${i}`, i === 1 || i === 4, i, expertUser.id, `e${i}`],
    );
  }
});
afterAll(async () => {
  await t.drop();
});

describe('listAdminReviews', () => {
  it('lists the newest learner reviews first, up to the limit', async () => {
    const three = await withUser(t.db, admin, (tx) => listAdminReviews(tx, { limit: 3 }));
    expect(three.map((r) => r.body)).toEqual(['r0', 'r1', 'r2']);
    const all = await withUser(t.db, admin, (tx) => listAdminReviews(tx));
    expect(all.map((r) => r.body)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(new Set(all.map((r) => r.authorRole))).toEqual(new Set(['learner']));
  });

  it('"Hidden only" lists the hidden ones, newest first', async () => {
    const hidden = await withUser(t.db, admin, (tx) => listAdminReviews(tx, { hiddenOnly: true }));
    expect(hidden.map((r) => [r.body, r.hiddenReason])).toEqual([
      ['r1', 'spam'],
      ['r4', 'spam'],
    ]);
  });
});
