import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as complete } from '@/app/api/test-clock/complete/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import '@/lib/jobs/definitions';
import { JOB_BOOKING_CHANGE } from '@/lib/payments/job-names';
import { createPaidBooking } from '../support/payment-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { callRoute, closeRouteDb, openRouteDb, sessionCookie, type TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// The test clock (POST /api/test-clock/complete): absent (404 to everyone) unless TEST_CLOCK is on; with it, admins
// only; the admin's call completes a paid session before its end as production does after it, and pays the expert.

vi.mock('next/headers', async () => ({ cookies: (await import('../support/request-scope')).harnessMocks.cookies }));
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (await import('../support/request-scope')).harnessMocks.after,
}));
// TEST_CLOCK switched per test; everything else is the environment as parsed.
const clock = vi.hoisted(() => ({ on: false }));
vi.mock('@/lib/config', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/config')>();
  return { ...real, env: () => ({ ...real.env(), TEST_CLOCK: clock.on }) };
});

let t: TTestDb;
const cookies: Record<'admin' | 'learner' | 'expert', string> = { admin: '', learner: '', expert: '' };
let learner: TSessionUser;
let expertId: string;

beforeAll(async () => {
  t = await openRouteDb();
  const admin = await createUser(t.db, { role: 'admin' });
  learner = await createUser(t.db, { role: 'learner' });
  const expertUser = await createUser(t.db, { role: 'expert' });
  expertId = (await createExpertProfile(t.db, expertUser.id)).id;
  cookies.admin = await sessionCookie(t.db, admin);
  cookies.learner = await sessionCookie(t.db, learner);
  cookies.expert = await sessionCookie(t.db, expertUser);
});
afterAll(async () => {
  clock.on = false;
  await closeRouteDb(t);
});

const call = (cookie: string | undefined, body: unknown) =>
  callRoute(complete as unknown as TRouteHandler, { method: 'POST', path: '/api/test-clock/complete', cookie, body: { json: body } });

let nth = 0;
/** A confirmed, paid session that starts in two days or later (its transfer not yet due); each at its own hour. */
async function upcomingPaid() {
  const endedHoursAgo = -49 - 2 * nth++;
  const paid = await createPaidBooking(t.db, expertId, learner.id, { status: 'confirmed', endedHoursAgo, amountMinor: 8000 });
  await t.db.query("update public.payments set transfer_status = 'not_due' where id = $1", [paid.paymentId]);
  return paid;
}

const state = async (bookingId: string) =>
  (
    await t.db.query<{ status: string; completed_at: Date | null; ends_at: Date; transfer_status: string; transfers: string }>(
      `select b.status, b.completed_at, b.ends_at, p.transfer_status,
              (select count(distinct l.txn_id) from public.ledger_entries l where l.booking_id = b.id and l.kind = 'transfer')::text as transfers
         from public.bookings b join public.payments p on p.booking_id = b.id where b.id = $1`,
      [bookingId],
    )
  ).rows[0];

describe('POST /api/test-clock/complete', () => {
  it('without TEST_CLOCK is a 404 for everyone, admins included, and changes nothing', async () => {
    clock.on = false;
    const paid = await upcomingPaid();
    for (const cookie of [undefined, cookies.learner, cookies.expert, cookies.admin]) {
      const res = await call(cookie, { bookingId: paid.bookingId });
      expect(res.status, res.text).toBe(404);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(await state(paid.bookingId)).toMatchObject({ status: 'confirmed', completed_at: null, transfer_status: 'not_due' });
  });

  it('with TEST_CLOCK refuses everyone but an admin (401 signed out, 403 for the learner and the expert)', async () => {
    clock.on = true;
    const paid = await upcomingPaid();
    expect((await call(undefined, { bookingId: paid.bookingId })).status).toBe(401);
    expect((await call(cookies.learner, { bookingId: paid.bookingId })).status).toBe(403);
    expect((await call(cookies.expert, { bookingId: paid.bookingId })).status).toBe(403);
    expect(await state(paid.bookingId)).toMatchObject({ status: 'confirmed', completed_at: null, transfer_status: 'not_due' });
    const bad = await call(cookies.admin, { bookingId: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { fields: { bookingId: expect.any(String) } } });
  });

  it('the admin completes a paid session at its end + 1 minute; the expert’s share is transferred; a second call is a 409', async () => {
    clock.on = true;
    const paid = await upcomingPaid();
    const res = await call(cookies.admin, { bookingId: paid.bookingId });
    expect(res.status, res.text).toBe(200);
    const s = await state(paid.bookingId);
    expect(s).toMatchObject({ status: 'completed', transfer_status: 'transferred', transfers: '1' });
    expect(new Date(s.completed_at!).getTime()).toBe(new Date(s.ends_at).getTime() + 60_000);
    expect(JSON.parse(res.text)).toMatchObject({ bookingId: paid.bookingId, transferStatus: ['transferred'] });
    // The ledger: the transfer moves exactly the expert's share (amount − commission) out of expert_payable.
    const { rows } = await t.db.query<{ payable: string }>(
      "select coalesce(sum(amount_minor), 0)::text as payable from public.ledger_entries where booking_id = $1 and account = 'expert_payable'",
      [paid.bookingId],
    );
    expect(rows[0].payable).toBe('0');
    // Production's listeners were queued too (the payments one finds its transfer done).
    const { rows: jobs } = await t.db.query('select 1 from public.jobs where name = $1 and data->>$2 = $3', [
      JOB_BOOKING_CHANGE,
      'bookingId',
      paid.bookingId,
    ]);
    expect(jobs.length).toBe(1);
    const again = await call(cookies.admin, { bookingId: paid.bookingId });
    expect(again.status).toBe(409);
    expect((await state(paid.bookingId)).transfers).toBe('1');
  });
});
