// npm run bench:payments: Stripe webhooks on real Postgres, through the library the webhook route calls
// (lib/payments/webhook.ts receiveStripeWebhook: signature check over the raw body, then payment_events + the
// handlers in one transaction), with the real `stripe` SDK talking to tests/support/fake-stripe.ts for the
// PaymentIntent/charge/balance-transaction read each completed checkout makes.
//  1. throughput: checkout.session.completed deliveries for many bookings, each delivered 2–3 times (duplicates)
//     and shuffled, 20 at a time; events processed per second (all deliveries, and the unique ones)
//  2. latency of one confirmation: a late payment for a hold that lapsed (its slot back on the slots API) —
//     event received → booking confirmed → the slot gone for another client reading the slots API; p50/p95/p99
// Env: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_BOOKINGS (default 600),
// BENCH_SAMPLES (latency samples, default 100). Writes bench/results/payments.json.
import {
  benchLearners,
  BENCH_PG,
  freshBenchDb,
  machine,
  runUnderReactServer,
  seedBenchMarket,
  stats,
  writeBenchResult,
} from './support/bench-db';

runUnderReactServer('bench/payments-webhooks.ts', 'BENCH_PAYMENTS_CHILD');

const DB_NAME = 'pw_bench_payments';
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 600);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const CONCURRENCY = 20;
const EXPERTS = 100;
const HOUR = 3_600_000;

async function main() {
  process.env.STRIPE_SECRET_KEY = 'sk_test_bench';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_platform';
  const { fakeStripe } = await import('../tests/support/fake-stripe');
  const fake = await fakeStripe();
  process.env.STRIPE_API_BASE = fake.url;
  const { createHold } = await import('../lib/booking/create-hold');
  const { expireHold } = await import('../lib/booking/lifecycle');
  const { getSlotsResponse } = await import('../lib/availability/get-expert-slots');
  const { startBookingCheckout } = await import('../lib/payments/checkout');
  const { receiveStripeWebhook } = await import('../lib/payments/webhook');
  const { registerPaymentHandlers } = await import('../lib/payments/handlers');
  const { setPaymentsProviderForTests } = await import('../lib/payments/provider');
  const { stripeClient, stripeProvider } = await import('../lib/payments/stripe-provider');
  const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown> };

  const bench = await freshBenchDb(DB_NAME, CONCURRENCY + 4);
  const db = bench.db;
  holder.__pathwiseDb = Promise.resolve(db);
  registerPaymentHandlers();
  setPaymentsProviderForTests(stripeProvider(stripeClient({ secretKey: 'sk_test_bench', apiBase: fake.url })));

  await seedBenchMarket(db, { experts: EXPERTS, learners: BOOKINGS + SAMPLES });
  const experts = (await db.query<{ slug: string; id: string }>('select slug, id from public.expert_profiles order by slug')).rows;
  const learners = await benchLearners(db);
  const base = Math.ceil((Date.now() + 72 * HOUR) / HOUR) * HOUR;
  const endpoint = { provider: 'stripe' as const, secret: 'whsec_test_platform', livemode: false };

  async function paidCheckout(i: number) {
    const expert = experts[i % EXPERTS];
    const start = base + Math.floor(i / EXPERTS) * HOUR;
    const learner = learners[i];
    const { id } = await createHold(db, learner, {
      expertSlug: expert.slug,
      start: new Date(start).toISOString(),
      lengthMinutes: 60,
      brief: 'bench',
      timeZone: 'UTC',
    });
    const started = await startBookingCheckout(db, learner, id);
    if ('already' in started) throw new Error('unexpected');
    const { rows } = await db.query<{ checkout_session_id: string }>('select checkout_session_id from public.payments where id = $1', [
      started.paymentId,
    ]);
    const paid = fake.pay(rows[0].checkout_session_id);
    return { bookingId: id, expert, start, delivery: fake.signedEvent('checkout.session.completed', paid.session) };
  }

  // 1. Throughput
  console.log(`seeding ${BOOKINGS} held bookings with open checkouts…`);
  const prepared = [];
  for (let i = 0; i < BOOKINGS; i++) prepared.push(await paidCheckout(i));
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const deliveries = prepared.flatMap((p) => (rand() < 0.5 ? [p.delivery, p.delivery] : [p.delivery, p.delivery, p.delivery]));
  deliveries.sort(() => rand() - 0.5);
  let next = 0;
  let duplicates = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++];
        try {
          const r = await receiveStripeWebhook(db, endpoint, d.payload, d.header);
          if (r.duplicate) duplicates++;
        } catch (e) {
          failures++;
          if (failures < 5) console.error(e);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const confirmed = (await db.query<{ n: number }>("select count(*)::int as n from public.bookings where status = 'confirmed'")).rows[0].n;
  const postings = (
    await db.query<{ n: number }>("select count(distinct txn_id)::int as n from public.ledger_entries where kind = 'charge'")
  ).rows[0].n;
  const unbalanced = (
    await db.query<{ n: number }>(
      'select count(*)::int as n from (select booking_id from public.ledger_entries group by booking_id having sum(amount_minor) <> 0) x',
    )
  ).rows[0].n;
  const throughput = {
    deliveries: deliveries.length,
    unique: prepared.length,
    duplicates,
    failures,
    seconds: +seconds.toFixed(2),
    deliveriesPerSecond: +(deliveries.length / seconds).toFixed(1),
    uniqueEventsPerSecond: +(prepared.length / seconds).toFixed(1),
    bookingsConfirmed: confirmed,
    chargePostings: postings,
    unbalancedBookings: unbalanced,
  };
  console.log('throughput', throughput);

  // 2. Latency of one confirmation, a late payment whose slot had been released: the slot must vanish.
  const latencies: number[] = [];
  const confirmOnly: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const p = await paidCheckout(BOOKINGS + s);
    await db.query("update public.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [p.bookingId]);
    await expireHold(db, p.bookingId);
    const day = new Date(p.start).toISOString().slice(0, 10);
    const nextDay = new Date(p.start + 24 * HOUR).toISOString().slice(0, 10);
    const q = new URLSearchParams({ from: day, to: nextDay, length: '60', tz: 'UTC' });
    const offered = async () => (await getSlotsResponse(db, p.expert.slug, q)).slots.some((x) => Date.parse(x.start) === p.start);
    if (!(await offered())) throw new Error('the released slot should be offered again');
    const a = performance.now();
    await receiveStripeWebhook(db, endpoint, p.delivery.payload, p.delivery.header);
    confirmOnly.push(performance.now() - a);
    while (await offered()) await new Promise((r) => setTimeout(r, 1));
    latencies.push(performance.now() - a);
  }
  const latency = { eventToSlotGone: stats(latencies), eventToCommit: stats(confirmOnly) };
  console.log('latency (ms)', latency);

  const result = {
    when: new Date().toISOString(),
    machine: machine(),
    postgres: BENCH_PG.replace(/\/\/[^@]*@/, '//'),
    concurrency: CONCURRENCY,
    throughput,
    latency,
  };
  writeBenchResult('payments.json', result);
  await fake.close();
  await bench.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
