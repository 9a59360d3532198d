import { NextRequest } from 'next/server';
import { expect } from 'vitest';
import { POST as START } from '@/app/api/packages/[id]/purchase/route';
import { POST as PAY } from '@/app/api/packages/purchases/[id]/pay/route';
import { POST as WEBHOOK } from '@/app/api/webhooks/stripe/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import type { TDb } from '@/lib/db';
import { getPurchase } from '@/lib/packages/views';
import { learners } from '../integration/booking.fixtures';
import { expertPackage, purchasePaymentRow } from './package-factories';

// What the Stripe package tests share (packages-stripe, packages-stripe-transfers): a signed delivery to the
// platform webhook route, a signed-in POST to a route, and a package bought up to Stripe Checkout.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(40);
  }
}

/** Delivers one signed event (`fake.signedEvent(...)`) to POST /api/webhooks/stripe. */
export async function deliverStripeEvent(delivery: { payload: string; header: string }) {
  const req = new NextRequest('http://localhost/api/webhooks/stripe', {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': delivery.header },
    body: delivery.payload,
  });
  const res = await WEBHOOK(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

/** POSTs to a `[id]` route handler as `user` (a fresh session cookie). */
export async function postAs(db: TDb, handler: typeof PAY, user: TSessionUser, url: string, id: string, body?: unknown) {
  const { token } = await createSession(db, user.id, 1);
  const res = await handler(
    new NextRequest(url, {
      method: 'POST',
      headers: { cookie: `pw_session=${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, body: await res.json() };
}

/** A learner starts buying a package and continues to Stripe Checkout from the summary page. */
export async function packageCheckout(db: TDb) {
  const { expert, pkg, expertUser } = await expertPackage(db);
  // With Stripe configured only an expert whose payouts Stripe enabled is bookable (lib/payments/connect).
  await db.query(
    `insert into public.payout_accounts (expert_id, rail, stripe_account_id, charges_enabled, payouts_enabled, details_submitted)
     values ($1, 'stripe', $2, true, true, true) on conflict (expert_id) do nothing`,
    [expert.id, `acct_test_${expert.id.slice(0, 8)}`],
  );
  const [learner] = await learners(db, 1);
  const started = await postAs(db, START, learner, `http://localhost/api/packages/${pkg.id}/purchase`, pkg.id);
  expect(started.status).toBe(201);
  const purchaseId = started.body.purchaseId as string;
  // The summary page first: price, commission and the expert's share, before anything is paid.
  expect(started.body.checkoutUrl).toBe(`/packages/checkout/${purchaseId}`);
  const view = (await getPurchase(db, learner, purchaseId))!;
  expect(view).toMatchObject({ status: 'pending', priceMinor: 31_500, commissionMinor: 4725, remaining: 5 });
  const paid = await postAs(db, PAY, learner, `http://localhost/api/packages/purchases/${purchaseId}/pay`, purchaseId);
  expect(paid.status).toBe(200);
  const payment = await purchasePaymentRow(db, purchaseId);
  return { expert, expertUser, learner, purchaseId, payment, checkoutUrl: paid.body.checkoutUrl as string };
}
