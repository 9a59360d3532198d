import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db/with-user';
import { loadPublicProfile } from '@/lib/experts/get-public-profile';
import { getBookingReviews } from '@/lib/reviews/get-booking-reviews';
import { hideReview } from '@/lib/reviews/hide-review';
import { getProfileReviews, getRatingSummary } from '@/lib/reviews/list-expert-reviews';
import { listPendingReviews } from '@/lib/reviews/list-pending-reviews';
import { publishDueReviews } from '@/lib/reviews/publish-due-reviews';
import { replyToReview } from '@/lib/reviews/reply-to-review';
import { submitReview } from '@/lib/reviews/submit-review';
import { ageBooking, createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
let admin: TSessionUser;
let learner: TSessionUser;
let stranger: TSessionUser;
let expertUser: TSessionUser;
let expert: { id: string; slug: string };
const holder = globalThis as unknown as { __pathwiseCache?: unknown };

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseCache = createMemoryCache();
  [admin, learner, stranger, expertUser] = await Promise.all([
    createUser(t.db, { role: 'admin' }),
    createUser(t.db, { role: 'learner', name: 'Lena Learner' }),
    createUser(t.db, { role: 'learner' }),
    createUser(t.db, { role: 'expert' }),
  ]);
  expert = await createExpertProfile(t.db, expertUser.id);
});
afterAll(async () => {
  await t.drop();
});

// A fresh expert per test keeps aggregates independent.
let fresh: { user: TSessionUser; profile: { id: string; slug: string } };
beforeEach(async () => {
  const user = await createUser(t.db, { role: 'expert' });
  fresh = { user, profile: await createExpertProfile(t.db, user.id) };
});

const publicReviews = async (expertId: string) => (await getProfileReviews(t.db, expertId)).reviews;

