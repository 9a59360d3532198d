import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server answering as PayPal's REST API does for what the payout rail uses:
//   POST /v1/oauth2/token                           Basic client_id:secret, grant_type=client_credentials → access token
//   POST /v1/payments/payouts                       Bearer; a sender_batch_id seen before → 400 USER_BUSINESS_ERROR
//                                                   (SENDER_BATCH_ID_ALREADY_USED); the same PayPal-Request-Id → the first answer again
//   GET  /v1/payments/payouts/{batch_id}            the batch and its items
//   POST /v1/notifications/verify-webhook-signature SUCCESS when the transmission signature is one this fake issued for that
//                                                   event and webhook id (`sign`), FAILURE otherwise
// Every request is recorded. `dropNextPayoutAnswer` makes the next payout request succeed at PayPal but drop the connection.

export type TPaypalRequest = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json?: Record<string, unknown>;
};
export type TPaypalBatch = { payout_batch_id: string; sender_batch_id: string; items: Record<string, unknown>[] };

export type TFakePaypal = {
  url: string;
  clientId: string;
  clientSecret: string;
  webhookId: string;
  requests: TPaypalRequest[];
  batches: Map<string, TPaypalBatch>;
  tokensIssued: number;
  dropNextPayoutAnswer: boolean;
  /**
   * Planned failures of the next payout requests, taken in order: a status (503, 500, 429…) answered with PayPal's
   * error body, or 'network' (the connection is dropped before PayPal does anything). No batch is made either way.
   */
  payoutFailures: (number | 'network')[];
  /** PayPal keeps PayPal-Request-Id answers for a while only; after that the sender_batch_id check is what refuses a repeat. */
  forgetRequestIds(): void;
  /** The headers PayPal would send with this event (signature registered with the fake). */
  sign(event: unknown): Record<string, string>;
  /** A PAYMENT.PAYOUTS-ITEM.* event for the item of `senderBatchId`. */
  itemEvent(
    senderBatchId: string,
    status: 'SUCCEEDED' | 'FAILED' | 'RETURNED' | 'BLOCKED' | 'UNCLAIMED',
    o?: { fee?: string },
  ): Record<string, unknown>;
  close(): Promise<void>;
};

const id = (prefix = '') => prefix + randomBytes(7).toString('hex').toUpperCase();

