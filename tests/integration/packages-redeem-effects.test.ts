import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { createHold } from '@/lib/booking/create-hold';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import type { TDb } from '@/lib/db';
import '@/lib/jobs/definitions';
import { paySimulatedPurchase, startPurchase } from '@/lib/packages/purchase';
import { redeemCredit } from '@/lib/packages/redeem';
import { paySimulated } from '@/lib/payments/simulated';
import { expertPackage } from '../support/package-factories';
import { createTestDb, type TTestDb } from '../support/test-db';
import { everyHalfHourSlotsForTests, hoursAhead, learners } from './booking.fixtures';

// A booking paid with a package credit is confirmed through the same function as a paid booking
// (confirmPaidBooking in lib/booking/lifecycle.ts), so what follows a confirmation is identical: the completion job,
// one job per after-change listener (calendar, video, notifications, payments, packages — every module registered by
// lib/jobs/definitions.ts), the booking event, and the messages to both sides.

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => undefined }));
vi.mock('@/lib/experts/refresh-next-available', () => ({
  refreshNextAvailable: async () => undefined,
  registerNextAvailableJob: () => undefined,
}));

let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

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

/** Everything a confirmation left behind for one booking, with the booking's id written as BOOKING. */
async function effectsOf(db: TDb, bookingId: string, users: string[], since: Date) {
  const norm = (s: string | null) => (s ?? '').replaceAll(bookingId, 'BOOKING');
  const { rows: jobs } = await db.query<{ name: string; singleton_key: string | null; run_at: Date }>(
    "select name, singleton_key, run_at from public.jobs where data->>'bookingId' = $1 and created_at >= $2 order by name, singleton_key",
    [bookingId, since],
  );
  const { rows: events } = await db.query<{ kind: string; data: Record<string, unknown> }>(
    'select kind, data from public.booking_events where booking_id = $1 and created_at >= $2 order by created_at',
    [bookingId, since],
  );
  const { rows: inApp } = await db.query<{ who: number; kind: string; link: string }>(
    'select array_position($1::uuid[], user_id) as who, kind, link from public.notifications where user_id = any($1) and created_at >= $2 order by 1, 2',
    [users, since],
  );
  const { rows: mail } = await db.query<{ who: number; channel: string; template: string }>(
    'select array_position($1::uuid[], user_id) as who, channel, template from public.outbox_messages where user_id = any($1) and created_at >= $2 order by 1, 2, 3',
    [users, since],
  );
  return {
    jobs: jobs.map((j) => ({ name: j.name, key: norm(j.singleton_key) })),
    events: events.map((e) => e.kind),
    eventData: events.map((e) => Object.keys(e.data).sort()),
    inApp: inApp.map((n) => ({ ...n, link: norm(n.link) })),
    mail,
  };
}

async function hold(learner: TSessionUser, slug: string, hours: number) {
  const { id } = await createHold(t.db, learner, {
    expertSlug: slug,
    start: hoursAhead(hours).toISOString(),
    lengthMinutes: 60,
    brief: 'Same brief',
    timeZone: 'UTC',
  });
  return id;
}

describe('redeeming a credit confirms like a payment', () => {
  it('a redeemed booking queues the same jobs and after-change listeners, and tells both sides the same way, as a paid one', async () => {
    const { expert, pkg } = await expertPackage(t.db);
    const [payer, holder2] = await learners(t.db, 2);
    const { purchaseId } = await startPurchase(t.db, holder2, pkg.id);
    await paySimulatedPurchase(t.db, holder2, purchaseId);

    const paidHold = await hold(payer, expert.slug, 48);
    const creditHold = await hold(holder2, expert.slug, 52);
    const t0 = new Date();
    await paySimulated(t.db, payer, paidHold);
    const paid = await effectsOf(t.db, paidHold, [payer.id, expert.user.id], t0);
    const t1 = new Date();
    await redeemCredit(t.db, holder2, purchaseId, { bookingId: creditHold });
    const redeemed = await effectsOf(t.db, creditHold, [holder2.id, expert.user.id], t1);

    // Every registered listener got its job, and the completion job is there.
    expect(paid.jobs.map((j) => j.name)).toEqual(
      expect.arrayContaining(['booking.complete', 'calendar.booking-event', 'notifications.booking-changed', 'video.meeting-sync']),
    );
    expect(redeemed.jobs).toEqual(paid.jobs);
    expect(redeemed.events).toEqual(['confirmed']);
    expect(redeemed.events).toEqual(paid.events);
    expect(redeemed.inApp).toEqual(paid.inApp);
    expect(redeemed.mail).toEqual(paid.mail);
    expect(redeemed.inApp.length).toBeGreaterThanOrEqual(2); // the learner and the expert
    // What differs is what paid: a payment, or a credit of this purchase.
    expect(paid.eventData[0]).toEqual(expect.arrayContaining(['paymentId', 'paymentMode']));
    expect(redeemed.eventData[0]).toEqual(expect.arrayContaining(['packagePurchaseId', 'paymentMode']));
  });
});
