import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as ADMIN_REFUND } from '@/app/api/admin/payments/[id]/refund/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { createHold } from '@/lib/booking/create-hold';
import { completeBooking } from '@/lib/booking/lifecycle';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { registerPackageJobs } from '@/lib/packages/jobs';
import { paySimulatedPurchase, startPurchase } from '@/lib/packages/purchase';
import { redeemCredit } from '@/lib/packages/redeem';
import { refundUnused } from '@/lib/packages/refund';
import { settlePackageBooking } from '@/lib/packages/settle';
import { listPurchases } from '@/lib/packages/views';
import { listAdminPayments } from '@/lib/payments/views';
import { createUser } from '../support/factories';
import { bookWithCredit, expertPackage, packageLedger, purchasePaymentRow, purchaseRow } from '../support/package-factories';
import { createTestDb, type TTestDb } from '../support/test-db';
import { everyHalfHourSlotsForTests, hoursAhead, learners } from './booking.fixtures';

// An admin's refund of a package payment (the /admin/payments/all dialog's route) adjusts the package's credits by
// the package refund policy (docs/payments.md, "Packages"): only unused credits are refunded as money, at their
// pro-rata value; a refund of all of it voids every unused credit; a partial one voids ⌊refund / per-session price⌋
// of them; more than the unused credits' value is refused. Test mode (simulated provider); Stripe's path is in
// packages-stripe.test.ts. $315 for 5 × 60 min: per-session price $63, commission 15 % = $47.25.

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => {} }));
vi.mock('@/lib/experts/refresh-next-available', () => ({ refreshNextAvailable: async () => {} }));

let t: TTestDb;
let admin: TSessionUser;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
  registerPackageJobs();
  admin = await createUser(t.db, { role: 'admin', name: 'Ada Admin' });
});
afterAll(async () => {
  setSlotSourceForTests(null);
  holder.__pathwiseDb = undefined;
  await t.drop();
});

async function bought() {
  const { expert, expertUser } = await expertPackage(t.db);
  const pkg = (await t.db.query<{ id: string }>('select id from public.session_packages where expert_id = $1', [expert.id])).rows[0];
  const [learner] = await learners(t.db, 1);
  const { purchaseId } = await startPurchase(t.db, learner, pkg.id);
  await paySimulatedPurchase(t.db, learner, purchaseId);
  const paymentId = (await purchasePaymentRow(t.db, purchaseId)).id;
  return { expert, expertUser, learner, purchaseId, paymentId };
}

