import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as CREATE_PACKAGE, GET as LIST_OWN } from '@/app/api/expert/packages/route';
import { PATCH as UPDATE_PACKAGE } from '@/app/api/expert/packages/[id]/route';
import { GET as MINE_ON_PROFILE } from '@/app/api/experts/[slug]/mine/route';
import { POST as START } from '@/app/api/packages/[id]/purchase/route';
import { POST as PAY } from '@/app/api/packages/purchases/[id]/pay/route';
import { POST as REDEEM } from '@/app/api/packages/purchases/[id]/redeem/route';
import { POST as REFUND } from '@/app/api/packages/purchases/[id]/refund/route';
import { GET as LIST_PURCHASES } from '@/app/api/packages/purchases/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { createHold } from '@/lib/booking/create-hold';
import { completeBooking } from '@/lib/booking/lifecycle';
import { cancelBooking } from '@/lib/booking/manage';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { registerPackageJobs } from '@/lib/packages/jobs';
import { createPackage, listPublicPackages } from '@/lib/packages/manage';
import { paySimulatedPurchase, startPurchase } from '@/lib/packages/purchase';
import { redeemCredit } from '@/lib/packages/redeem';
import { refundUnused } from '@/lib/packages/refund';
import { settlePackageBooking } from '@/lib/packages/settle';
import { listPurchases } from '@/lib/packages/views';
import { createTestDb, type TTestDb } from '../support/test-db';
import { bookableExpert, everyHalfHourSlotsForTests, hoursAhead, learners } from './booking.fixtures';

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => {} }));
vi.mock('@/lib/experts/refresh-next-available', () => ({ refreshNextAvailable: async () => {} }));

let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
  registerPackageJobs();
});
afterAll(async () => {
  setSlotSourceForTests(null);
  holder.__pathwiseDb = undefined;
  await t.drop();
});

type TExpert = Awaited<ReturnType<typeof bookableExpert>>;

/** An expert with a 5 × 60 min package at 10 % off ($70 → $315), bought and paid by a new learner. */
async function boughtPackage(o: { count?: number; discount?: number; expert?: TExpert } = {}) {
  const expert = o.expert ?? (await bookableExpert(t.db));
  const pkg = await createPackage(t.db, { ...expert.user, role: 'expert' } as TSessionUser, {
    title: 'Five focused hours',
    sessionCount: o.count ?? 5,
    lengthMinutes: 60,
    discountPercent: o.discount ?? 10,
    refundWindowDays: 30,
  });
  const [learner] = await learners(t.db, 1);
  const { purchaseId } = await startPurchase(t.db, learner, pkg.id);
  await paySimulatedPurchase(t.db, learner, purchaseId);
  return { expert, pkg, learner, purchaseId };
}

let slotHour = 30;
async function bookWithCredit(learner: TSessionUser, expert: TExpert, purchaseId: string) {
  const { id } = await createHold(t.db, learner, {
    expertSlug: expert.slug,
    start: hoursAhead((slotHour += 2)).toISOString(),
    lengthMinutes: 60,
    brief: '',
    timeZone: 'UTC',
  });
  await redeemCredit(t.db, learner, purchaseId, { bookingId: id });
  return id;
}

async function purchase(id: string) {
  const { rows } = await t.db.query<{ status: string; sessions_used: number; sessions_refunded: number; session_count: number }>(
    'select status, sessions_used, sessions_refunded, session_count from public.package_purchases where id = $1',
    [id],
  );
  return rows[0];
}

async function payment(purchaseId: string) {
  const { rows } = await t.db.query<{
    id: string;
    status: string;
    amount_minor: string;
    commission_minor: string;
    refunded_minor: string;
    transfer_group: string;
  }>(
    'select id, status, amount_minor, commission_minor, refunded_minor, transfer_group from public.payments where package_purchase_id = $1',
    [purchaseId],
  );
  return rows[0];
}

