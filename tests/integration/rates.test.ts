import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as listRatesRoute, PUT as putRate } from '@/app/api/admin/rates/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { withAnon, withUser } from '@/lib/db';
import { searchDirectory } from '@/lib/experts/search-directory';
import { searchExperts } from '@/lib/experts/search-experts';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import { loadRates, setRate } from '@/lib/rates/rates';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The directory's price filter in the viewer's currency (cur, major units), converted with currency_rates, and
// the admin-only rates editor.
let t: TTestDb;
let admin: TSessionUser;
let learner: TSessionUser;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const BASE = 'http://localhost:3000';
const none = { params: Promise.resolve({}) };
const search = (q: Record<string, string>) => withAnon(t.db, (tx) => searchExperts(tx, ZExpertSearch.parse(q)));
const slugs = (r: { items: { slug: string }[] }) => r.items.map((x) => x.slug).sort();

// Seeded rates: EUR 0.92, JPY 150 per USD. €40 = $43.478… = ¥6,521.7.
const EXPERTS: [string, number, string][] = [
  ['usd-under', 4300, 'USD'], // $43.00 ≈ €39.56: under €40
  ['usd-over', 4400, 'USD'], // $44.00 ≈ €40.48: over
  ['eur-on', 4000, 'EUR'], // exactly €40
  ['jpy-under', 6500, 'JPY'], // ¥6,500 ≈ €39.87
  ['jpy-over', 6600, 'JPY'], // ¥6,600 ≈ €40.48
  ['nok-norate', 100, 'NOK'], // no rate: never matches a price filter
];

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  admin = await createUser(t.db, { role: 'admin', name: 'Ada Admin' });
  learner = await createUser(t.db, { role: 'learner' });
  for (const [slug, price, currency] of EXPERTS) {
    const u = await createUser(t.db, { role: 'expert', name: slug });
    await t.db.query(
      `insert into public.expert_profiles (user_id, slug, display_name, headline, bio, specialties, tags, languages, status, hidden, min_price_minor, price_currency)
       values ($1, $2, $2, 'Coach', 'Patient.', array['SQL'], '{}', array['en'], 'approved', false, $3, $4)`,
      [u.id, slug, price, currency],
    );
  }
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});
beforeEach(() => {
  holder.__pathwiseCache = createMemoryCache();
});

