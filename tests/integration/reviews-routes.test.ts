import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getPolicyRoute, PUT as putPolicy } from '@/app/api/admin/policy/route';
import { POST as hide } from '@/app/api/admin/reviews/[id]/hide/route';
import { GET as pending } from '@/app/api/reviews/pending/route';
import { GET as getReviews, POST as postReview } from '@/app/api/reviews/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The review and policy routes on real handlers and a real database: roles, the error shape, status codes.
let t: TTestDb;
let learner: TSessionUser;
let expertUser: TSessionUser;
let bookingId: string;
const cookies: Record<string, string> = {};
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const BASE = 'http://localhost:3000';
const none = { params: Promise.resolve({}) };

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  const admin = await createUser(t.db, { role: 'admin' });
  learner = await createUser(t.db, { role: 'learner' });
  expertUser = await createUser(t.db, { role: 'expert' });
  const expert = await createExpertProfile(t.db, expertUser.id);
  bookingId = (await createBooking(t.db, expert.id, learner.id)).id;
  for (const [k, u] of Object.entries({ admin, learner, expert: expertUser }))
    cookies[k] = `pw_session=${(await createSession(t.db, u.id, 1)).token}`;
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});

function req(method: string, path: string, cookie?: string, body?: unknown): NextRequest {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { host: 'localhost:3000', origin: BASE, 'sec-fetch-site': 'same-origin' };
  if (cookie) headers.cookie = cookie;
  if (text !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  return new NextRequest(`${BASE}${path}`, { method, body: text, headers });
}

describe('review routes', () => {
  it('need a participant: 401 signed out, 403 for admins, 404 for others’ sessions, 400 with fields for bad input', async () => {
    expect((await postReview(req('POST', '/api/reviews', undefined, { bookingId, rating: 5, body: 'Great' }), none)).status).toBe(401);
    expect((await postReview(req('POST', '/api/reviews', cookies.admin, { bookingId, rating: 5, body: 'Great' }), none)).status).toBe(403);
    const bad = await postReview(req('POST', '/api/reviews', cookies.learner, { bookingId, rating: 0, body: '' }), none);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_input', fields: { rating: expect.any(String), body: expect.any(String) } },
    });
    const other = await createUser(t.db, { role: 'learner' });
    const otherCookie = `pw_session=${(await createSession(t.db, other.id, 1)).token}`;
    expect((await getReviews(req('GET', `/api/reviews?bookingId=${bookingId}`, otherCookie), none)).status).toBe(404);
  });

  it('create a review (201), refuse a second (409), list what is pending', async () => {
    const listed = await (await pending(req('GET', '/api/reviews/pending', cookies.learner), none)).json();
    expect(listed.pending.map((p: { bookingId: string }) => p.bookingId)).toEqual([bookingId]);
    const ok = await postReview(req('POST', '/api/reviews', cookies.learner, { bookingId, rating: 5, body: 'Great session.' }), none);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ published: false });
    expect((await postReview(req('POST', '/api/reviews', cookies.learner, { bookingId, rating: 4, body: 'Again.' }), none)).status).toBe(
      409,
    );
    const view = await (await getReviews(req('GET', `/api/reviews?bookingId=${bookingId}`, cookies.expert), none)).json();
    expect(view.reviews).toMatchObject({ viewerRole: 'expert', theirs: null, theirsSubmitted: true });
  });

  it('hide and policy are admin-only', async () => {
    const { rows } = await t.db.query<{ id: string }>('select id from public.session_reviews limit 1');
    const params = { params: Promise.resolve({ id: rows[0].id }) };
    expect(
      (await hide(req('POST', `/api/admin/reviews/${rows[0].id}/hide`, cookies.expert, { hidden: true, reason: 'Spam here' }), params))
        .status,
    ).toBe(403);
    expect(
      (await hide(req('POST', `/api/admin/reviews/${rows[0].id}/hide`, cookies.admin, { hidden: true, reason: 'Spam here' }), params))
        .status,
    ).toBe(200);
    expect((await getPolicyRoute(req('GET', '/api/admin/policy', cookies.learner), none)).status).toBe(403);
    const { policy } = await (await getPolicyRoute(req('GET', '/api/admin/policy', cookies.admin), none)).json();
    const res = await putPolicy(req('PUT', '/api/admin/policy', cookies.admin, { ...policy, strikesWarning: 'x' }), none);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: { strikesWarning: expect.any(String) } } });
  });
});
