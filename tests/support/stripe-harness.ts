import { vi } from 'vitest';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { createMemoryCache } from '@/lib/cache/cache';
import { setPaymentsProviderForTests } from '@/lib/payments/provider';
import { stripeClient, stripeProvider } from '@/lib/payments/stripe-provider';
import { everyHalfHourSlotsForTests } from '../integration/booking.fixtures';
import { fakeStripe, type TFakeStripe } from './fake-stripe';
import { createTestDb, type TTestDb } from './test-db';

// The setup every Stripe integration test shares: the app's payments on the real `stripe` SDK pointed at the local
// fake Stripe (tests/support/fake-stripe.ts), its webhook secrets in the env, a fresh test database as the app's
// database, an in-memory cache, and every half hour bookable. Use in beforeAll / afterAll.

export type TStripeHarness = { t: TTestDb; fake: TFakeStripe };

const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const SECRET_KEY = 'sk_test_pathwise';

export async function startStripeHarness(): Promise<TStripeHarness> {
  const fake = await fakeStripe();
  vi.stubEnv('STRIPE_SECRET_KEY', SECRET_KEY);
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', fake.webhookSecret);
  vi.stubEnv('STRIPE_CONNECT_WEBHOOK_SECRET', fake.connectWebhookSecret);
  vi.stubEnv('STRIPE_API_BASE', fake.url);
  vi.stubEnv('STRIPE_LIVEMODE', 'false');
  const t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
  setPaymentsProviderForTests(stripeProvider(stripeClient({ secretKey: SECRET_KEY, apiBase: fake.url })));
  return { t, fake };
}

export async function stopStripeHarness(h: Partial<TStripeHarness>): Promise<void> {
  setPaymentsProviderForTests(null);
  setSlotSourceForTests(null);
  holder.__pathwiseDb = undefined;
  await h.t?.drop();
  await h.fake?.close();
  vi.unstubAllEnvs();
}