/** Ledger balance per account for one package payment; every posting of it must also sum to zero. */
async function ledger(purchaseId: string): Promise<Record<string, number>> {
  const pay = await payment(purchaseId);
  const { rows: txns } = await t.db.query<{ n: string }>(
    'select sum(amount_minor)::text as n from public.ledger_entries where payment_id = $1 group by txn_id',
    [pay.id],
  );
  for (const x of txns) expect(Number(x.n)).toBe(0);
  const { rows } = await t.db.query<{ account: string; n: string }>(
    'select account, sum(amount_minor)::text as n from public.ledger_entries where payment_id = $1 group by account',
    [pay.id],
  );
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.n)]));
}

const settle = (bookingId: string, change: 'completed' | 'cancelled') => settlePackageBooking(t.db, { bookingId, change, sequence: 0 });

async function endSession(bookingId: string) {
  await t.db.query("update public.bookings set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = $1", [
    bookingId,
  ]);
  expect(await completeBooking(t.db, bookingId)).toBe(true);
  return settle(bookingId, 'completed');
}

describe('buying a package', () => {
  it('prices it on the server, shows the saving, and a paid purchase holds N credits with the charge posted', async () => {
    const { pkg, learner, purchaseId, expert } = await boughtPackage();
    expect(pkg).toMatchObject({
      priceMinor: 31_500,
      currency: 'USD',
      perSessionMinor: 7000,
      savingPerSessionMinor: 700,
      discountPercent: 10,
    });
    expect((await listPublicPackages(t.db, expert.id)).map((p) => p.id)).toEqual([pkg.id]);
    expect(await purchase(purchaseId)).toMatchObject({ status: 'active', sessions_used: 0, session_count: 5 });
    const pay = await payment(purchaseId);
    expect(pay).toMatchObject({ status: 'paid', transfer_group: `package_${purchaseId}` });
    expect(Number(pay.amount_minor)).toBe(31_500);
    expect(Number(pay.commission_minor)).toBe(4725); // 15 % of the package price
    // Commission is the platform's at purchase; the expert's share waits in expert_payable until sessions happen.
    expect(await ledger(purchaseId)).toEqual({ platform_cash: 31_500, platform_commission: -4725, expert_payable: -26_775 });
    const [view] = await listPurchases(t.db, learner);
    expect(view).toMatchObject({ remaining: 5, sessionCount: 5, refundableMinor: 31_500 });
    // Paying again changes nothing.
    await paySimulatedPurchase(t.db, learner, purchaseId);
    expect(await ledger(purchaseId)).toEqual({ platform_cash: 31_500, platform_commission: -4725, expert_payable: -26_775 });
  });

  it('retired packages are not sold, bought credits stay valid; another learner cannot pay someone else’s checkout', async () => {
    const { expert, pkg, learner, purchaseId } = await boughtPackage();
    const expertUser = { ...expert.user, role: 'expert' } as TSessionUser;
    const res = await UPDATE_PACKAGE(await req('PATCH', expertUser, { action: 'retire' }), params(pkg.id));
    expect(res.status).toBe(200);
    expect(await listPublicPackages(t.db, expert.id)).toEqual([]);
    const [other] = await learners(t.db, 1);
    expect((await START(await req('POST', other), params(pkg.id))).status).toBe(404);
    await bookWithCredit(learner, expert, purchaseId);
    expect((await purchase(purchaseId)).sessions_used).toBe(1);
    const { purchaseId: pending } = await startPurchase(
      t.db,
      learner,
      (await boughtPackage({ expert: await bookableExpert(t.db) })).pkg.id,
    );
    expect((await PAY(await req('POST', other), params(pending))).status).toBe(404);
  });
});

