import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUT as PUT_RULE } from '@/app/api/admin/commission-rules/route';
import { GET as ADMIN_CSV } from '@/app/api/admin/payments.csv/route';
import { GET as EARNINGS_CSV } from '@/app/api/expert/earnings.csv/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { loadOwnEarnings } from '@/lib/payments/earnings';
import { postLedger } from '@/lib/payments/ledger';
import { loadAdminPayments } from '@/lib/payments/reports';
import { createExpertProfile, createUser } from '../support/factories';
import { createPaidBooking, postTransfer } from '../support/payment-factories';
import { callRoute, closeRouteDb, openRouteDb, sessionCookie } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// Earnings and the admin reports from a known ledger: two paid sessions in different months (one transferred and
// paid out), a partial refund, another expert's session; read as the expert (RLS) and as the admin.

let t: TTestDb;
let emily: TSessionUser;
let maya: TSessionUser;
let admin: TSessionUser;
let emilyId: string;
let mayaId: string;
let cookies: Record<string, string>;
let refundedPayment: string;

beforeAll(async () => {
  t = await openRouteDb();
  emily = await createUser(t.db, { role: 'expert', name: 'Emily' });
  maya = await createUser(t.db, { role: 'expert', name: 'Maya' });
  admin = await createUser(t.db, { role: 'admin' });
  const learner = await createUser(t.db, { role: 'learner' });
  emilyId = (await createExpertProfile(t.db, emily.id)).id;
  mayaId = (await createExpertProfile(t.db, maya.id)).id;
  await t.db.query(`update public.expert_profiles set display_name = 'Emily Carter' where id = $1`, [emilyId]);
  await t.db.query(`update public.expert_profiles set display_name = 'Maya Okafor' where id = $1`, [mayaId]);
  // March: $80.00, commission $12.00 → net $68.00, transferred and paid out to the bank.
  const march = await createPaidBooking(t.db, emilyId, learner.id, {
    amountMinor: 8000,
    commissionMinor: 1200,
    paidAt: new Date('2026-03-10T12:00:00Z'),
  });
  await postTransfer(t.db, { bookingId: march.bookingId, paymentId: march.paymentId, expertId: emilyId, amount: 6800, currency: 'USD' });
  await postLedger(t.db, {
    kind: 'payout',
    currency: 'USD',
    expertId: emilyId,
    sourceRef: 'po_known',
    lines: [
      { account: 'expert_balance', amountMinor: 6800 },
      { account: 'expert_bank', amountMinor: -6800 },
    ],
  });
  // April: $50.00, commission $7.50, then $20.00 refunded before the transfer (split as paid: $3.00 + $17.00).
  const april = await createPaidBooking(t.db, emilyId, learner.id, {
    amountMinor: 5000,
    commissionMinor: 750,
    paidAt: new Date('2026-04-02T09:00:00Z'),
  });
  refundedPayment = april.paymentId;
  await postLedger(t.db, {
    kind: 'refund',
    currency: 'USD',
    bookingId: april.bookingId,
    paymentId: april.paymentId,
    expertId: emilyId,
    sourceRef: 're_known',
    lines: [
      { account: 'platform_cash', amountMinor: -2000 },
      { account: 'platform_commission', amountMinor: 300 },
      { account: 'expert_payable', amountMinor: 1700 },
    ],
  });
  await t.db.query(`update public.ledger_entries set created_at = '2026-04-03T10:00:00Z' where source_ref = 're_known'`);
  await t.db.query(`update public.payments set refunded_minor = 2000, status = 'partially_refunded' where id = $1`, [april.paymentId]);
  // Maya: ¥6,000 in JPY, commission ¥900.
  await createPaidBooking(t.db, mayaId, learner.id, {
    amountMinor: 6000,
    commissionMinor: 900,
    currency: 'JPY',
    paidAt: new Date('2026-04-20T09:00:00Z'),
  });
  cookies = { emily: await sessionCookie(t.db, emily), maya: await sessionCookie(t.db, maya), admin: await sessionCookie(t.db, admin) };
});
afterAll(async () => closeRouteDb(t));

describe('earnings from the ledger', () => {
  it('totals: gross, commission, net, pending and paid out', async () => {
    const e = await loadOwnEarnings(t.db, emily, emilyId);
    expect(e.totals).toEqual([
      {
        currency: 'USD',
        grossMinor: 11000,
        commissionMinor: 1650,
        netMinor: 9350,
        pendingMinor: 2550,
        paidOutMinor: 6800,
        inBankMinor: 6800,
      },
    ]);
    expect(e.months).toEqual([
      { month: '2026-03', currency: 'USD', grossMinor: 8000, commissionMinor: 1200, netMinor: 6800 },
      { month: '2026-04', currency: 'USD', grossMinor: 3000, commissionMinor: 450, netMinor: 2550 },
    ]);
    expect(e.sessions.map((s) => [s.grossMinor, s.commissionMinor, s.netMinor, s.pendingMinor, s.paidOutMinor]).sort()).toEqual(
      [
        [3000, 450, 2550, 2550, 0],
        [8000, 1200, 6800, 0, 6800],
      ].sort(),
    );
  });

  it('an expert reading another expert’s id sees nothing (row-level security)', async () => {
    const e = await loadOwnEarnings(t.db, maya, emilyId);
    expect(e.totals).toEqual([]);
  });

  it('the CSV has one row per session in exact decimals', async () => {
    const r = await callRoute(EARNINGS_CSV, { method: 'GET', path: '/api/expert/earnings.csv', cookie: cookies.emily });
    expect(r.status).toBe(200);
    const lines = r.text.trim().split('\r\n');
    expect(lines[0]).toBe('booking_id,session_start_utc,status,currency,gross,commission,net,pending,paid_out');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(3).join(','))
        .sort(),
    ).toEqual(['USD,30.00,4.50,25.50,25.50,0.00', 'USD,80.00,12.00,68.00,0.00,68.00']);
    const jpy = await callRoute(EARNINGS_CSV, { method: 'GET', path: '/api/expert/earnings.csv', cookie: cookies.maya });
    expect(jpy.text).toContain(',JPY,6000,900,5100,5100,0');
  });
});

