import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as START } from '@/app/api/expert/payouts/stripe/route';
import { GET as REFRESH } from '@/app/api/expert/payouts/stripe/refresh/route';
import { GET as RETURN } from '@/app/api/expert/payouts/stripe/return/route';
import { GET as DASHBOARD } from '@/app/api/expert/payouts/stripe/dashboard/route';
import { PUT as PAYPAL } from '@/app/api/expert/payouts/paypal/route';
import { POST as CONNECT_WEBHOOK } from '@/app/api/webhooks/stripe-connect/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createHold } from '@/lib/booking/create-hold';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { loadPayoutAccount, NOT_BOOKABLE_MESSAGE, payoutCard } from '@/lib/payments/connect/payout-account';
import { registerExpertPaymentHandlers } from '@/lib/payments/register-expert';
import { createUser } from '../support/factories';
import { startFakeStripeConnect, type TFakeStripeConnect } from '../support/fake-stripe-connect';
import { callRoute, closeRouteDb, openRouteDb, sessionCookie } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';
import { bookableExpert, everyHalfHourSlotsForTests, hoursAhead } from './booking.fixtures';

// Stripe Connect Express onboarding with the real `stripe` SDK against a local server answering as Stripe's API
// does: account (once, by idempotency key) → account link (refresh makes a new one, return re-reads the account)
// → account.updated signed with generateTestHeaderString, delivered twice → bookable. Until then the expert is
// refused holds. Payouts on the connected account post expert_balance → expert_bank once.

const WHSEC = 'whsec_test_connect_secret';
let t: TTestDb;
let fake: TFakeStripeConnect;
let expert: Awaited<ReturnType<typeof bookableExpert>>;
let learner: TSessionUser;
let cookie: string;
const stripe = new Stripe('sk_test_webhooks_only');

/** Delivers an event to POST /api/webhooks/stripe-connect, signed as Stripe signs it; true when it was applied (not a duplicate). */
async function deliverConnect(event: Record<string, unknown>, secret = WHSEC): Promise<boolean> {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  const r = await callRoute(CONNECT_WEBHOOK, {
    method: 'POST',
    path: '/api/webhooks/stripe-connect',
    body: { raw: payload },
    headers: { 'stripe-signature': header },
  });
  if (r.status !== 200) throw Object.assign(new Error(`webhook answered ${r.status}: ${r.text}`), { status: r.status });
  return !JSON.parse(r.text).duplicate;
}
const hold = () =>
  createHold(t.db, learner, {
    expertSlug: expert.slug,
    start: hoursAhead(30).toISOString(),
    lengthMinutes: 60,
    brief: '',
    timeZone: 'UTC',
  });

beforeAll(async () => {
  fake = await startFakeStripeConnect();
  vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_connect_123');
  vi.stubEnv('STRIPE_API_BASE', fake.url);
  vi.stubEnv('STRIPE_CONNECT_COUNTRIES', 'US,GB,DE');
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', 'whsec_test_platform_secret');
  vi.stubEnv('STRIPE_CONNECT_WEBHOOK_SECRET', WHSEC);
  vi.stubEnv('PAYPAL_CLIENT_ID', '');
  registerExpertPaymentHandlers();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
  t = await openRouteDb();
  expert = await bookableExpert(t.db);
  learner = await createUser(t.db, { role: 'learner' });
  cookie = await sessionCookie(t.db, expert.user);
});
afterAll(async () => {
  setSlotSourceForTests(null);
  await closeRouteDb(t);
  await fake.close();
  vi.unstubAllEnvs();
});