describe('booking with credits', () => {
  it('books two sessions without paying again: 5 → 3 left for the learner and the expert', async () => {
    const { expert, learner, purchaseId } = await boughtPackage();
    const a = await bookWithCredit(learner, expert, purchaseId);
    const b = await bookWithCredit(learner, expert, purchaseId);
    const { rows } = await t.db.query<{ status: string; payment_status: string }>(
      'select status, payment_status from public.bookings where id = any($1) order by id',
      [[a, b]],
    );
    expect(rows).toEqual([
      { status: 'confirmed', payment_status: 'paid' },
      { status: 'confirmed', payment_status: 'paid' },
    ]);
    expect((await listPurchases(t.db, learner))[0]).toMatchObject({ remaining: 3, used: 2 });
    const expertSales = await listPurchases(t.db, { ...expert.user, role: 'expert' } as TSessionUser);
    expect(expertSales.find((p) => p.id === purchaseId)).toMatchObject({ remaining: 3, learner: { name: learner.name } });
    // Only one payment exists for the whole package.
    expect((await t.db.query('select 1 from public.payments where package_purchase_id = $1', [purchaseId])).rows).toHaveLength(1);
  });

  it('two concurrent bookings cannot spend the last credit twice', async () => {
    const { expert, learner, purchaseId } = await boughtPackage({ count: 2 });
    await bookWithCredit(learner, expert, purchaseId);
    const holds = [];
    for (let i = 0; i < 2; i++)
      holds.push(
        (
          await createHold(t.db, learner, {
            expertSlug: expert.slug,
            start: hoursAhead((slotHour += 2)).toISOString(),
            lengthMinutes: 60,
            brief: '',
            timeZone: 'UTC',
          })
        ).id,
      );
    const results = await Promise.allSettled(holds.map((id) => redeemCredit(t.db, learner, purchaseId, { bookingId: id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict', message: 'No sessions are left in this package.' });
    expect(await purchase(purchaseId)).toMatchObject({ sessions_used: 2 });
    const { rows } = await t.db.query<{ status: string }>('select status from public.bookings where id = any($1) order by status', [holds]);
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'held']);
    expect((await t.db.query('select 1 from public.package_sessions where purchase_id = $1', [purchaseId])).rows).toHaveLength(2);
  });

  it('refuses a credit for another expert, another length, or over HTTP for someone else’s purchase', async () => {
    const { learner, purchaseId } = await boughtPackage();
    const other = await bookableExpert(t.db);
    const { id } = await createHold(t.db, learner, {
      expertSlug: other.slug,
      start: hoursAhead(200).toISOString(),
      lengthMinutes: 60,
      brief: '',
      timeZone: 'UTC',
    });
    await expect(redeemCredit(t.db, learner, purchaseId, { bookingId: id })).rejects.toMatchObject({ code: 'conflict' });
    const { id: short } = await createHold(t.db, learner, {
      expertSlug: other.slug,
      start: hoursAhead(210).toISOString(),
      lengthMinutes: 30,
      brief: '',
      timeZone: 'UTC',
    });
    const mine = await boughtPackage({ expert: other });
    await expect(redeemCredit(t.db, learner, mine.purchaseId, { bookingId: short })).rejects.toMatchObject({ code: 'not_found' });
    const res = await REDEEM(await req('POST', mine.learner, { bookingId: short }), params(purchaseId));
    expect(res.status).toBe(404);
    expect((await purchase(purchaseId)).sessions_used).toBe(0);
  });
});

describe('cancelling and completing', () => {
  it('a cancellation in time returns the credit; a late one forfeits it and pays the expert their share', async () => {
    const { expert, learner, purchaseId } = await boughtPackage();
    const early = await bookWithCredit(learner, expert, purchaseId);
    await cancelBooking(t.db, learner, early, { reason: 'Clash' });
    expect(await settle(early, 'cancelled')).toBe('returned');
    expect(await settle(early, 'cancelled')).toBe(null); // a replayed job changes nothing
    expect((await purchase(purchaseId)).sessions_used).toBe(0);

    const late = await bookWithCredit(learner, expert, purchaseId);
    // 2 h before the start: the policy gives 0 % (late_cancel_refund_percent), so the credit is spent.
    await t.db.query(
      "update public.bookings set starts_at = now() + interval '2 hours', ends_at = now() + interval '3 hours' where id = $1",
      [late],
    );
    await cancelBooking(t.db, learner, late, {});
    expect(await settle(late, 'cancelled')).toBe('forfeited');
    expect((await purchase(purchaseId)).sessions_used).toBe(1);
    // Session 1 of 5 of $315: $63, of which the expert's share $53.55 is transferred now.
    expect(await ledger(purchaseId)).toEqual({
      platform_cash: 31_500 - 5355,
      platform_commission: -4725,
      expert_payable: -26_775 + 5355,
    });
    // Test mode: a simulated transfer, posted in the settling transaction (a Stripe-paid package makes a real one).
    const { rows: refs } = await t.db.query(
      "select distinct source_ref from public.ledger_entries where booking_id = $1 and kind = 'transfer'",
      [late],
    );
    expect(refs).toEqual([{ source_ref: `sim_tr_pkg_${late}` }]);
  });

  it('pays the expert per completed session, pro rata, not up front', async () => {
    const { expert, learner, purchaseId } = await boughtPackage({ count: 3, discount: 0 }); // 3 × $70 = $210
    const a = await bookWithCredit(learner, expert, purchaseId);
    const b = await bookWithCredit(learner, expert, purchaseId);
    expect((await ledger(purchaseId)).expert_payable).toBe(-17_850); // $210 less 15 % commission, not transferred
    expect(
      (await t.db.query("select 1 from public.ledger_entries where kind = 'transfer' and source_ref like $1", [`%${a}`])).rows,
    ).toHaveLength(0);
    expect(await endSession(a)).toBe('earned');
    const afterOne = await ledger(purchaseId);
    expect(afterOne).toEqual({ platform_cash: 21_000 - 5950, platform_commission: -3150, expert_payable: -17_850 + 5950 });
    expect(await endSession(b)).toBe('earned');
    expect((await payment(purchaseId)).status).toBe('paid');
    const { rows } = await t.db.query<{ share_index: number }>(
      'select share_index from public.package_sessions where purchase_id = $1 order by share_index',
      [purchaseId],
    );
    expect(rows.map((r) => r.share_index)).toEqual([0, 1]);
  });
});

describe('refunding unused sessions', () => {
  it('refunds the unused sessions pro rata within the window; the ledger balances and nothing is taken from the expert', async () => {
    const { expert, learner, purchaseId } = await boughtPackage(); // $315, 5 sessions
    const a = await bookWithCredit(learner, expert, purchaseId);
    const b = await bookWithCredit(learner, expert, purchaseId);
    await endSession(a);
    const res = await REFUND(await req('POST', learner), params(purchaseId));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ refundMinor: 18_900, sessions: 3 }); // 3 × $63
    expect(await purchase(purchaseId)).toMatchObject({ sessions_used: 2, sessions_refunded: 3, status: 'active' });
    expect(await payment(purchaseId)).toMatchObject({ status: 'partially_refunded' });
    expect(Number((await payment(purchaseId)).refunded_minor)).toBe(18_900);
    // The booked session still happens and is paid for from what stayed.
    await endSession(b);
    const l = await ledger(purchaseId);
    expect(l.expert_payable).toBe(0); // every share transferred or refunded: nothing pulled back, nothing left over
    expect(l.platform_commission).toBe(-1890);
    expect(l.platform_cash).toBe(31_500 - 18_900 - 2 * 5355);
    expect(Object.values(l).reduce((s, n) => s + n, 0)).toBe(0);
    expect((await purchase(purchaseId)).status).toBe('closed');
    // Nothing left to refund, and no way to book more.
    expect((await REFUND(await req('POST', learner), params(purchaseId))).status).toBe(409);
  });

  it('refuses after the window, and another learner’s refund answers 404', async () => {
    const { learner, purchaseId } = await boughtPackage();
    const [other] = await learners(t.db, 1);
    expect((await REFUND(await req('POST', other), params(purchaseId))).status).toBe(404);
    await expect(refundUnused(t.db, learner, purchaseId, { now: new Date(Date.now() + 31 * DAY) })).rejects.toMatchObject({
      code: 'conflict',
      message: 'The refund window for this package has closed.',
    });
    expect(Number((await payment(purchaseId)).refunded_minor)).toBe(0);
  });
});

