import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryCache } from '@/lib/cache/cache';
import { createHold } from '@/lib/booking/create-hold';
import { cancelBooking } from '@/lib/booking/manage';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import '@/lib/jobs/definitions';
import { createJobRunner, type TJobRunner } from '@/lib/jobs/runner';
import { startBookingCheckout } from '@/lib/payments/checkout';
import { simulateCheckout } from '@/lib/payments/simulated';
import { createTestDb, type TTestDb } from '../support/test-db';
import { bookableExpert, everyHalfHourSlotsForTests, hoursAhead, learners } from './booking.fixtures';

// Test mode (no Stripe key): the /pay page's Pay and Decline run the same processor, and a late cancellation's
// refund runs as a job, exactly as in the app.

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => undefined }));
vi.mock('@/lib/experts/refresh-next-available', () => ({
  refreshNextAvailable: async () => undefined,
  registerNextAvailableJob: () => undefined,
}));

let t: TTestDb;
let runner: TJobRunner | null = null;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
});
afterEach(async () => {
  await runner?.stop(3000);
  runner = null;
});
afterAll(async () => {
  setSlotSourceForTests(null);
  holder.__pathwiseDb = undefined;
  await t?.drop();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 40));
  }
}

describe('simulated payments', () => {
  it('Pay confirms with the same ledger rows (no fee); a late cancellation refunds the policy share as a job', async () => {
    await t.db.query('update public.marketplace_policy set full_refund_hours = 720, late_cancel_refund_percent = 50 where id = 1');
    const expert = await bookableExpert(t.db);
    const [a] = await learners(t.db, 1);
    const { id } = await createHold(t.db, a, {
      expertSlug: expert.slug,
      start: hoursAhead(50).toISOString(),
      lengthMinutes: 60,
      brief: '',
      timeZone: 'UTC',
    });
    const started = await startBookingCheckout(t.db, a, id);
    if ('already' in started) throw new Error('unexpected');
    expect(started).toMatchObject({ mode: 'simulated', checkoutUrl: `/pay/${started.paymentId}` });
    runner = await createJobRunner(t.db, { pollMs: 50, retryBaseMs: 100, leaseMs: 2000 });
    const paid = await simulateCheckout(t.db, a, started.paymentId, 'pay');
    expect(paid).toMatchObject({ status: 'paid', charge_id: `sim_ch_${started.paymentId}` });
    const { rows: kinds } = await t.db.query<{ kind: string }>('select distinct kind from public.ledger_entries where booking_id = $1', [
      id,
    ]);
    expect(kinds.map((k) => k.kind)).toEqual(['charge']);
    await cancelBooking(t.db, a, id, { reason: 'Late' });
    await waitFor(
      async () =>
        (await t.db.query<{ status: string }>('select status from public.payments where id = $1', [started.paymentId])).rows[0].status ===
        'partially_refunded',
    );
    const { rows } = await t.db.query<{ refunded_minor: string; payment_status: string }>(
      'select p.refunded_minor, b.payment_status from public.payments p join public.bookings b on b.id = p.booking_id where p.id = $1',
      [started.paymentId],
    );
    expect(rows[0]).toEqual({ refunded_minor: expect.anything(), payment_status: 'partially_refunded' });
    expect(Number(rows[0].refunded_minor)).toBe(3500);
    const { rows: sum } = await t.db.query<{ s: string }>(
      'select sum(amount_minor)::text as s from public.ledger_entries where booking_id = $1',
      [id],
    );
    expect(Number(sum[0].s)).toBe(0);
  });

  it('Decline releases the hold; only the learner may press either button', async () => {
    const expert = await bookableExpert(t.db);
    const [a, b] = await learners(t.db, 2);
    const { id } = await createHold(t.db, a, {
      expertSlug: expert.slug,
      start: hoursAhead(60).toISOString(),
      lengthMinutes: 60,
      brief: '',
      timeZone: 'UTC',
    });
    const started = await startBookingCheckout(t.db, a, id);
    if ('already' in started) throw new Error('unexpected');
    await expect(simulateCheckout(t.db, b, started.paymentId, 'pay')).rejects.toMatchObject({ code: 'not_found' });
    const declined = await simulateCheckout(t.db, a, started.paymentId, 'decline');
    expect(declined.status).toBe('failed');
    expect((await t.db.query<{ status: string }>('select status from public.bookings where id = $1', [id])).rows[0].status).toBe('expired');
  });
});
