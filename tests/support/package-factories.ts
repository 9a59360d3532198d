import type { TSessionUser } from '@/lib/auth/schemas';
import { createHold } from '@/lib/booking/create-hold';
import type { TDb } from '@/lib/db';
import { createPackage } from '@/lib/packages/manage';
import { redeemCredit } from '@/lib/packages/redeem';
import { bookableExpert, hoursAhead } from '../integration/booking.fixtures';

// Packages through their domain functions, for the package tests: an expert's package (5 × 60 min at 10 % off
// their $70 hour = $315 unless told otherwise), a credit spent on a new hold, and the money and credit rows to
// check against. Buying is left to each test (simulated Pay or Stripe Checkout).

export type TPackageExpert = Awaited<ReturnType<typeof bookableExpert>>;

export async function expertPackage(db: TDb, o: { count?: number; discount?: number; expert?: TPackageExpert } = {}) {
  const expert = o.expert ?? (await bookableExpert(db));
  const pkg = await createPackage(db, { ...expert.user, role: 'expert' } as TSessionUser, {
    title: 'Five focused hours',
    sessionCount: o.count ?? 5,
    lengthMinutes: 60,
    discountPercent: o.discount ?? 10,
    refundWindowDays: 30,
  });
  return { expert, pkg, expertUser: { ...expert.user, role: 'expert' } as TSessionUser };
}

let slotHour = 300;
/** Holds the next free hour with the expert and books it with a credit of the purchase. */
export async function bookWithCredit(db: TDb, learner: TSessionUser, expert: TPackageExpert, purchaseId: string): Promise<string> {
  const { id } = await createHold(db, learner, {
    expertSlug: expert.slug,
    start: hoursAhead((slotHour += 2)).toISOString(),
    lengthMinutes: 60,
    brief: '',
    timeZone: 'UTC',
  });
  await redeemCredit(db, learner, purchaseId, { bookingId: id });
  return id;
}

export async function purchaseRow(db: TDb, id: string) {
  const { rows } = await db.query<{ status: string; sessions_used: number; sessions_refunded: number; session_count: number }>(
    'select status, sessions_used, sessions_refunded, session_count from public.package_purchases where id = $1',
    [id],
  );
  return rows[0];
}

export async function purchasePaymentRow(db: TDb, purchaseId: string) {
  const { rows } = await db.query('select * from public.payments where package_purchase_id = $1 order by created_at desc limit 1', [
    purchaseId,
  ]);
  const r = rows[0] as Record<string, unknown>;
  return {
    ...r,
    amount_minor: Number(r.amount_minor),
    commission_minor: Number(r.commission_minor),
    refunded_minor: Number(r.refunded_minor),
  } as Record<string, unknown> & {
    id: string;
    status: string;
    mode: string;
    amount_minor: number;
    commission_minor: number;
    refunded_minor: number;
    checkout_session_id: string | null;
    checkout_url: string | null;
    charge_id: string | null;
  };
}

/** The purchase payment's ledger per account, after checking that every posting of it sums to zero. */
export async function packageLedger(db: TDb, purchaseId: string): Promise<Record<string, number>> {
  const pay = await purchasePaymentRow(db, purchaseId);
  const { rows: txns } = await db.query<{ n: string }>(
    'select sum(amount_minor)::text as n from public.ledger_entries where payment_id = $1 group by txn_id',
    [pay.id],
  );
  for (const x of txns) if (Number(x.n) !== 0) throw new Error(`unbalanced posting on payment ${pay.id}: ${x.n}`);
  const { rows } = await db.query<{ account: string; n: string }>(
    'select account, sum(amount_minor)::text as n from public.ledger_entries where payment_id = $1 group by account',
    [pay.id],
  );
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.n)]));
}