describe('the expert’s package API', () => {
  it('creates with a server price, refuses a length the expert does not offer, and lists only their own', async () => {
    const expert = await bookableExpert(t.db);
    const user = { ...expert.user, role: 'expert' } as TSessionUser;
    const bad = await CREATE_PACKAGE(
      await req('POST', user, { title: 'x', sessionCount: 5, lengthMinutes: 45, discountPercent: 10 }),
      none(),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('lengthMinutes');
    const ok = await CREATE_PACKAGE(
      await req('POST', user, { title: 'Ten', sessionCount: 10, lengthMinutes: 30, discountPercent: 20, priceMinor: 1 }),
      none(),
    );
    expect(ok.status).toBe(201);
    expect((await ok.json()).package).toMatchObject({ priceMinor: 32_000, savingPerSessionMinor: 800 });
    const other = await bookableExpert(t.db);
    const list = await (await LIST_OWN(await req('GET', { ...other.user, role: 'expert' } as TSessionUser), none())).json();
    expect(list.packages).toEqual([]);
    const { purchaseId } = await boughtPackage();
    const lp = await (await LIST_PURCHASES(await req('GET', user), none())).json();
    expect(lp.purchases.map((p: { id: string }) => p.id)).not.toContain(purchaseId);
  });

  it('creating, editing and retiring a package each start a new page-cache generation (the signed-out profile shows packages)', async () => {
    const expert = await bookableExpert(t.db);
    const user = { ...expert.user, role: 'expert' } as TSessionUser;
    const cache = holder.__pathwiseCache as { get: (k: string) => Promise<string | undefined> };
    const generations = [await cache.get('experts:gen')];
    const created = await CREATE_PACKAGE(
      await req('POST', user, { title: 'Three', sessionCount: 3, lengthMinutes: 60, discountPercent: 5 }),
      none(),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()).package as { id: string };
    generations.push(await cache.get('experts:gen'));
    const edit = { title: 'Three, cheaper', sessionCount: 3, lengthMinutes: 60, discountPercent: 10 };
    expect((await UPDATE_PACKAGE(await req('PATCH', user, { action: 'edit', package: edit }), params(id))).status).toBe(200);
    generations.push(await cache.get('experts:gen'));
    expect((await UPDATE_PACKAGE(await req('PATCH', user, { action: 'retire' }), params(id))).status).toBe(200);
    generations.push(await cache.get('experts:gen'));
    expect(new Set(generations).size).toBe(4);
  });
});

describe('the learner’s part of a profile (GET /api/experts/:slug/mine, fetched after the kept page hydrates)', () => {
  const get = async (slug: string, user: TSessionUser) => MINE_ON_PROFILE(await req('GET', user), { params: Promise.resolve({ slug }) });

  it('gives the learner their packages with this expert and the sessions left to book, and nobody else’s', async () => {
    const { expert, learner, purchaseId } = await boughtPackage({ count: 3 });
    const res = await get(expert.slug, learner);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.json();
    expect(body.mine.map((m: { id: string; remaining: number }) => [m.id, m.remaining])).toEqual([[purchaseId, 3]]);
    expect(body.credits).toEqual([{ purchaseId, title: 'Five focused hours', lengthMinutes: 60, remaining: 3 }]);
    expect(body.curricula).toEqual([]);
    await bookWithCredit(learner, expert, purchaseId);
    expect((await (await get(expert.slug, learner)).json()).credits[0].remaining).toBe(2);
    // Another learner sees none of it, nor does the learner on another expert's profile.
    const [other] = await learners(t.db, 1);
    expect(await (await get(expert.slug, other)).json()).toEqual({ curricula: [], mine: [], credits: [] });
    const elsewhere = await bookableExpert(t.db);
    expect((await (await get(elsewhere.slug, learner)).json()).mine).toEqual([]);
  });

  it('answers learners only, and 404 for an address no listed expert has', async () => {
    const { expert, learner } = await boughtPackage();
    expect((await get(expert.slug, { ...expert.user, role: 'expert' } as TSessionUser)).status).toBe(403);
    expect((await get('nobody-here', learner)).status).toBe(404);
    expect((await get('../admin', learner)).status).toBe(404);
  });
});

async function req(method: string, user: TSessionUser, body?: unknown) {
  const { token } = await createSession(t.db, user.id, 1);
  return new NextRequest('http://localhost/api/packages', {
    method,
    headers: { cookie: `pw_session=${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = (id = '') => ({ params: Promise.resolve({ id }) });
const none = () => ({ params: Promise.resolve({} as Record<string, string>) });