describe('Stripe Connect Express onboarding', () => {
  it('refuses a hold while the expert has no payout account, with a clear message', async () => {
    await expect(hold()).rejects.toMatchObject({ code: 'conflict', message: NOT_BOOKABLE_MESSAGE });
    expect(payoutCard(await loadPayoutAccount(t.db, expert.id))).toMatchObject({ mode: 'live', state: 'not_started' });
  });

  it('creates one Express account (idempotency key) and an account link with refresh and return URLs', async () => {
    const first = await callRoute(START, { method: 'POST', path: '/api/expert/payouts/stripe', body: { json: { country: 'us' } }, cookie });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\/acct_/);
    const again = await callRoute(START, { method: 'POST', path: '/api/expert/payouts/stripe', body: { json: { country: 'US' } }, cookie });
    expect(again.status).toBe(200);
    expect(fake.accounts.size).toBe(1);
    const creates = fake.requests.filter((r) => r.path === '/v1/accounts');
    expect(creates).toHaveLength(1);
    expect(creates[0].headers['idempotency-key']).toBe(`pathwise-connect-account-${expert.id}-US`);
    expect(creates[0].form).toMatchObject({
      type: 'express',
      country: 'US',
      'capabilities[transfers][requested]': 'true',
      'metadata[expert_id]': expert.id,
    });
    const link = fake.requests.filter((r) => r.path === '/v1/account_links').at(-1)!;
    expect(link.form).toMatchObject({
      refresh_url: 'http://localhost:3000/api/expert/payouts/stripe/refresh',
      return_url: 'http://localhost:3000/api/expert/payouts/stripe/return',
      type: 'account_onboarding',
    });
    const card = payoutCard(await loadPayoutAccount(t.db, expert.id));
    expect(card).toMatchObject({ state: 'needs_info' });
    expect(card.mode === 'live' && card.needs).toEqual([
      'a website or description of what you sell',
      'a bank account for payouts',
      'your date of birth',
      "acceptance of Stripe's terms",
    ]);
    await expect(hold()).rejects.toMatchObject({ message: NOT_BOOKABLE_MESSAGE });
  });

  it('the refresh URL redirects to a new link; the return URL re-reads the account', async () => {
    const links = fake.requests.filter((r) => r.path === '/v1/account_links').length;
    const r = await callRoute(REFRESH, { method: 'GET', path: '/api/expert/payouts/stripe/refresh', cookie });
    expect(r.status).toBe(303);
    expect(fake.requests.filter((x) => x.path === '/v1/account_links').length).toBe(links + 1);
    const acct = (await loadPayoutAccount(t.db, expert.id))!;
    fake.update(acct.stripe_account_id!, { details_submitted: true, currently_due: ['external_account'] });
    const back = await callRoute(RETURN, { method: 'GET', path: '/api/expert/payouts/stripe/return', cookie });
    expect(back.status).toBe(303);
    expect(await loadPayoutAccount(t.db, expert.id)).toMatchObject({
      details_submitted: true,
      payouts_enabled: false,
      requirements: ['external_account'],
    });
  });

  it('account.updated (signed, delivered twice) enables payouts once, and the expert becomes bookable', async () => {
    const acct = (await loadPayoutAccount(t.db, expert.id))!;
    const event = fake.update(acct.stripe_account_id!, { charges_enabled: true, payouts_enabled: true, currently_due: [] });
    expect(await deliverConnect(event)).toBe(true);
    expect(await deliverConnect(event)).toBe(false);
    expect(await loadPayoutAccount(t.db, expert.id)).toMatchObject({
      payouts_enabled: true,
      charges_enabled: true,
      requirements: [],
      disabled_reason: null,
    });
    expect(payoutCard(await loadPayoutAccount(t.db, expert.id))).toMatchObject({ state: 'enabled' });
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.payment_events where id = $1 and processed_at is not null`,
      [event.id],
    );
    expect(rows[0].n).toBe(1);
    const { id } = await hold();
    expect(id).toBeTruthy();
  });

  it('a bad signature is refused with 400 and changes nothing; signed properly the update applies', async () => {
    const acct = (await loadPayoutAccount(t.db, expert.id))!;
    const event = fake.update(acct.stripe_account_id!, { payouts_enabled: false, currently_due: ['individual.verification.document'] });
    await expect(deliverConnect(event, 'whsec_someone_else')).rejects.toMatchObject({ status: 400 });
    expect(await loadPayoutAccount(t.db, expert.id)).toMatchObject({ payouts_enabled: true });
    // Delivered properly it applies: payouts off again, Stripe asks for a document, and holds are refused again.
    await deliverConnect(event);
    expect(payoutCard(await loadPayoutAccount(t.db, expert.id))).toMatchObject({ state: 'needs_info', needs: ['an identity document'] });
    await expect(hold()).rejects.toMatchObject({ message: NOT_BOOKABLE_MESSAGE });
    await deliverConnect(fake.update(acct.stripe_account_id!, { payouts_enabled: true, currently_due: [] }));
  });

  it('links to the Express dashboard with a fresh login link', async () => {
    const r = await callRoute(DASHBOARD, { method: 'GET', path: '/api/expert/payouts/stripe/dashboard', cookie });
    expect(r.status).toBe(303);
    expect(fake.requests.some((x) => /\/v1\/accounts\/acct_[a-z0-9]+\/login_links$/.test(x.path))).toBe(true);
  });

  it('payout.paid posts expert_balance → expert_bank once; payout.failed afterwards reverses it once', async () => {
    const acct = (await loadPayoutAccount(t.db, expert.id))!;
    const paid = fake.payoutEvent(acct.stripe_account_id!, 'payout.paid', 12345, 'usd', 'po_test_1');
    await deliverConnect(paid);
    await deliverConnect(paid);
    const failed = fake.payoutEvent(acct.stripe_account_id!, 'payout.failed', 12345, 'usd', 'po_test_1');
    await deliverConnect(failed);
    await deliverConnect(failed);
    const { rows } = await t.db.query<{ kind: string; account: string; amount: string }>(
      `select kind, account, amount_minor::text as amount from public.ledger_entries where source_ref = 'po_test_1' and expert_id = $1 order by id`,
      [expert.id],
    );
    expect(rows).toEqual([
      { kind: 'payout', account: 'expert_balance', amount: '12345' },
      { kind: 'payout', account: 'expert_bank', amount: '-12345' },
      { kind: 'adjustment', account: 'expert_bank', amount: '12345' },
      { kind: 'adjustment', account: 'expert_balance', amount: '-12345' },
    ]);
  });

  it('refuses Stripe onboarding in a country Stripe Connect does not serve, and PayPal when it is off', async () => {
    const other = await bookableExpert(t.db, { name: 'Lagos Expert' });
    const c = await sessionCookie(t.db, other.user);
    const r = await callRoute(START, { method: 'POST', path: '/api/expert/payouts/stripe', body: { json: { country: 'NG' } }, cookie: c });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.fields.country).toMatch(/Stripe does not pay out there/);
    const p = await callRoute(PAYPAL, {
      method: 'PUT',
      path: '/api/expert/payouts/paypal',
      body: { json: { email: 'x@example.test', country: 'NG' } },
      cookie: c,
    });
    expect(p.status).toBe(409);
  });
});