async function adminRefund(paymentId: string, amountMinor: number, user: TSessionUser = admin) {
  const { token } = await createSession(t.db, user.id, 1);
  const res = await ADMIN_REFUND(
    new NextRequest(`http://localhost/api/admin/payments/${paymentId}/refund`, {
      method: 'POST',
      headers: { cookie: `pw_session=${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amountMinor, reason: 'Package refund by support', key: crypto.randomUUID() }),
    }),
    { params: Promise.resolve({ id: paymentId }) },
  );
  return { status: res.status, body: await res.json() };
}

/** What each side's package list says is left. */
async function remainingSeenBy(learner: TSessionUser, expertUser: TSessionUser, purchaseId: string) {
  const mine = (await listPurchases(t.db, learner)).find((p) => p.id === purchaseId);
  const theirs = (await listPurchases(t.db, expertUser)).find((p) => p.id === purchaseId);
  return { learner: mine?.remaining, expert: theirs?.remaining };
}

async function endSession(bookingId: string) {
  await t.db.query("update public.bookings set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = $1", [
    bookingId,
  ]);
  expect(await completeBooking(t.db, bookingId)).toBe(true);
  return settlePackageBooking(t.db, { bookingId, change: 'completed', sequence: 0 });
}

describe('an admin refund of a package payment', () => {
  it('in full, nothing used: every credit is voided, the purchase closes, both sides see 0 left, the ledger nets to zero', async () => {
    const { learner, expert, expertUser, purchaseId, paymentId } = await bought();
    expect(await remainingSeenBy(learner, expertUser, purchaseId)).toEqual({ learner: 5, expert: 5 });
    const res = await adminRefund(paymentId, 31_500);
    expect(res).toMatchObject({ status: 200, body: { amountMinor: 31_500 } });
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ status: 'closed', sessions_used: 0, sessions_refunded: 5 });
    expect(await purchasePaymentRow(t.db, purchaseId)).toMatchObject({ status: 'refunded', refunded_minor: 31_500 });
    expect(await remainingSeenBy(learner, expertUser, purchaseId)).toEqual({ learner: 0, expert: 0 });
    expect(await packageLedger(t.db, purchaseId)).toEqual({ platform_cash: 0, platform_commission: 0, expert_payable: 0 });
    // No credit is left to book with.
    const { id } = await createHold(t.db, learner, {
      expertSlug: expert.slug,
      start: hoursAhead(500).toISOString(),
      lengthMinutes: 60,
      brief: '',
      timeZone: 'UTC',
    });
    await expect(redeemCredit(t.db, learner, purchaseId, { bookingId: id })).rejects.toMatchObject({ code: 'conflict' });
    // Both sides are told how many are left.
    const { rows } = await t.db.query<{ user_id: string; title: string }>(
      "select user_id, title from public.notifications where title like 'Package “%: 0 sessions left' order by user_id",
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([learner.id, expert.user.id].sort());
  });

  it('partial: voids ⌊refund / per-session price⌋ credits, a goodwill amount under one session voids none; the learner’s later refund of the rest settles exactly', async () => {
    const { learner, expert, expertUser, purchaseId, paymentId } = await bought();
    // $130 pays for ⌊13 000 / 6 300⌋ = 2 sessions.
    expect((await adminRefund(paymentId, 13_000)).status).toBe(200);
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ status: 'active', sessions_used: 0, sessions_refunded: 2 });
    expect(await remainingSeenBy(learner, expertUser, purchaseId)).toEqual({ learner: 3, expert: 3 });
    // The expert's part of the two voided sessions (2 × $63 less their $18.90 commission) goes back; the platform pays the rest.
    expect(await packageLedger(t.db, purchaseId)).toEqual({
      platform_cash: 31_500 - 13_000,
      platform_commission: -4725 + 2290,
      expert_payable: -26_775 + 10_710,
    });
    // $1 of goodwill: under one session's price, no credit is voided.
    expect((await adminRefund(paymentId, 100)).status).toBe(200);
    expect(await remainingSeenBy(learner, expertUser, purchaseId)).toEqual({ learner: 3, expert: 3 });
    // One session is delivered; the learner refunds the other two: their value ($126) less what came back beyond it ($5).
    const a = await bookWithCredit(t.db, learner, expert, purchaseId);
    expect(await endSession(a)).toBe('earned');
    expect(await refundUnused(t.db, learner, purchaseId)).toEqual({ refundMinor: 12_100, sessions: 2 });
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ status: 'closed', sessions_used: 1, sessions_refunded: 4 });
    expect(await remainingSeenBy(learner, expertUser, purchaseId)).toEqual({ learner: 0, expert: 0 });
    // Everything refunded but the delivered session's $63; the expert got exactly that session's share; nothing is owed.
    expect(await purchasePaymentRow(t.db, purchaseId)).toMatchObject({ refunded_minor: 31_500 - 6300 });
    expect(await packageLedger(t.db, purchaseId)).toEqual({ platform_cash: 945, platform_commission: -945, expert_payable: 0 });
  });

  it('with sessions used: more than the unused credits’ value is refused with nothing changed; exactly that value voids every unused credit', async () => {
    const { learner, expert, expertUser, purchaseId, paymentId } = await bought();
    await bookWithCredit(t.db, learner, expert, purchaseId);
    await bookWithCredit(t.db, learner, expert, purchaseId);
    // The admin's list offers only the unused credits' value, and says how many are left.
    const row = async () => (await listAdminPayments(t.db, admin)).find((p) => p.id === paymentId)!;
    expect(await row()).toMatchObject({
      refundableMinor: 18_900,
      package: { sessionCount: 5, used: 2, remaining: 3, perSessionMinor: 6300 },
    });
    const refused = await adminRefund(paymentId, 18_901);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.amountMinor).toBe(
      'At most 18900 can be refunded: the value of the unused sessions (2 of 5 already used).',
    );
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ sessions_used: 2, sessions_refunded: 0 });
    expect((await purchasePaymentRow(t.db, purchaseId)).refunded_minor).toBe(0);
    // The learner (not an admin) cannot use the admin route.
    expect((await adminRefund(paymentId, 6300, learner)).status).toBe(403);

    expect((await adminRefund(paymentId, 18_900)).status).toBe(200);
    // The two booked sessions still happen; the purchase stays active until they do.
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ status: 'active', sessions_used: 2, sessions_refunded: 3 });
    expect(await remainingSeenBy(learner, expertUser, purchaseId)).toEqual({ learner: 0, expert: 0 });
    expect(await row()).toMatchObject({ refundableMinor: 0, package: { remaining: 0 } });
    expect((await adminRefund(paymentId, 1)).status).toBe(400); // nothing unused is left to refund
    expect((await purchasePaymentRow(t.db, purchaseId)).status).toBe('partially_refunded');
  });
});