describe('admin payments report', () => {
  it('commission by month and by expert, refunds, and a healthy ledger', async () => {
    const { report } = await loadAdminPayments(t.db, admin);
    expect(report.byMonth).toEqual([
      { month: '2026-03', currency: 'USD', commissionMinor: 1200, grossMinor: 8000 },
      { month: '2026-04', currency: 'JPY', commissionMinor: 900, grossMinor: 6000 },
      { month: '2026-04', currency: 'USD', commissionMinor: 450, grossMinor: 3000 },
    ]);
    expect(report.byExpert.map((e) => [e.name, e.currency, e.commissionMinor])).toEqual([
      ['Emily Carter', 'USD', 1650],
      ['Maya Okafor', 'JPY', 900],
    ]);
    expect(report.refunds.map((r) => [r.paymentId, r.refundedMinor])).toEqual([[refundedPayment, 2000]]);
    expect(report.unbalanced).toEqual([]);
    expect(report.accounts.find((a) => a.account === 'platform_commission' && a.currency === 'USD')?.totalMinor).toBe(-1650);
  });

  it('ledger health lists a booking whose rows do not balance', async () => {
    const { rows } = await t.db.query<{ booking_id: string }>(`select booking_id from public.payments where id = $1`, [refundedPayment]);
    // Written around postLedger, as a buggy module could: one line of a posting.
    await t.db.query(
      `insert into public.ledger_entries (txn_id, booking_id, payment_id, expert_id, account, amount_minor, currency, kind)
       values (gen_random_uuid(), $1, $2, $3, 'platform_cash', 5, 'USD', 'adjustment')`,
      [rows[0].booking_id, refundedPayment, emilyId],
    );
    const { report } = await loadAdminPayments(t.db, admin);
    expect(report.unbalanced.map((u) => [u.scope, u.sumMinor])).toEqual([
      ['booking', 5],
      ['payment', 5],
      ['posting', 5],
    ]);
    await t.db.query(`delete from public.ledger_entries where kind = 'adjustment' and amount_minor = 5`);
  });

  it('admins only: the CSV lists every payment, and an expert is refused the report', async () => {
    const r = await callRoute(ADMIN_CSV, { method: 'GET', path: '/api/admin/payments.csv', cookie: cookies.admin });
    expect(r.status).toBe(200);
    expect(r.text.trim().split('\r\n')).toHaveLength(4);
    expect(r.text).toContain(',JPY,6000,900,5100,0,');
    const refused = await callRoute(ADMIN_CSV, { method: 'GET', path: '/api/admin/payments.csv', cookie: cookies.emily });
    expect(refused.status).toBe(403);
    await expect(loadAdminPayments(t.db, emily)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('an admin edits a commission rule (percent + fixed in the currency) with an audit row; bad input is a 400', async () => {
    const ok = await callRoute(PUT_RULE, {
      method: 'PUT',
      path: '/api/admin/commission-rules',
      body: { json: { currency: 'kwd', percent: '12.5', fixed: '0.250' } },
      cookie: cookies.admin,
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text).rule).toEqual({ currency: 'KWD', percentBp: 1250, fixedMinor: 250 });
    const { rows } = await t.db.query<{ percent_bp: number; fixed_minor: number; updated_by: string }>(
      `select percent_bp, fixed_minor, updated_by from public.commission_rules where currency = 'KWD'`,
    );
    expect(rows[0]).toEqual({ percent_bp: 1250, fixed_minor: 250, updated_by: admin.id });
    const audit = await t.db.query<{ actor_id: string; data: { after: unknown } }>(
      `select actor_id, data from public.audit_log where action = 'commission.set' and subject_id = 'KWD'`,
    );
    expect(audit.rows).toEqual([{ actor_id: admin.id, data: { before: null, after: { percentBp: 1250, fixedMinor: 250 } } }]);
    for (const body of [
      { currency: 'USD', percent: '101', fixed: '0' },
      { currency: 'JPY', percent: '10', fixed: '0.5' },
      { currency: '*', percent: '10', fixed: '1' },
      { currency: 'US', percent: '10' },
    ]) {
      const bad = await callRoute(PUT_RULE, {
        method: 'PUT',
        path: '/api/admin/commission-rules',
        body: { json: body },
        cookie: cookies.admin,
      });
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    const expert = await callRoute(PUT_RULE, {
      method: 'PUT',
      path: '/api/admin/commission-rules',
      body: { json: { currency: 'USD', percent: '1' } },
      cookie: cookies.emily,
    });
    expect(expert.status).toBe(403);
  });
});