describe("the price filter in the viewer's currency", () => {
  it('a maximum in EUR admits a USD expert whose converted price is under it and excludes one above', async () => {
    expect(slugs(await search({ cur: 'EUR', maxPrice: '40' }))).toEqual(['eur-on', 'jpy-under', 'usd-under']);
  });

  it('a minimum in EUR is the complement (the bound itself passes both ways)', async () => {
    expect(slugs(await search({ cur: 'EUR', minPrice: '40' }))).toEqual(['eur-on', 'jpy-over', 'usd-over']);
    expect(slugs(await search({ cur: 'EUR', minPrice: '39.8', maxPrice: '40.2' }))).toEqual(['eur-on', 'jpy-under']);
  });

  it('reads a price without a currency as USD, and JPY bounds in whole yen', async () => {
    expect(slugs(await search({ maxPrice: '43' }))).toEqual(['usd-under']); // €40 is $43.48, ¥6,500 is $43.33
    expect(slugs(await search({ maxPrice: '43.5' }))).toEqual(['eur-on', 'jpy-under', 'usd-under']);
    expect(slugs(await search({ cur: 'JPY', maxPrice: '6500' }))).toEqual(['jpy-under', 'usd-under']); // ¥6,500 = $43.33 = €39.87
  });

  it("shows each card's price converted to the chosen currency, in whole units, beside the original", async () => {
    const r = await search({ cur: 'EUR', sort: 'price_asc' });
    const by = Object.fromEntries(r.items.map((x) => [x.slug, x]));
    expect(by['usd-under']).toMatchObject({ from_price_minor: 4300, currency: 'USD', converted: { minor: 4000, currency: 'EUR' } }); // ≈ €40 (39.56)
    expect(by['jpy-over'].converted).toEqual({ minor: 4000, currency: 'EUR' }); // ¥6,600 ≈ €40.48
    expect(by['eur-on'].converted).toBeNull(); // already in EUR
    expect(by['nok-norate'].converted).toBeNull(); // no rate to convert with
    expect((await search({})).items.every((x) => x.converted === null)).toBe(true); // no currency chosen
  });

  it('refuses a currency without a rate with a 400 naming the field', async () => {
    await expect(searchDirectory(t.db, { cur: 'NOK', maxPrice: '40' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { cur: 'No rate for this currency.' },
    });
    await expect(searchDirectory(t.db, { cur: 'euro' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

function put(body: unknown, cookie?: string): NextRequest {
  const text = JSON.stringify(body);
  return new NextRequest(`${BASE}/api/admin/rates`, {
    method: 'PUT',
    body: text,
    headers: {
      host: 'localhost:3000',
      origin: BASE,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...(cookie ? { cookie } : {}),
    },
  });
}

describe('admins keep the rates', () => {
  it('a non-admin cannot edit rates, through the API or in the database', async () => {
    const learnerCookie = `pw_session=${(await createSession(t.db, learner.id, 1)).token}`;
    expect((await putRate(put({ currency: 'EUR', perUsd: 2 }, learnerCookie), none)).status).toBe(403);
    expect((await putRate(put({ currency: 'EUR', perUsd: 2 }), none)).status).toBe(401);
    expect((await listRatesRoute(new NextRequest(`${BASE}/api/admin/rates`, { headers: { cookie: learnerCookie } }), none)).status).toBe(
      403,
    );
    await expect(setRate(t.db, learner, { currency: 'EUR', perUsd: 2 })).rejects.toMatchObject({ code: 'forbidden' });
    // Row-level security refuses it too, whatever the app checks.
    const updated = await withUser(t.db, learner, (tx) => tx.query(`update public.currency_rates set per_usd = 2 where currency = 'EUR'`));
    expect(updated.affectedRows ?? 0).toBe(0);
    expect((await loadRates(t.db)).EUR).toBe(0.92);
  });

  it('an admin edits a rate through the API: audited, and the next search uses it', async () => {
    expect(slugs(await search({ cur: 'EUR', maxPrice: '40' }))).toContain('usd-under');
    const adminCookie = `pw_session=${(await createSession(t.db, admin.id, 1)).token}`;
    const res = await putRate(put({ currency: 'eur', perUsd: '0.9' }, adminCookie), none);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rate: { currency: 'EUR', per_usd: 0.9, updated_by_name: 'Ada Admin' } });
    const audit = await t.db.query<{ actor_id: string; subject_id: string; data: unknown }>(
      `select actor_id, subject_id, data from public.audit_log where action = 'rates.set'`,
    );
    expect(audit.rows).toEqual([{ actor_id: admin.id, subject_id: 'EUR', data: { from: 0.92, to: 0.9 } }]);
    // $43 at 0.90 is €38.70, still under €40; $44 is €39.60 — now under too.
    expect(slugs(await search({ cur: 'EUR', maxPrice: '40' }))).toEqual(['eur-on', 'jpy-over', 'jpy-under', 'usd-over', 'usd-under']);
  });

  it('refuses bad rates and keeps USD at 1', async () => {
    const adminCookie = `pw_session=${(await createSession(t.db, admin.id, 1)).token}`;
    for (const body of [
      { currency: 'EUR', perUsd: 0 },
      { currency: 'EUR', perUsd: 'ten' },
      { currency: 'EURO', perUsd: 1 },
      { currency: 'USD', perUsd: 2 },
    ]) {
      expect((await putRate(put(body, adminCookie), none)).status).toBe(400);
    }
    const added = await putRate(put({ currency: 'NOK', perUsd: 10.5 }, adminCookie), none);
    expect(added.status).toBe(200);
    expect(slugs(await search({ cur: 'NOK', maxPrice: '1' }))).toEqual(['nok-norate']); // kr1.00 ≤ kr1
  });
});
