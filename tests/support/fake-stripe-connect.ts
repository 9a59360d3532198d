import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server answering as Stripe's API does for Connect Express onboarding (the real `stripe` SDK points at
// it with host/port/protocol): POST /v1/accounts, GET /v1/accounts/{id}, POST /v1/account_links,
// POST /v1/accounts/{id}/login_links. Bodies are form-encoded as the SDK sends them (a[b][c]=v); an Idempotency-Key
// seen before returns the first answer again (Stripe's documented behaviour). `update` changes an account the way
// Stripe's onboarding would and returns the account.updated event to deliver. Reconcile with P1's fake-stripe.ts.

export type TStripeRequest = { method: string; path: string; headers: IncomingMessage['headers']; form: Record<string, string> };
export type TFakeAccount = {
  id: string;
  object: 'account';
  type: 'express';
  country: string;
  email: string | null;
  default_currency: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: Record<string, string>;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    pending_verification: string[];
    disabled_reason: string | null;
    errors: unknown[];
    current_deadline: number | null;
  };
  metadata: Record<string, string>;
  created: number;
  livemode: false;
};

export type TFakeStripeConnect = {
  url: string;
  requests: TStripeRequest[];
  accounts: Map<string, TFakeAccount>;
  update(
    id: string,
    patch: Partial<Pick<TFakeAccount, 'charges_enabled' | 'payouts_enabled' | 'details_submitted'>> & { currently_due?: string[] },
  ): Record<string, unknown>;
  /** A payout.* event on the connected account. */
  payoutEvent(
    accountId: string,
    type: 'payout.paid' | 'payout.failed',
    amount: number,
    currency?: string,
    payoutId?: string,
  ): Record<string, unknown>;
  close(): Promise<void>;
};

const rid = (prefix: string) => prefix + randomBytes(8).toString('hex');
const now = () => Math.floor(Date.now() / 1000);
const INITIAL_DUE = [
  'business_profile.url',
  'external_account',
  'individual.dob.day',
  'individual.dob.month',
  'individual.dob.year',
  'tos_acceptance.date',
];

function stripeError(status: number, message: string, param?: string) {
  return { status, body: { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } } };
}

export async function startFakeStripeConnect(): Promise<TFakeStripeConnect> {
  const idem = new Map<string, { status: number; body: string }>();
  const fake = { requests: [] as TStripeRequest[], accounts: new Map<string, TFakeAccount>() } as TFakeStripeConnect;

  const handle = (r: TStripeRequest): { status: number; body: unknown } => {
    if (!/^Bearer sk_test_/.test(String(r.headers.authorization))) return stripeError(401, 'Invalid API Key provided');
    if (r.method === 'POST' && r.path === '/v1/accounts') {
      if (r.form.type !== 'express') return stripeError(400, 'Invalid type', 'type');
      const acct: TFakeAccount = {
        id: rid('acct_'),
        object: 'account',
        type: 'express',
        country: r.form.country ?? 'US',
        email: r.form.email ?? null,
        default_currency: 'usd',
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
        capabilities: { transfers: 'inactive' },
        requirements: {
          currently_due: [...INITIAL_DUE],
          eventually_due: [...INITIAL_DUE],
          past_due: [],
          pending_verification: [],
          disabled_reason: 'requirements.past_due',
          errors: [],
          current_deadline: null,
        },
        metadata: Object.fromEntries(
          Object.entries(r.form)
            .filter(([k]) => k.startsWith('metadata['))
            .map(([k, v]) => [k.slice(9, -1), v]),
        ),
        created: now(),
        livemode: false,
      };
      fake.accounts.set(acct.id, acct);
      return { status: 200, body: acct };
    }
    const acctPath = /^\/v1\/accounts\/(acct_[a-z0-9]+)(\/login_links)?$/.exec(r.path);
    if (acctPath) {
      const acct = fake.accounts.get(acctPath[1]);
      if (!acct) return stripeError(404, `No such account: '${acctPath[1]}'`, 'account');
      if (r.method === 'GET' && !acctPath[2]) return { status: 200, body: acct };
      if (r.method === 'POST' && acctPath[2]) {
        if (!acct.details_submitted)
          return stripeError(400, 'Cannot create a login link for an account that has not completed onboarding.', 'account');
        return { status: 200, body: { object: 'login_link', created: now(), url: `https://connect.stripe.com/express/${rid('')}` } };
      }
    }
    if (r.method === 'POST' && r.path === '/v1/account_links') {
      if (!fake.accounts.has(r.form.account)) return stripeError(404, `No such account: '${r.form.account}'`, 'account');
      for (const p of ['refresh_url', 'return_url', 'type']) if (!r.form[p]) return stripeError(400, `Missing required param: ${p}.`, p);
      return {
        status: 200,
        body: {
          object: 'account_link',
          created: now(),
          expires_at: now() + 300,
          url: `https://connect.stripe.com/setup/e/${r.form.account}/${rid('')}`,
        },
      };
    }
    return stripeError(404, `Unrecognized request URL (${r.method}: ${r.path}).`);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: TStripeRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '').split('?')[0],
        headers: req.headers,
        form: Object.fromEntries(new URLSearchParams(raw)),
      };
      fake.requests.push(r);
      const key = req.headers['idempotency-key'];
      const seen = typeof key === 'string' && r.method === 'POST' ? idem.get(key) : undefined;
      let out = seen;
      if (!out) {
        const h = handle(r);
        out = { status: h.status, body: JSON.stringify(h.body) };
        if (typeof key === 'string' && r.method === 'POST') idem.set(key, out);
      }
      res.writeHead(out.status, {
        'content-type': 'application/json',
        'request-id': rid('req_'),
        ...(seen ? { 'idempotent-replayed': 'true' } : {}),
      });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const event = (type: string, object: unknown, account: string) => ({
    id: rid('evt_'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: now(),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    account,
    data: { object },
  });
  fake.update = (id, patch) => {
    const acct = fake.accounts.get(id);
    if (!acct) throw new Error(`no account ${id}`);
    Object.assign(acct, { ...patch, currently_due: undefined });
    delete (acct as Partial<Record<string, unknown>>).currently_due;
    if (patch.currently_due) {
      acct.requirements.currently_due = patch.currently_due;
      acct.requirements.eventually_due = patch.currently_due;
    }
    acct.requirements.disabled_reason = acct.payouts_enabled
      ? null
      : acct.requirements.currently_due.length
        ? 'requirements.past_due'
        : 'requirements.pending_verification';
    acct.capabilities.transfers = acct.payouts_enabled ? 'active' : 'inactive';
    return event('account.updated', structuredClone(acct), id);
  };
  fake.payoutEvent = (accountId, type, amount, currency = 'usd', payoutId = rid('po_')) =>
    event(
      type,
      {
        id: payoutId,
        object: 'payout',
        amount,
        currency,
        status: type === 'payout.paid' ? 'paid' : 'failed',
        arrival_date: now(),
        method: 'standard',
      },
      accountId,
    );
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