describe('double-blind reviews', () => {
  it("keeps the learner's review from the expert and the public until the expert's is in, then shows both", async () => {
    const b = await createBooking(t.db, fresh.profile.id, learner.id);
    const first = await submitReview(t.db, learner, { bookingId: b.id, rating: 4, body: 'Clear explanations of hooks.' });
    expect(first.published).toBe(false);

    // The expert sees that a review exists, never its content; the public sees nothing; aggregates unchanged.
    const expertView = await getBookingReviews(t.db, fresh.user, b.id);
    expect(expertView).toMatchObject({ viewerRole: 'expert', theirs: null, theirsSubmitted: true, canReview: true, canReply: false });
    const direct = await withUser(t.db, fresh.user, (tx) =>
      tx.query('select body from public.session_reviews where booking_id = $1', [b.id]),
    );
    expect(direct.rows).toEqual([]);
    expect(await publicReviews(fresh.profile.id)).toEqual([]);
    expect(await getRatingSummary(t.db, fresh.profile.id)).toEqual({ average: null, count: 0, histogram: [0, 0, 0, 0, 0] });
    // The learner sees their own, pending.
    expect((await getBookingReviews(t.db, learner, b.id)).mine).toMatchObject({ rating: 4, publishedAt: null });

    const second = await submitReview(t.db, fresh.user, { bookingId: b.id, body: 'Came prepared; practise custom hooks next.' });
    expect(second.published).toBe(true);
    expect((await getBookingReviews(t.db, fresh.user, b.id)).theirs).toMatchObject({ rating: 4, body: 'Clear explanations of hooks.' });
    expect((await getBookingReviews(t.db, learner, b.id)).theirs).toMatchObject({
      authorRole: 'expert',
      body: 'Came prepared; practise custom hooks next.',
    });
    expect(await publicReviews(fresh.profile.id)).toMatchObject([{ rating: 4, author: 'Lena L.' }]);
    expect(await getRatingSummary(t.db, fresh.profile.id)).toEqual({ average: 4, count: 1, histogram: [0, 0, 0, 1, 0] });
    // The expert's private feedback is never public.
    const anon = await t.db.transaction(async (tx) => {
      await tx.exec('set local role anon');
      return tx.query<{ author_role: string }>('select author_role from public.session_reviews where booking_id = $1', [b.id]);
    });
    expect(anon.rows).toEqual([{ author_role: 'learner' }]);
  });

  it('publishes a lone review once the window closes', async () => {
    const b = await createBooking(t.db, fresh.profile.id, learner.id, { endedHoursAgo: 2 });
    await submitReview(t.db, learner, { bookingId: b.id, rating: 5, body: 'Brilliant session.' });
    expect(await publishDueReviews(t.db)).toBe(0);
    expect(await publicReviews(fresh.profile.id)).toEqual([]);
    await ageBooking(t.db, b.id, 7);
    expect(await publishDueReviews(t.db)).toBe(1);
    expect(await publicReviews(fresh.profile.id)).toMatchObject([{ rating: 5 }]);
    expect(await getRatingSummary(t.db, fresh.profile.id)).toMatchObject({ average: 5, count: 1 });
    // The expert can no longer write theirs.
    await expect(submitReview(t.db, fresh.user, { bookingId: b.id, body: 'Too late now.' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it("the session's review page publishes that session's due review, and only that one", async () => {
    const mine = await createBooking(t.db, fresh.profile.id, learner.id, { endedHoursAgo: 2 });
    const other = await createBooking(t.db, fresh.profile.id, learner.id, { endedHoursAgo: 30 });
    await submitReview(t.db, learner, { bookingId: mine.id, rating: 4, body: 'Mine, due now.' });
    await submitReview(t.db, learner, { bookingId: other.id, rating: 3, body: 'Another, due too.' });
    await ageBooking(t.db, mine.id, 7);
    await ageBooking(t.db, other.id, 7);
    expect((await getBookingReviews(t.db, fresh.user, mine.id)).theirs).toMatchObject({ rating: 4 });
    const published = await t.db.query<{ booking_id: string }>(
      'select booking_id from public.session_reviews where booking_id = any($1::uuid[]) and published_at is not null',
      [[mine.id, other.id]],
    );
    expect(published.rows.map((r) => r.booking_id)).toEqual([mine.id]);
    expect(await publishDueReviews(t.db)).toBe(1); // the job publishes the other
  });

  it('shows the published rating on the profile the directory reads', async () => {
    const b = await createBooking(t.db, fresh.profile.id, learner.id);
    await submitReview(t.db, learner, { bookingId: b.id, rating: 3, body: 'Fine, a bit rushed.' });
    await submitReview(t.db, fresh.user, { bookingId: b.id, body: 'Good questions.' });
    expect(await loadPublicProfile(t.db, fresh.profile.slug)).toMatchObject({ rating_avg: 3, rating_count: 1 });
  });
});

describe('who may review', () => {
  it('only participants of a completed session, inside the window, once', async () => {
    const done = await createBooking(t.db, expert.id, learner.id);
    await expect(submitReview(t.db, stranger, { bookingId: done.id, rating: 1, body: 'Never met them.' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(submitReview(t.db, admin, { bookingId: done.id, rating: 1, body: 'Admin opinion.' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(submitReview(t.db, learner, { bookingId: done.id, body: 'No stars given.' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { rating: expect.any(String) },
    });
    await expect(submitReview(t.db, learner, { bookingId: done.id, rating: 6, body: 'Six stars!' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { rating: expect.any(String) },
    });
    await submitReview(t.db, learner, { bookingId: done.id, rating: 5, body: 'Great.' });
    await expect(submitReview(t.db, learner, { bookingId: done.id, rating: 1, body: 'Changed my mind.' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'You have already reviewed this session.',
    });

    for (const status of ['confirmed', 'cancelled', 'no_show'] as const) {
      const b = await createBooking(t.db, expert.id, learner.id, { status, endedHoursAgo: status === 'confirmed' ? -48 : 24 });
      await expect(submitReview(t.db, learner, { bookingId: b.id, rating: 5, body: 'Not finished.' })).rejects.toMatchObject({
        code: 'conflict',
        message: 'Only a completed session can be reviewed.',
      });
    }
    const old = await createBooking(t.db, expert.id, learner.id, { endedHoursAgo: 24 * 8 });
    await expect(submitReview(t.db, learner, { bookingId: old.id, rating: 5, body: 'Late review.' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/window/),
    });
  });

  it('lists what the user still has to review', async () => {
    const b = await createBooking(t.db, fresh.profile.id, stranger.id);
    expect((await listPendingReviews(t.db, stranger)).map((p) => p.bookingId)).toContain(b.id);
    expect((await listPendingReviews(t.db, fresh.user)).map((p) => p.bookingId)).toEqual([b.id]);
    await submitReview(t.db, fresh.user, { bookingId: b.id, body: 'Keep practising.' });
    expect(await listPendingReviews(t.db, fresh.user)).toEqual([]);
  });
});

describe('replies and moderation', () => {
  it('lets the expert reply once to a published review, never before', async () => {
    const b = await createBooking(t.db, fresh.profile.id, learner.id);
    const { id } = await submitReview(t.db, learner, { bookingId: b.id, rating: 2, body: 'Started late.' });
    await expect(replyToReview(t.db, fresh.user, id, { reply: 'Sorry!' })).rejects.toMatchObject({ code: 'conflict' });
    await submitReview(t.db, fresh.user, { bookingId: b.id, body: 'Thanks for your patience.' });
    await expect(replyToReview(t.db, expertUser, id, { reply: 'Not my review.' })).rejects.toMatchObject({ code: 'not_found' });
    await replyToReview(t.db, fresh.user, id, { reply: 'Sorry for the late start — my fault.' });
    await expect(replyToReview(t.db, fresh.user, id, { reply: 'Again.' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'You have already replied to this review.',
    });
    expect(await publicReviews(fresh.profile.id)).toMatchObject([{ reply: 'Sorry for the late start — my fault.' }]);
  });

  it('hides a review with a reason: out of the list and the average, audit-logged', async () => {
    const ids: string[] = [];
    for (const [rating, who] of [
      [5, learner],
      [1, stranger],
    ] as const) {
      const b = await createBooking(t.db, fresh.profile.id, who.id);
      ids.push((await submitReview(t.db, who, { bookingId: b.id, rating, body: `Rated ${rating}.` })).id);
      await submitReview(t.db, fresh.user, { bookingId: b.id, body: 'Thanks.' });
    }
    expect(await getRatingSummary(t.db, fresh.profile.id)).toEqual({ average: 3, count: 2, histogram: [1, 0, 0, 0, 1] });
    await expect(hideReview(t.db, learner, ids[1], { hidden: true, reason: 'Spam' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(hideReview(t.db, admin, ids[1], { hidden: true, reason: '' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { reason: expect.any(String) },
    });
    await hideReview(t.db, admin, ids[1], { hidden: true, reason: 'Abusive language' });
    expect(await getRatingSummary(t.db, fresh.profile.id)).toEqual({ average: 5, count: 1, histogram: [0, 0, 0, 0, 1] });
    expect((await publicReviews(fresh.profile.id)).map((r) => r.id)).toEqual([ids[0]]);
    const audit = await t.db.query('select actor_id, action, reason from public.audit_log where subject_id = $1', [ids[1]]);
    expect(audit.rows).toEqual([{ actor_id: admin.id, action: 'review.hide', reason: 'Abusive language' }]);
    const kept = await t.db.query('select hidden_reason from public.session_reviews where id = $1', [ids[1]]);
    expect(kept.rows[0]).toEqual({ hidden_reason: 'Abusive language' });
  });
});

describe('rating aggregates', () => {
  it('always equal a recount after random inserts, hides and deletions', async () => {
    const learners = await Promise.all(Array.from({ length: 3 }, () => createUser(t.db, { role: 'learner' })));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ rating: fc.integer({ min: 1, max: 5 }), published: fc.boolean(), hidden: fc.boolean(), del: fc.boolean() }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (items) => {
          const bookingIds: string[] = [];
          // One statement inserts the batch (as the seed does); then some are hidden, some deleted.
          for (const [i] of items.entries()) bookingIds.push((await createBooking(t.db, fresh.profile.id, learners[i % 3].id)).id);
          await t.db.query(
            `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating, body, published_at)
             select b, $1, 'learner', null, r, 'x', case when p then now() end from unnest($2::uuid[], $3::int[], $4::boolean[]) as u(b, r, p)`,
            [fresh.profile.id, bookingIds, items.map((x) => x.rating), items.map((x) => x.published)],
          );
          await t.db.query('update public.session_reviews set hidden = true where booking_id = any($1)', [
            bookingIds.filter((_, i) => items[i].hidden),
          ]);
          await t.db.query('delete from public.session_reviews where booking_id = any($1)', [bookingIds.filter((_, i) => items[i].del)]);
          const recount = await t.db.query<{ n: number; avg: string | null; h: number[] }>(
            `select count(*)::int as n, round(avg(rating), 2)::text as avg,
                    array[count(*) filter (where rating = 1), count(*) filter (where rating = 2), count(*) filter (where rating = 3),
                          count(*) filter (where rating = 4), count(*) filter (where rating = 5)]::int[] as h
               from public.session_reviews where expert_id = $1 and author_role = 'learner' and published_at is not null and not hidden`,
            [fresh.profile.id],
          );
          const s = await getRatingSummary(t.db, fresh.profile.id);
          expect(s).toEqual({
            average: recount.rows[0].avg === null ? null : Number(recount.rows[0].avg),
            count: recount.rows[0].n,
            histogram: recount.rows[0].h,
          });
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('column protection', () => {
  it('refuses an expert writing their own ratings or pause', async () => {
    await t.db.query(`update public.expert_profiles set status = 'draft' where id = $1`, [fresh.profile.id]);
    for (const set of [
      'rating_count = 999',
      "rating_histogram = '{0,0,0,0,99}'",
      'paused_until = null',
      "paused_until = now() + interval '1 year'",
    ]) {
      if (set.startsWith('paused_until = null'))
        await t.db.query(`update public.expert_profiles set paused_until = now() + interval '3 days' where id = $1`, [fresh.profile.id]);
      await expect(
        withUser(t.db, fresh.user, (tx) => tx.query(`update public.expert_profiles set ${set} where id = $1`, [fresh.profile.id])),
      ).rejects.toThrow(/row-level security/);
    }
    // Their own editable fields still save.
    await withUser(t.db, fresh.user, (tx) =>
      tx.query(`update public.expert_profiles set headline = 'Still editable' where id = $1`, [fresh.profile.id]),
    );
  });
});
