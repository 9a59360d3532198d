import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { loadOwnEarnings } from '@/lib/payments/earnings';
import { loadAdminPayments } from '@/lib/payments/reports';
import { createExpertProfile, createUser } from '../support/factories';
import { createPaidBooking } from '../support/payment-factories';
import { closeRouteDb, openRouteDb } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// The admin report and /earnings against a direct computation in JS over every ledger row, for a seeded random
// ledger: several experts and currencies over many months, charges, refunds, transfers and their reversals,
// payouts, fees without an expert, adjustments without a booking, disputes, and a few rows that do not balance.
// The report's SQL (one rollup with grouping sets, RLS evaluated once) must give exactly these numbers.

const SEED = Number(process.env.REPORTS_SEED ?? 20261201);
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

type TLedgerRow = {
  txn_id: string;
  booking_id: string | null;
  payment_id: string | null;
  expert_id: string | null;
  account: string;
  amount_minor: string;
  currency: string;
  kind: string;
  created_at: Date;
};

let t: TTestDb;
let admin: TSessionUser;
const experts: { user: TSessionUser; id: string; name: string }[] = [];

async function post(
  lines: [string, number][],
  o: { kind: string; currency: string; at: Date; bookingId?: string | null; paymentId?: string | null; expertId?: string | null },
) {
  const txn = crypto.randomUUID();
  for (const [account, amount] of lines) {
    if (amount === 0) continue;
    await t.db.query(
      `insert into public.ledger_entries (txn_id, booking_id, payment_id, expert_id, account, amount_minor, currency, kind, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [txn, o.bookingId ?? null, o.paymentId ?? null, o.expertId ?? null, account, amount, o.currency, o.kind, o.at],
    );
  }
}

beforeAll(async () => {
  t = await openRouteDb();
  admin = await createUser(t.db, { role: 'admin' });
  const learner = await createUser(t.db, { role: 'learner' });
  // Two experts share a display name (the report orders by commission, then name).
  for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra']) {
    const user = await createUser(t.db, { role: 'expert', name });
    const id = (await createExpertProfile(t.db, user.id)).id;
    await t.db.query('update public.expert_profiles set display_name = $2 where id = $1', [id, name]);
    experts.push({ user, id, name });
  }
  const currencies = ['USD', 'EUR', 'JPY'];
  for (let i = 0; i < 90; i++) {
    const e = pick(experts);
    const currency = pick(currencies);
    const amount = currency === 'JPY' ? int(10, 200) * 100 : int(10, 300) * 100 + int(0, 99);
    const commission = Math.round(amount * pick([0.1, 0.15, 0.2]));
    // Months from 2025-01 to 2026-10, times spread through the day (month edges in UTC included).
    const paidAt = new Date(Date.UTC(2025, int(0, 21), int(1, 28), int(0, 23), int(0, 59)));
    if (i % 11 === 0) paidAt.setUTCDate(1);
    if (i % 11 === 0) paidAt.setUTCHours(0, 0, 0, 0);
    const paid = await createPaidBooking(t.db, e.id, learner.id, {
      amountMinor: amount,
      commissionMinor: commission,
      currency,
      paidAt,
      endedHoursAgo: 24 + i * 3,
    });
    const ref = { bookingId: paid.bookingId, paymentId: paid.paymentId, expertId: e.id, currency };
    const later = (days: number) => new Date(paidAt.getTime() + days * 86_400_000 + int(0, 86_399) * 1000);
    let refunded = 0;
    if (rand() < 0.25) {
      refunded = Math.min(amount, int(1, amount));
      const back = Math.round((refunded * commission) / amount);
      await post(
        [
          ['platform_cash', -refunded],
          ['platform_commission', back],
          ['expert_payable', refunded - back],
        ],
        { ...ref, kind: 'refund', at: later(int(1, 40)) },
      );
      await t.db.query("update public.payments set refunded_minor = $2, status = 'partially_refunded' where id = $1", [
        paid.paymentId,
        refunded,
      ]);
    }
    const due = amount - commission - (refunded - Math.round((refunded * commission) / amount));
    if (due > 0 && rand() < 0.6) {
      await post(
        [
          ['expert_payable', due],
          ['platform_cash', -due],
        ],
        { ...ref, kind: 'transfer', at: later(int(2, 50)) },
      );
      if (rand() < 0.2) {
        const back = int(1, due);
        await post(
          [
            ['platform_cash', back],
            ['expert_payable', -back],
          ],
          { ...ref, kind: 'transfer_reversal', at: later(int(3, 60)) },
        );
      }
      if (rand() < 0.5)
        await post(
          [
            ['expert_balance', due],
            ['expert_bank', -due],
          ],
          { ...ref, bookingId: null, paymentId: null, kind: 'payout', at: later(int(4, 70)) },
        );
    }
    if (rand() < 0.15) {
      await post(
        [
          ['disputes', amount],
          ['platform_cash', -amount],
        ],
        { ...ref, kind: 'dispute', at: later(int(5, 80)) },
      );
      await t.db.query('update public.payments set dispute_status = $2 where id = $1', [paid.paymentId, pick(['open', 'won', 'lost'])]);
    }
    if (rand() < 0.2)
      await post(
        [
          ['processor_fees', int(1, 90)],
          ['platform_cash', -int(1, 90)],
        ],
        { currency, kind: 'fee', at: later(1) },
      ); // may not balance
    if (rand() < 0.1)
      await post(
        [
          ['platform_commission', -int(1, 500)],
          ['platform_cash', int(1, 500)],
        ],
        { currency, expertId: e.id, kind: 'adjustment', at: later(9) },
      );
  }
  // One line written around postLedger on a booking: unbalanced per booking, per payment and per posting.
  const { rows } = await t.db.query<{ booking_id: string; payment_id: string; expert_id: string; currency: string }>(
    'select booking_id, id as payment_id, expert_id, currency from public.payments order by created_at limit 1',
  );
  await post([['platform_cash', 7]], {
    ...rows[0],
    bookingId: rows[0].booking_id,
    paymentId: rows[0].payment_id,
    expertId: rows[0].expert_id,
    kind: 'adjustment',
    at: new Date(),
  });
});
afterAll(async () => closeRouteDb(t));

const month = (d: Date) => d.toISOString().slice(0, 7);
const isTransfer = (k: string) => k === 'transfer' || k === 'transfer_reversal';
function add<K>(m: Map<K, number>, k: K, v: number) {
  m.set(k, (m.get(k) ?? 0) + v);
}
async function ledgerRows(): Promise<TLedgerRow[]> {
  return (await t.db.query<TLedgerRow>('select * from public.ledger_entries')).rows;
}

describe('the admin report equals a direct computation over the ledger (random data, seed ' + SEED + ')', () => {
  it('by month, by expert, accounts and ledger health', async () => {
    const rows = await ledgerRows();
    expect(rows.length).toBeGreaterThan(300);
    const { report } = await loadAdminPayments(t.db, admin);

    const commission = new Map<string, number>();
    const gross = new Map<string, number>();
    const exCommission = new Map<string, number>();
    const exGross = new Map<string, number>();
    const accounts = new Map<string, number>();
    const booking = new Map<string, number>();
    const payment = new Map<string, number>();
    const posting = new Map<string, number>();
    for (const r of rows) {
      const a = Number(r.amount_minor);
      const mk = `${month(new Date(r.created_at))}|${r.currency}`;
      const c = r.account === 'platform_commission' ? -a : 0;
      const g = r.account === 'platform_commission' || (r.account === 'expert_payable' && !isTransfer(r.kind)) ? -a : 0;
      add(commission, mk, c);
      add(gross, mk, g);
      if (r.expert_id) {
        add(exCommission, `${r.expert_id}|${r.currency}`, c);
        add(exGross, `${r.expert_id}|${r.currency}`, g);
      }
      add(accounts, `${r.account}|${r.currency}`, a);
      if (r.booking_id) add(booking, `${r.booking_id}|${r.currency}`, a);
      if (r.payment_id) add(payment, `${r.payment_id}|${r.currency}`, a);
      add(posting, `${r.txn_id}|${r.currency}`, a);
    }
    const byMonth = [...commission.keys()]
      .map((k) => ({ month: k.split('|')[0], currency: k.split('|')[1], commissionMinor: commission.get(k)!, grossMinor: gross.get(k)! }))
      .filter((m) => m.commissionMinor !== 0 || m.grossMinor !== 0)
      .sort((a, b) => (a.month + a.currency < b.month + b.currency ? -1 : 1));
    expect(report.byMonth).toEqual(byMonth);
    expect(report.byMonth.length).toBeGreaterThan(20);

    const name = new Map(experts.map((e) => [e.id, e.name]));
    const byExpert = [...exCommission.keys()]
      .map((k) => {
        const [expertId, currency] = k.split('|');
        return { expertId, name: name.get(expertId)!, currency, commissionMinor: exCommission.get(k)!, grossMinor: exGross.get(k)! };
      })
      .filter((e) => e.commissionMinor !== 0 || e.grossMinor !== 0);
    const key = (e: { expertId: string; currency: string }) => `${e.expertId}|${e.currency}`;
    expect([...report.byExpert].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(byExpert.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
    // Ordered by commission, highest first.
    report.byExpert.slice(1).forEach((e, i) => expect(e.commissionMinor).toBeLessThanOrEqual(report.byExpert[i].commissionMinor));

    const acc = [...accounts.entries()].map(([k, v]) => ({ account: k.split('|')[0], currency: k.split('|')[1], totalMinor: v }));
    expect([...report.accounts].sort((a, b) => (a.account + a.currency < b.account + b.currency ? -1 : 1))).toEqual(
      acc.sort((a, b) => (a.account + a.currency < b.account + b.currency ? -1 : 1)),
    );
    // Ordered by currency, then account.
    expect(report.accounts.map((a) => `${a.currency}|${a.account}`)).toEqual(
      report.accounts.map((a) => `${a.currency}|${a.account}`).sort(),
    );

    const off = (scope: string, m: Map<string, number>) =>
      [...m.entries()].filter(([, v]) => v !== 0).map(([k, v]) => ({ scope, id: k.split('|')[0], currency: k.split('|')[1], sumMinor: v }));
    const unbalanced = [...off('booking', booking), ...off('payment', payment), ...off('posting', posting)].sort((a, b) =>
      a.scope + a.id < b.scope + b.id ? -1 : 1,
    );
    expect(unbalanced.length).toBeGreaterThan(3);
    expect(report.unbalanced).toEqual(unbalanced);
  });

  it('refunds and disputes lists come from the payments table', async () => {
    const { report } = await loadAdminPayments(t.db, admin);
    const { rows } = await t.db.query<{ id: string; refunded_minor: string; dispute_status: string | null }>(
      'select id, refunded_minor, dispute_status from public.payments',
    );
    expect(report.refunds.map((r) => r.paymentId).sort()).toEqual(
      rows
        .filter((r) => Number(r.refunded_minor) > 0)
        .map((r) => r.id)
        .sort(),
    );
    expect(report.disputes.map((r) => r.paymentId).sort()).toEqual(
      rows
        .filter((r) => r.dispute_status)
        .map((r) => r.id)
        .sort(),
    );
    for (const r of report.refunds) expect(r.refundedMinor).toBe(Number(rows.find((x) => x.id === r.paymentId)!.refunded_minor));
  });

  it('each expert’s /earnings equals the same computation over their rows, and no expert sees another’s', async () => {
    const rows = await ledgerRows();
    for (const e of experts) {
      const mine = rows.filter((r) => r.expert_id === e.id);
      const earnings = await loadOwnEarnings(t.db, e.user, e.id);
      const totals = new Map<string, { c: number; net: number; pending: number; paid: number; bank: number }>();
      for (const r of mine) {
        const a = Number(r.amount_minor);
        const s = totals.get(r.currency) ?? { c: 0, net: 0, pending: 0, paid: 0, bank: 0 };
        if (r.account === 'platform_commission') s.c -= a;
        if (r.account === 'expert_payable' && !isTransfer(r.kind)) s.net -= a;
        if (r.account === 'expert_payable') s.pending -= a;
        if (r.account === 'expert_payable' && isTransfer(r.kind)) s.paid += a;
        if (r.account === 'expert_bank') s.bank -= a;
        totals.set(r.currency, s);
      }
      expect(earnings.totals).toEqual(
        [...totals.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([currency, s]) => ({
            currency,
            grossMinor: s.net + s.c,
            commissionMinor: s.c,
            netMinor: s.net,
            pendingMinor: s.pending,
            paidOutMinor: s.paid,
            inBankMinor: s.bank,
          })),
      );
      const sessions = new Set(mine.filter((r) => r.booking_id).map((r) => `${r.booking_id}|${r.currency}`));
      expect(earnings.sessions.length).toBe(sessions.size);
      const other = experts.find((x) => x.id !== e.id)!;
      expect((await loadOwnEarnings(t.db, e.user, other.id)).totals).toEqual([]);
    }
  });
});