export async function startFakePaypal(): Promise<TFakePaypal> {
  const signatures = new Map<string, string>(); // transmission id → sig
  const requestIds = new Map<string, { status: number; body: string }>();
  const tokens = new Set<string>();
  const fake = {
    clientId: 'AcLientId-test-0001',
    clientSecret: 'EcLientSecret-test-0001',
    webhookId: 'WH-1AB23456CD789012E',
    requests: [] as TPaypalRequest[],
    batches: new Map<string, TPaypalBatch>(),
    tokensIssued: 0,
    dropNextPayoutAnswer: false,
    payoutFailures: [] as (number | 'network')[],
  } as TFakePaypal;

  const handle = (r: TPaypalRequest): { status: number; body: unknown } => {
    if (r.method === 'POST' && r.path === '/v1/oauth2/token') {
      const expected = 'Basic ' + Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64');
      if (r.headers.authorization !== expected || !r.body.includes('grant_type=client_credentials'))
        return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
      const token = id('A21AA');
      tokens.add(token);
      fake.tokensIssued++;
      return {
        status: 200,
        body: {
          scope: 'https://uri.paypal.com/services/payments/payouts',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-80W284485P519543T',
          expires_in: 32400,
          nonce: id(),
        },
      };
    }
    const bearer = String(r.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(bearer))
      return { status: 401, body: { error: 'invalid_token', error_description: 'Token signature verification failed' } };
    if (r.method === 'POST' && r.path === '/v1/payments/payouts') {
      const header = (r.json?.sender_batch_header ?? {}) as { sender_batch_id?: string };
      const items = (r.json?.items ?? []) as Record<string, unknown>[];
      if (!header.sender_batch_id || !items.length)
        return { status: 400, body: { name: 'VALIDATION_ERROR', message: 'Invalid request - see details', debug_id: id() } };
      if ([...fake.batches.values()].some((b) => b.sender_batch_id === header.sender_batch_id)) {
        return {
          status: 400,
          body: {
            name: 'USER_BUSINESS_ERROR',
            message: 'User business error.',
            debug_id: id(),
            details: [{ field: 'SENDER_BATCH_ID', location: 'body', issue: 'Batch with given sender_batch_id already exists' }],
          },
        };
      }
      const batchId = id();
      fake.batches.set(batchId, {
        payout_batch_id: batchId,
        sender_batch_id: header.sender_batch_id,
        items: items.map((it) => ({ ...it, payout_item_id: id(), transaction_status: 'PENDING' })),
      });
      return {
        status: 201,
        body: {
          batch_header: { sender_batch_header: header, payout_batch_id: batchId, batch_status: 'PENDING' },
          links: [{ href: `${fake.url}/v1/payments/payouts/${batchId}`, rel: 'self', method: 'GET', encType: 'application/json' }],
        },
      };
    }
    const get = /^\/v1\/payments\/payouts\/([A-Z0-9]+)$/.exec(r.path);
    if (r.method === 'GET' && get) {
      const b = fake.batches.get(get[1]);
      if (!b)
        return { status: 404, body: { name: 'INVALID_RESOURCE_ID', message: 'Requested resource ID was not found.', debug_id: id() } };
      return {
        status: 200,
        body: {
          batch_header: {
            payout_batch_id: b.payout_batch_id,
            batch_status: 'SUCCESS',
            sender_batch_header: { sender_batch_id: b.sender_batch_id },
          },
          items: b.items.map((it) => ({
            payout_item_id: it.payout_item_id,
            transaction_status: it.transaction_status,
            payout_batch_id: b.payout_batch_id,
            payout_item: it,
          })),
        },
      };
    }
    if (r.method === 'POST' && r.path === '/v1/notifications/verify-webhook-signature') {
      const j = r.json ?? {};
      const ok =
        j.webhook_id === fake.webhookId &&
        j.auth_algo === 'SHA256withRSA' &&
        typeof j.transmission_id === 'string' &&
        signatures.get(j.transmission_id) === j.transmission_sig &&
        signatures.get(`${j.transmission_id}:event`) === JSON.stringify(j.webhook_event);
      return { status: 200, body: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
    }
    return { status: 404, body: { name: 'NOT_FOUND', message: `No route ${r.method} ${r.path}` } };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: TPaypalRequest = { method: req.method ?? 'GET', path: (req.url ?? '').split('?')[0], headers: req.headers, body };
      if (String(req.headers['content-type']).includes('json') && body) r.json = JSON.parse(body) as Record<string, unknown>;
      fake.requests.push(r);
      if (r.path === '/v1/payments/payouts' && r.method === 'POST' && fake.payoutFailures.length) {
        const failure = fake.payoutFailures.shift()!;
        if (failure === 'network') return void req.socket.destroy();
        res.writeHead(failure, { 'content-type': 'application/json', 'paypal-debug-id': id() });
        return void res.end(
          JSON.stringify({ name: 'INTERNAL_SERVICE_ERROR', message: 'An internal service error has occurred.', debug_id: id() }),
        );
      }
      const requestId = req.headers['paypal-request-id'];
      let out: { status: number; body: string };
      const replay = typeof requestId === 'string' ? requestIds.get(`${r.path}|${requestId}`) : undefined;
      if (replay) out = replay;
      else {
        const h = handle(r);
        out = { status: h.status, body: JSON.stringify(h.body) };
        if (typeof requestId === 'string' && h.status < 500) requestIds.set(`${r.path}|${requestId}`, out);
      }
      if (r.path === '/v1/payments/payouts' && r.method === 'POST' && fake.dropNextPayoutAnswer) {
        fake.dropNextPayoutAnswer = false;
        return void req.socket.destroy();
      }
      res.writeHead(out.status, { 'content-type': 'application/json', 'paypal-debug-id': id() });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.sign = (event) => {
    const transmissionId = randomBytes(16).toString('hex');
    const sig = randomBytes(64).toString('base64');
    signatures.set(transmissionId, sig);
    signatures.set(`${transmissionId}:event`, JSON.stringify(event));
    return {
      'content-type': 'application/json',
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270',
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-sig': sig,
      'paypal-transmission-time': new Date().toISOString(),
    };
  };
  fake.itemEvent = (senderBatchId, status, o = {}) => {
    const b = [...fake.batches.values()].find((x) => x.sender_batch_id === senderBatchId);
    if (!b) throw new Error(`no batch ${senderBatchId}`);
    const item = b.items[0];
    item.transaction_status = status;
    const amount = item.amount as { currency: string; value: string };
    return {
      id: id('WH-'),
      create_time: new Date().toISOString(),
      resource_type: 'payouts_item',
      event_type: `PAYMENT.PAYOUTS-ITEM.${status}`,
      summary: `A payout item has ${status.toLowerCase()}`,
      resource: {
        payout_item_id: item.payout_item_id,
        transaction_id: status === 'SUCCEEDED' ? id() : undefined,
        transaction_status: status,
        payout_batch_id: b.payout_batch_id,
        payout_item_fee: { currency: amount.currency, value: o.fee ?? '0.25' },
        payout_item: { recipient_type: 'EMAIL', amount, receiver: item.receiver, sender_item_id: item.sender_item_id, note: item.note },
        time_processed: new Date().toISOString(),
        ...(status === 'SUCCEEDED' ? {} : { errors: { name: 'RECEIVER_UNREGISTERED', message: 'Receiver is unregistered' } }),
      },
      links: [],
      event_version: '1.0',
    };
  };
  fake.forgetRequestIds = () => requestIds.clear();
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
