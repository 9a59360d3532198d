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
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

if (!process.env.BENCH_PAYMENTS_CHILD) {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/payments-webhooks.ts'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PAYMENTS_CHILD: '1', TZ: 'UTC', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.exit(r.status ?? 1);
}

const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'pw_bench_payments';
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 600);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const CONCURRENCY = 20;
const EXPERTS = 100;
const HOUR = 3_600_000;

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2);
};
const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

async function admin(text: string) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function main() {
  process.env.STRIPE_SECRET_KEY = 'sk_test_bench';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_platform';
  const { fakeStripe } = await import('../tests/support/fake-stripe');
  const fake = await fakeStripe();
  process.env.STRIPE_API_BASE = fake.url;
  const { createPostgresDb } = await import('../lib/db/postgres-client');
  const { migrate } = await import('../lib/db/migrate');
  const { createHold } = await import('../lib/booking/create-hold');
  const { expireHold } = await import('../lib/booking/lifecycle');
  const { getSlotsResponse } = await import('../lib/availability/get-expert-slots');
  const { startBookingCheckout } = await import('../lib/payments/checkout');
  const { receiveStripeWebhook } = await import('../lib/payments/webhook');
  const { registerPaymentHandlers } = await import('../lib/payments/handlers');
  const { setPaymentsProviderForTests } = await import('../lib/payments/provider');
  const { stripeClient, stripeProvider } = await import('../lib/payments/stripe-provider');
  const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown> };

  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const db = createPostgresDb(`${SERVER}/${DB_NAME}`, CONCURRENCY + 4);
  holder.__pathwiseDb = Promise.resolve(db);
  await migrate(db);
  registerPaymentHandlers();
  setPaymentsProviderForTests(stripeProvider(stripeClient({ secretKey: 'sk_test_bench', apiBase: fake.url })));

  await db.exec(`
    insert into public.users (email, name, role, password_hash)
      select 'bench-expert-' || g || '@example.test', 'Expert ' || g, 'expert', 'x' from generate_series(1, ${EXPERTS}) g;
    insert into public.users (email, name, role, password_hash)
      select 'bench-learner-' || g || '@example.test', 'Learner ' || g, 'learner', 'x' from generate_series(1, ${BOOKINGS + SAMPLES}) g;
    insert into public.expert_profiles (user_id, slug, display_name, status, timezone)
      select id, 'bench-' || split_part(split_part(email, '@', 1), '-', 3), name, 'approved', 'UTC'
        from public.users where email like 'bench-expert-%';
    insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) select id, 60, 5000, 'USD' from public.expert_profiles;
    insert into public.availability_settings (expert_id, min_notice_minutes, horizon_days, slot_interval_minutes) select id, 0, 365, 60 from public.expert_profiles;
    insert into public.availability_rules (expert_id, weekday, start_minute, end_minute)
      select e.id, d, 0, 1440 from public.expert_profiles e, generate_series(1, 7) d;
  `);
  const experts = (await db.query<{ slug: string; id: string }>('select slug, id from public.expert_profiles order by slug')).rows;
  const learners = (
    await db.query<{ id: string; email: string; name: string }>(
      "select id, email, name from public.users where role = 'learner' order by email",
    )
  ).rows.map((r) => ({ ...r, role: 'learner' as const }));
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
    const q = new URLSearchParams({ from: day, to: day, length: '60', tz: 'UTC' });
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
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => +x.toFixed(2)) },
    postgres: SERVER.replace(/\/\/[^@]*@/, '//'),
    concurrency: CONCURRENCY,
    throughput,
    latency,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/payments.json', JSON.stringify(result, null, 2) + '\n');
  await fake.close();
  await db.close();
  await admin(`drop database if exists ${DB_NAME} with (force)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
