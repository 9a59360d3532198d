import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

// A local HTTP server answering as Stripe's REST API does, for the real `stripe` SDK (STRIPE_API_BASE / the
// client's host, port and protocol): form-encoded bodies with bracketed keys, `expand[]`, Bearer auth, Stripe's
// error shape, and Idempotency-Key (a replay returns the first answer with Idempotent-Replayed: true; the same
// key with other parameters is a 400 idempotency_error). Implemented: Checkout Sessions (create, retrieve,
// expire), PaymentIntents and Charges (retrieve), Refunds, Transfers and their reversals, Balance transactions.
// Helpers play the customer and the dashboard (pay, decline, refund, dispute) and sign webhook payloads with
// stripe.webhooks.generateTestHeaderString. More routes: `fake.route('POST', /^\/v1\/accounts$/, handler)`.

export type TStripeObj = Record<string, unknown> & { id: string };
export type TFakeStripeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, unknown>;
  headers: IncomingMessage['headers'];
};
type TAnswer = { status: number; body: unknown };
export type TRouteHandler = (req: TFakeStripeRequest, match: RegExpExecArray) => TAnswer;

/** Parses `a[b][0][c]=v` pairs into nested objects/arrays (the encoding stripe-node uses). */
export function parseStripeForm(raw: string | URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pairs = typeof raw === 'string' ? new URLSearchParams(raw) : raw;
  for (const [key, value] of pairs) {
    const path = key.replace(/\]/g, '').split('[');
    let cur: Record<string, unknown> = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        if (part === '') (cur as unknown as unknown[]).push(value);
        else cur[part] = value;
        return;
      }
      const nextIsIndex = /^\d*$/.test(path[i + 1]);
      cur[part] ??= nextIsIndex ? [] : {};
      cur = cur[part] as Record<string, unknown>;
    });
  }
  return out;
}

const err = (status: number, type: string, message: string, extra: Record<string, unknown> = {}): TAnswer => ({
  status,
  body: { error: { type, message, ...extra } },
});

export type TFakeStripe = Awaited<ReturnType<typeof fakeStripe>>;

export async function fakeStripe(opts: { webhookSecret?: string; connectWebhookSecret?: string } = {}) {
  const webhookSecret = opts.webhookSecret ?? 'whsec_test_platform';
  const connectWebhookSecret = opts.connectWebhookSecret ?? 'whsec_test_connect';
  let seq = 0;
  const id = (prefix: string) => `${prefix}_test_${(++seq).toString(36).padStart(6, '0')}`;
  const now = () => Math.floor(Date.now() / 1000);
  const db = {
    sessions: new Map<string, TStripeObj>(),
    intents: new Map<string, TStripeObj>(),
    charges: new Map<string, TStripeObj>(),
    refunds: new Map<string, TStripeObj>(),
    transfers: new Map<string, TStripeObj>(),
    balanceTransactions: new Map<string, TStripeObj>(),
    disputes: new Map<string, TStripeObj>(),
  };
  const requests: TFakeStripeRequest[] = [];
  const idempotency = new Map<string, { hash: string; answer: TAnswer }>();
  const routes: { method: string; pattern: RegExp; handler: TRouteHandler }[] = [];
  const route = (method: string, pattern: RegExp, handler: TRouteHandler) => void routes.unshift({ method, pattern, handler });
  const notFound = (what: string, v: string) => err(404, 'invalid_request_error', `No such ${what}: '${v}'`, { code: 'resource_missing' });

  function expand(obj: TStripeObj, paths: string[]): TStripeObj {
    const copy = structuredClone(obj);
    for (const p of paths) {
      const [head, ...rest] = p.split('.');
      const v = copy[head];
      if (typeof v !== 'string') continue;
      const source =
        head === 'latest_charge'
          ? db.charges
          : head === 'balance_transaction'
            ? db.balanceTransactions
            : head === 'payment_intent'
              ? db.intents
              : null;
      const target = source?.get(v);
      if (target) copy[head] = rest.length ? expand(target, [rest.join('.')]) : structuredClone(target);
    }
    return copy;
  }
  const expands = (r: TFakeStripeRequest) => (Array.isArray(r.params.expand) ? (r.params.expand as string[]) : []);

  // Checkout Sessions
  route('POST', /^\/v1\/checkout\/sessions$/, (r) => {
    const p = r.params as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const items = (p.line_items ?? []) as { quantity: string; price_data: { unit_amount: string; currency: string } }[];
    if (!items.length) return err(400, 'invalid_request_error', 'line_items is required', { param: 'line_items' });
    const expiresAt = p.expires_at ? Number(p.expires_at) : now() + 86400;
    if (expiresAt < now() + 30 * 60 - 5)
      return err(400, 'invalid_request_error', 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', {
        param: 'expires_at',
      });
    const sid = id('cs');
    const s: TStripeObj = {
      id: sid,
      object: 'checkout.session',
      mode: p.mode,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: items.reduce((sum, i) => sum + Number(i.price_data.unit_amount) * Number(i.quantity ?? 1), 0),
      currency: items[0].price_data.currency,
      metadata: p.metadata ?? {},
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      payment_intent: null,
      success_url: p.success_url,
      cancel_url: p.cancel_url,
      expires_at: expiresAt,
      livemode: false,
      url: `https://checkout.stripe.test/c/pay/${sid}`,
      payment_intent_data: p.payment_intent_data ?? {},
    };
    db.sessions.set(sid, s);
    return { status: 200, body: s };
  });
  route('GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (r, m) => {
    const s = db.sessions.get(m[1]);
    return s ? { status: 200, body: expand(s, expands(r)) } : notFound('checkout.session', m[1]);
  });
  route('POST', /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, (_r, m) => {
    const s = db.sessions.get(m[1]);
    if (!s) return notFound('checkout.session', m[1]);
    if (s.status !== 'open')
      return err(
        400,
        'invalid_request_error',
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
      );
    s.status = 'expired';
    s.url = null;
    return { status: 200, body: s };
  });
  route('GET', /^\/v1\/payment_intents\/([^/]+)$/, (r, m) => {
    const pi = db.intents.get(m[1]);
    return pi ? { status: 200, body: expand(pi, expands(r)) } : notFound('payment_intent', m[1]);
  });
  route('GET', /^\/v1\/charges\/([^/]+)$/, (r, m) => {
    const ch = db.charges.get(m[1]);
    return ch ? { status: 200, body: expand(ch, expands(r)) } : notFound('charge', m[1]);
  });
  route('GET', /^\/v1\/balance_transactions\/([^/]+)$/, (_r, m) => {
    const bt = db.balanceTransactions.get(m[1]);
    return bt ? { status: 200, body: bt } : notFound('balance_transaction', m[1]);
  });
  route('POST', /^\/v1\/refunds$/, (r) => {
    const p = r.params as Record<string, string>;
    const chargeId = p.charge ?? (p.payment_intent ? (db.intents.get(p.payment_intent)?.latest_charge as string | undefined) : undefined);
    const ch = chargeId ? db.charges.get(chargeId) : undefined;
    if (!ch) return notFound('charge', String(p.charge ?? p.payment_intent));
    const left = (ch.amount as number) - (ch.amount_refunded as number);
    const amount = p.amount ? Number(p.amount) : left;
    if (amount > left)
      return err(
        400,
        'invalid_request_error',
        `Refund amount ($${amount / 100}) is greater than unrefunded amount on charge ($${left / 100})`,
        { code: 'amount_too_large' },
      );
    return { status: 200, body: refundCharge(ch, amount, (p.metadata as unknown as Record<string, string>) ?? {}) };
  });
  route('POST', /^\/v1\/transfers$/, (r) => {
    const p = r.params as Record<string, string>;
    if (!p.destination) return err(400, 'invalid_request_error', 'Missing required param: destination.', { param: 'destination' });
    const t: TStripeObj = {
      id: id('tr'),
      object: 'transfer',
      amount: Number(p.amount),
      amount_reversed: 0,
      currency: p.currency,
      destination: p.destination,
      transfer_group: p.transfer_group ?? null,
      source_transaction: p.source_transaction ?? null,
      metadata: p.metadata ?? {},
      reversed: false,
      reversals: { object: 'list', data: [] },
      livemode: false,
      created: now(),
    };
    db.transfers.set(t.id, t);
    return { status: 200, body: t };
  });
  route('POST', /^\/v1\/transfers\/([^/]+)\/reversals$/, (r, m) => {
    const t = db.transfers.get(m[1]);
    if (!t) return notFound('transfer', m[1]);
    const left = (t.amount as number) - (t.amount_reversed as number);
    const amount = r.params.amount ? Number(r.params.amount) : left;
    if (amount > left)
      return err(400, 'invalid_request_error', 'Transfer reversal amount is greater than the amount left on the transfer.');
    const rev = { id: id('trr'), object: 'transfer_reversal', amount, currency: t.currency, transfer: t.id, created: now() };
    t.amount_reversed = (t.amount_reversed as number) + amount;
    t.reversed = t.amount_reversed === t.amount;
    (t.reversals as { data: unknown[] }).data.push(rev);
    return { status: 200, body: rev };
  });

  function refundCharge(ch: TStripeObj, amount: number, metadata: Record<string, string> = {}): TStripeObj {
    const re: TStripeObj = {
      id: id('re'),
      object: 'refund',
      amount,
      charge: ch.id,
      payment_intent: ch.payment_intent,
      currency: ch.currency,
      status: 'succeeded',
      metadata,
      created: now(),
    };
    db.refunds.set(re.id, re);
    ch.amount_refunded = (ch.amount_refunded as number) + amount;
    ch.refunded = ch.amount_refunded === ch.amount;
    return re;
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      const r: TFakeStripeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        params: parseStripeForm(req.method === 'GET' ? url.searchParams : raw),
        headers: req.headers,
      };
      requests.push(r);
      const send = (a: TAnswer, extra: Record<string, string> = {}) => {
        res.writeHead(a.status, { 'content-type': 'application/json', 'request-id': `req_${++seq}`, ...extra });
        res.end(JSON.stringify(a.body));
      };
      if (!/^Bearer sk_test_\S+$/.test(String(req.headers.authorization ?? '')))
        return send(err(401, 'invalid_request_error', 'Invalid API Key provided.'));
      const key = req.headers['idempotency-key'];
      const hash = createHash('sha256').update(`${r.method} ${r.path} ${raw}`).digest('hex');
      if (typeof key === 'string' && r.method === 'POST') {
        const seen = idempotency.get(key);
        if (seen && seen.hash !== hash)
          return send(
            err(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            ),
          );
        if (seen) return send(seen.answer, { 'idempotent-replayed': 'true', 'idempotency-key': key });
      }
      const hit = routes.map((x) => ({ x, m: x.method === r.method ? x.pattern.exec(r.path) : null })).find((h) => h.m);
      const answer = hit
        ? hit.x.handler(r, hit.m!)
        : err(404, 'invalid_request_error', `Unrecognized request URL (${r.method}: ${r.path}).`);
      if (typeof key === 'string' && r.method === 'POST' && answer.status < 500) idempotency.set(key, { hash, answer });
      send(answer, typeof key === 'string' ? { 'idempotency-key': key } : {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  let evt = 0;
  /** A signed delivery as Stripe sends it: the JSON payload and its Stripe-Signature header. */
  function signedEvent(
    type: string,
    object: TStripeObj,
    o: { livemode?: boolean; account?: string; secret?: string; timestamp?: number } = {},
  ) {
    const event = {
      id: `evt_test_${(++evt).toString(36).padStart(6, '0')}_${Math.random().toString(36).slice(2, 8)}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: now(),
      type,
      livemode: o.livemode ?? false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      ...(o.account ? { account: o.account } : {}),
      data: { object: structuredClone(object) },
    };
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: o.secret ?? (o.account ? connectWebhookSecret : webhookSecret),
      timestamp: o.timestamp,
    });
    return { event, payload, header };
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    webhookSecret,
    connectWebhookSecret,
    db,
    requests,
    route,
    signedEvent,
    /** The customer pays on Checkout: a PaymentIntent, its charge and balance transaction (with `fee`), the session complete. */
    pay(sessionId: string, o: { fee?: number } = {}) {
      const s = db.sessions.get(sessionId)!;
      const pd = (s.payment_intent_data ?? {}) as { metadata?: Record<string, string>; transfer_group?: string };
      const bt: TStripeObj = {
        id: id('txn'),
        object: 'balance_transaction',
        amount: s.amount_total,
        fee: o.fee ?? Math.round((s.amount_total as number) * 0.029) + 30,
        currency: s.currency,
        type: 'charge',
      };
      const pi: TStripeObj = {
        id: id('pi'),
        object: 'payment_intent',
        amount: s.amount_total,
        currency: s.currency,
        status: 'succeeded',
        metadata: pd.metadata ?? {},
        transfer_group: pd.transfer_group ?? null,
        latest_charge: null,
        livemode: false,
      };
      const ch: TStripeObj = {
        id: id('ch'),
        object: 'charge',
        amount: s.amount_total,
        amount_refunded: 0,
        refunded: false,
        currency: s.currency,
        payment_intent: pi.id,
        balance_transaction: bt.id,
        transfer_group: pi.transfer_group,
        paid: true,
        status: 'succeeded',
        metadata: {},
        livemode: false,
      };
      pi.latest_charge = ch.id;
      bt.source = ch.id;
      db.balanceTransactions.set(bt.id, bt);
      db.intents.set(pi.id, pi);
      db.charges.set(ch.id, ch);
      Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: pi.id, url: null });
      return { session: s, intent: pi, charge: ch, fee: bt.fee as number };
    },
    /** A card declined on Checkout: the PaymentIntent's payment_failed; the session stays open. */
    decline(sessionId: string) {
      const s = db.sessions.get(sessionId)!;
      const pd = (s.payment_intent_data ?? {}) as { metadata?: Record<string, string> };
      const pi: TStripeObj = {
        id: id('pi'),
        object: 'payment_intent',
        amount: s.amount_total,
        currency: s.currency,
        status: 'requires_payment_method',
        metadata: pd.metadata ?? {},
        last_payment_error: { code: 'card_declined', message: 'Your card was declined.' },
        livemode: false,
      };
      db.intents.set(pi.id, pi);
      return pi;
    },
    /** A refund made in the Dashboard (not through the API by us). */
    refundInDashboard(chargeId: string, amount: number) {
      const ch = db.charges.get(chargeId)!;
      refundCharge(ch, amount);
      return ch;
    },
    dispute(chargeId: string, status: 'needs_response' | 'won' | 'lost' = 'needs_response', disputeId?: string) {
      const ch = db.charges.get(chargeId)!;
      const d: TStripeObj = db.disputes.get(disputeId ?? '') ?? {
        id: id('dp'),
        object: 'dispute',
        amount: ch.amount,
        currency: ch.currency,
        charge: ch.id,
        payment_intent: ch.payment_intent,
        reason: 'fraudulent',
        livemode: false,
      };
      d.status = status;
      db.disputes.set(d.id, d);
      return structuredClone(d);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
