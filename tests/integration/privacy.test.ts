import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NextRequest } from 'next/server';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteRoute } from '@/app/api/account/route';
import { GET as consentsGet, POST as consentsPost } from '@/app/api/account/consents/route';
import { GET as exportRoute } from '@/app/api/account/export/route';
import { createSignInLimiters } from '@/lib/auth/rate-limit';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { signUp } from '@/lib/auth/sign-up';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db';
import { deleteAccount, TOMBSTONE_NAME } from '@/lib/privacy/delete-account';
import { listConsents, recordConsent } from '@/lib/privacy/consents';
import { EXPORTED_TABLES, exportUserData, NOT_EXPORTED } from '@/lib/privacy/export-user-data';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import { setInProcessSink } from '@/lib/realtime/publish-event';
import { createLocalDiskStorage } from '@/lib/storage/local-disk-storage';
import type { TStorage } from '@/lib/storage/types';
import { createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser, TEST_PASSWORD, uniqueEmail, uniqueIp } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// "Download my data" and "Delete my account" on a real database (PGlite, or Postgres with TEST_DATABASE_URL).
let t: TTestDb;
let storageDir: string;
let storage: TStorage;
let http: HttpServer;
let io: Server;
let socketUrl: string;
const sockets: Socket[] = [];
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const BASE = 'http://localhost:3000';
const none = { params: Promise.resolve({}) };
const limiters = () => createSignInLimiters({ perAccount: 5, perIp: 100, windowSeconds: 60 });

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  storageDir = await mkdtemp(path.join(tmpdir(), 'pw-privacy-'));
  storage = createLocalDiskStorage(storageDir, randomBytes(32));
  http = createServer();
  io = new Server(http);
  setInProcessSink(attachRealtime(io, { getDb: async () => t.db, allowedOrigins: [] }));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  socketUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  setInProcessSink(undefined);
  await new Promise<void>((r) => io.close(() => r()));
  holder.__pathwiseDb = undefined;
  await t.drop();
  await rm(storageDir, { recursive: true, force: true });
});

function req(method: string, p: string, cookie?: string, body?: unknown): NextRequest {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { host: 'localhost:3000', origin: BASE, 'sec-fetch-site': 'same-origin' };
  if (cookie) headers.cookie = cookie;
  if (text !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  return new NextRequest(`${BASE}${p}`, { method, body: text, headers });
}
const cookieFor = async (u: TSessionUser) => `pw_session=${(await createSession(t.db, u.id, 1)).token}`;

/** A learner with a row in every learner table; every text they own carries `mark`. */
async function populateLearner(u: TSessionUser, mark: string) {
  const db = t.db;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.curricula (user_id, request, budget_minutes, weeks, status) values ($1, $2, 60, 4, 'ready') returning id`,
    [u.id, JSON.stringify({ goal: `GOAL-${mark}` })],
  );
  const cid = rows[0].id;
  await db.query(
    `insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status, notes) values ($1, 'l1', $2, 'done', $3)`,
    [cid, u.id, `LESSON-NOTE-${mark}`],
  );
  await db.query(
    `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key) values ($1, $2, 'l1', 'minutes', 25, $3)`,
    [u.id, cid, `k-${mark}`],
  );
  await db.query(
    `insert into public.checkpoint_scores (curriculum_id, module_id, user_id, best_score, total) values ($1, 'm1', $2, 2, 3)`,
    [cid, u.id],
  );
  await db.query(
    `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, objective, correct, source) values ($1, $2, 'm1', 'm1/q1', 'Explain joins', false, 'checkpoint')`,
    [u.id, cid],
  );
  await db.query(`insert into public.ai_calls (user_id, curriculum_id, kind, tokens) values ($1, $2, 'retry', 77)`, [u.id, cid]);
  await db.query(`insert into public.notifications (user_id, kind, title) values ($1, 'info', $2)`, [u.id, `NOTIFY-${mark}`]);
  await db.query(
    `insert into public.outbox_messages (channel, recipient, user_id, template, subject, body, secret_body) values ('email', $1, $2, 'password-reset', $3, 'masked', $4)`,
    [u.email, u.id, `MAIL-${mark}`, `SECRET-BODY-${mark}`],
  );
  await db.query(`insert into public.password_reset_tokens (id, user_id, expires_at) values ($1, $2, now() + interval '1 hour')`, [
    `RESET-TOKEN-${mark}`,
    u.id,
  ]);
  await db.query(`insert into public.audit_log (actor_id, action, subject_type, subject_id) values (null, $2, 'user', $1::text)`, [
    u.id,
    `audit.${mark}`,
  ]);
  await recordConsent(t.db, u, { kind: 'marketing_email', granted: true });
  return { curriculumId: cid };
}

/** An approved expert with a document, schedule, a proposed change, a verification and a sanction. */
async function populateExpert(u: TSessionUser, mark: string) {
  const db = t.db;
  const p = await createExpertProfile(db, u.id);
  await db.query(`update public.expert_profiles set bio = $2 where id = $1`, [p.id, `BIO-${mark}`]);
  await db.query(`insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 60, 5000, 'USD')`, [
    p.id,
  ]);
  const key = `docs/${mark.toLowerCase()}-${randomBytes(4).toString('hex')}.pdf`;
  await storage.put(key, new TextEncoder().encode('%PDF-1.4'), 'application/pdf');
  await db.query(
    `insert into public.expert_documents (expert_id, owner_id, kind, storage_key, filename, content_type, size_bytes) values ($1, $2, 'credential', $3, $4, 'application/pdf', 8)`,
    [p.id, u.id, key, `DIPLOMA-${mark}.pdf`],
  );
  await db.query(`insert into public.availability_settings (expert_id) values ($1)`, [p.id]);
  await db.query(`insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, 1, 540, 1020)`, [p.id]);
  await db.query(`insert into public.availability_overrides (expert_id, date) values ($1, '2030-01-01')`, [p.id]);
  await db.query(
    `insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, now() + interval '9 days', now() + interval '9 days 1 hour')`,
    [p.id],
  );
  await db.query(`insert into public.expert_profile_changes (expert_id, proposed) values ($1, $2)`, [
    p.id,
    JSON.stringify({ profile: { bio: `CHANGE-${mark}` } }),
  ]);
  await db.query(`insert into public.expert_verifications (expert_id, identity_verified, background_note) values ($1, true, $2)`, [
    p.id,
    `BGNOTE-${mark}`,
  ]);
  await db.query(`insert into public.expert_sanctions (expert_id, level, reason, strikes) values ($1, 'warning', $2, 1)`, [
    p.id,
    `SANCTION-${mark}`,
  ]);
  return { ...p, documentKey: key };
}

/** A past session between them with both reviews published and the expert's private note; returns its id. */
async function pastSession(expertId: string, learner: TSessionUser, expertUser: TSessionUser, mark: string) {
  const b = await createBooking(t.db, expertId, learner.id, { status: 'completed', endedHoursAgo: 48 });
  await t.db.query(`insert into public.booking_events (booking_id, actor_id, kind) values ($1, $2, 'completed')`, [b.id, learner.id]);
  await t.db.query(
    `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating, body, published_at) values ($1, $2, 'learner', $3, 5, $4, now())`,
    [b.id, expertId, learner.id, `REVIEW-BY-${mark}`],
  );
  await t.db.query(
    `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, body, published_at) values ($1, $2, 'expert', $3, $4, now())`,
    [b.id, expertId, expertUser.id, `FEEDBACK-FOR-${mark}`],
  );
  await t.db.query(`insert into public.booking_notes (booking_id, expert_id, body) values ($1, $2, $3)`, [
    b.id,
    expertId,
    `PRIVATE-NOTE-ABOUT-${mark}`,
  ]);
  await t.db.query(
    `insert into public.no_show_reports (booking_id, reporter_role, reporter_id, absent_role, note) values ($1, 'expert', $2, 'learner', $3)`,
    [b.id, expertUser.id, `NOSHOW-${mark}`],
  );
  return b.id;
}

describe('Download my data', () => {
  let a: TSessionUser;
  let b: TSessionUser;
  let e: TSessionUser;
  let f: TSessionUser;
  let aCookie: string;
  let aToken: string;

  beforeAll(async () => {
    [a, b, e, f] = await Promise.all([
      createUser(t.db, { name: 'Ada Learner' }),
      createUser(t.db, { name: 'Bea Other' }),
      createUser(t.db, { role: 'expert', name: 'Eve Expert' }),
      createUser(t.db, { role: 'expert', name: 'Fay Other' }),
    ]);
    await populateLearner(a, 'A');
    await populateLearner(b, 'B');
    const ep = await populateExpert(e, 'E');
    const fp = await populateExpert(f, 'F');
    await pastSession(ep.id, a, e, 'A');
    await pastSession(ep.id, b, e, 'B');
    await pastSession(fp.id, b, f, 'B2');
    aToken = (await createSession(t.db, a.id, 1, { ip: '203.0.113.7', userAgent: 'Test browser' })).token;
    aCookie = `pw_session=${aToken}`;
  });

  it('has a row from every table that holds data about a person, and lists every such table', async () => {
    // Every table with a foreign key to users or expert profiles is either exported or excluded with a reason.
    const { rows } = await t.db.query<{ table_name: string }>(
      `select distinct tc.table_name from information_schema.table_constraints tc
         join information_schema.constraint_column_usage cu on cu.constraint_name = tc.constraint_name and cu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public' and cu.table_name in ('users', 'expert_profiles')`,
    );
    const known = new Set<string>([...EXPORTED_TABLES, ...Object.keys(NOT_EXPORTED)]);
    expect(rows.map((r) => r.table_name).filter((name) => !known.has(name))).toEqual([]);

    const learner = await exportUserData(t.db, a);
    expect(learner.account).toMatchObject({ id: a.id, email: a.email, name: 'Ada Learner' });
    expect(learner.sessions).toEqual([expect.objectContaining({ ip: '203.0.113.7', user_agent: 'Test browser' })]);
    expect(learner.consents.map((c) => c.kind)).toEqual(['marketing_email']);
    expect(learner.learning.curricula).toHaveLength(1);
    expect(learner.learning.lessonProgress).toEqual([expect.objectContaining({ notes: 'LESSON-NOTE-A' })]);
    expect(learner.learning.timeLog).toEqual([expect.objectContaining({ minutes: 25 })]);
    expect(learner.learning.checkpointScores).toEqual([expect.objectContaining({ best_score: 2, total: 3 })]);
    expect(learner.learning.quizAnswers).toEqual([expect.objectContaining({ question_id: 'm1/q1', correct: false, source: 'checkpoint' })]);
    expect(learner.learning.aiCalls).toEqual([expect.objectContaining({ tokens: 77 })]);
    expect(learner.bookings).toHaveLength(1);
    expect(learner.bookings[0]).toMatchObject({ my_role: 'learner', expert: { name: 'Test Expert' }, learner: null, privateNotes: null });
    expect(learner.bookings[0].events).toHaveLength(1);
    expect(learner.bookings[0].noShowReports).toEqual([expect.objectContaining({ note: 'NOSHOW-A' })]);
    expect(learner.reviews.written.map((r) => r.body)).toEqual(['REVIEW-BY-A']);
    expect(learner.reviews.received.map((r) => r.body)).toEqual(['FEEDBACK-FOR-A']);
    expect(learner.notifications.map((n) => n.title)).toEqual(['NOTIFY-A']);
    expect(learner.messages.map((m) => m.subject)).toEqual(['MAIL-A']);
    expect(learner.auditLog.map((x) => x.action)).toEqual(['audit.A']);
    expect(learner.expert).toBeNull();

    const expert = await exportUserData(t.db, e);
    expect(expert.expert?.profile).toMatchObject({ bio: 'BIO-E' });
    expect(expert.expert?.offerings).toHaveLength(1);
    expect(expert.expert?.documents).toEqual([expect.objectContaining({ filename: 'DIPLOMA-E.pdf' })]);
    expect(expert.expert?.verification).toMatchObject({ identity_verified: true });
    expect(expert.expert?.profileChanges).toHaveLength(1);
    expect(expert.expert?.sanctions.map((s) => s.reason)).toEqual(['SANCTION-E']);
    expect(expert.expert?.availability).toMatchObject({
      settings: expect.any(Object),
      weeklyRules: [expect.any(Object)],
      dateOverrides: [expect.any(Object)],
      busyBlocks: [expect.any(Object)],
    });
    // Both of the expert's sessions, with each learner's name (what the expert sees) and the expert's own notes.
    expect(expert.bookings.map((x) => x.learner)).toEqual([{ name: 'Ada Learner' }, { name: 'Bea Other' }]);
    expect(expert.bookings.map((x) => (x.privateNotes as { body: string }).body).sort()).toEqual([
      'PRIVATE-NOTE-ABOUT-A',
      'PRIVATE-NOTE-ABOUT-B',
    ]);
    expect(expert.reviews.received.map((r) => r.body).sort()).toEqual(['REVIEW-BY-A', 'REVIEW-BY-B']);
  });

  it("holds nothing of another user's and no secret", async () => {
    const text = JSON.stringify(await exportUserData(t.db, a));
    const { rows } = await t.db.query<{ password_hash: string; storage_key: string }>(
      `select u.password_hash, (select storage_key from public.expert_documents limit 1) as storage_key from public.users u where u.id = $1`,
      [a.id],
    );
    for (const foreign of [
      b.id,
      b.email,
      'Bea Other',
      'GOAL-B',
      'LESSON-NOTE-B',
      'NOTIFY-B',
      'MAIL-B',
      'REVIEW-BY-B',
      'FEEDBACK-FOR-B',
      'audit.B',
      'BIO-E',
      'PRIVATE-NOTE-ABOUT-A',
      'BGNOTE',
      'NOSHOW-B',
    ]) {
      expect(text, foreign).not.toContain(foreign);
    }
    for (const secret of [
      rows[0].password_hash,
      aToken,
      'SECRET-BODY-A',
      'RESET-TOKEN-A',
      rows[0].storage_key,
      'password_hash',
      'secret_body',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    // The expert's export carries no other expert's data either, and not the admin-only background note.
    const expertText = JSON.stringify(await exportUserData(t.db, e));
    for (const foreign of [f.id, 'BIO-F', 'SANCTION-F', 'DIPLOMA-F', 'PRIVATE-NOTE-ABOUT-B2', 'BGNOTE-E', 'GOAL-A', 'LESSON-NOTE-A']) {
      expect(expertText, foreign).not.toContain(foreign);
    }
  });

  it('GET /api/account/export answers an attachment for the signed-in user, 401 signed out', async () => {
    expect((await exportRoute(req('GET', '/api/account/export'), none)).status).toBe(401);
    const res = await exportRoute(req('GET', '/api/account/export', aCookie), none);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pathwise-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ format: 'pathwise-data-export', account: { id: a.id } });
  });
});

describe('consents', () => {
  it('sign-up records terms and privacy; settings append answers; the history is never rewritten', async () => {
    const email = uniqueEmail('consent');
    await expect(signUp(t.db, { name: 'No Consent', email, password: 'a long password' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { acceptTerms: expect.any(String) },
    });
    const u = await signUp(t.db, { name: 'Cat', email, password: 'a long password', acceptTerms: true });
    const first = await listConsents(t.db, u);
    expect(first.history.map((h) => [h.kind, h.granted, h.source]).sort()).toEqual([
      ['privacy', true, 'sign-up'],
      ['terms', true, 'sign-up'],
    ]);

    await recordConsent(t.db, u, { kind: 'sms_reminders', granted: true });
    await recordConsent(t.db, u, { kind: 'sms_reminders', granted: false });
    const after = await listConsents(t.db, u);
    expect(after.history.filter((h) => h.kind === 'sms_reminders').map((h) => h.granted)).toEqual([false, true]);
    expect(after.current.find((c) => c.kind === 'sms_reminders')).toMatchObject({ granted: false });
    await expect(recordConsent(t.db, u, { kind: 'terms', granted: false })).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(recordConsent(t.db, u, { kind: 'cookies', granted: true })).rejects.toMatchObject({ code: 'invalid_input' });

    // As the user under RLS: no update, no delete, no row for someone else, nobody else's rows visible.
    const other = await createUser(t.db);
    const asUser = <T>(fn: (tx: Parameters<Parameters<typeof withUser>[2]>[0]) => Promise<T>) => withUser(t.db, u, fn);
    await expect(asUser((tx) => tx.query(`update public.consents set granted = true where user_id = $1`, [u.id]))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(asUser((tx) => tx.query(`delete from public.consents where user_id = $1`, [u.id]))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      asUser((tx) =>
        tx.query(`insert into public.consents (user_id, kind, version, granted, source) values ($1, 'terms', 'x', true, 'settings')`, [
          other.id,
        ]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await recordConsent(t.db, other, { kind: 'marketing_email', granted: true });
    const visible = await asUser((tx) => tx.query<{ user_id: string }>('select user_id from public.consents'));
    expect(new Set(visible.rows.map((r) => r.user_id))).toEqual(new Set([u.id]));
    // Not even the service connection rewrites history.
    await expect(t.db.query(`update public.consents set granted = false where user_id = $1`, [u.id])).rejects.toMatchObject({
      code: '42501',
    });
    expect((await listConsents(t.db, u)).history).toHaveLength(4);
  });

  it('GET/POST /api/account/consents: 401 signed out, 201 appended, 400 for a bad kind, 422 for withdrawing the terms', async () => {
    const u = await createUser(t.db);
    const cookie = await cookieFor(u);
    expect((await consentsGet(req('GET', '/api/account/consents'), none)).status).toBe(401);
    expect(
      (await consentsPost(req('POST', '/api/account/consents', undefined, { kind: 'marketing_email', granted: true }), none)).status,
    ).toBe(401);
    expect(
      (await consentsPost(req('POST', '/api/account/consents', cookie, { kind: 'marketing_email', granted: true }), none)).status,
    ).toBe(201);
    expect((await consentsPost(req('POST', '/api/account/consents', cookie, { kind: 'nope', granted: true }), none)).status).toBe(400);
    expect((await consentsPost(req('POST', '/api/account/consents', cookie, { kind: 'privacy', granted: false }), none)).status).toBe(422);
    const body = await (await consentsGet(req('GET', '/api/account/consents', cookie), none)).json();
    expect(body.current.find((c: { kind: string }) => c.kind === 'marketing_email')).toMatchObject({ granted: true });
    expect(body.history).toHaveLength(1);
  });
});

describe('Delete my account', () => {
  const open = (cookie: string) => {
    const s = connect(socketUrl, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    sockets.push(s);
    return new Promise<Socket>((resolve, reject) => (s.once('connect', () => resolve(s)), s.once('connect_error', reject)));
  };
  const closedByServer = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket still open after 5 s')), 5000);
      s.once('disconnect', (reason) => (clearTimeout(timer), reason === 'io server disconnect' ? resolve() : reject(new Error(reason))));
    });

  it('a learner: needs the password, cancels upcoming sessions with the policy refund, erases personal data, keeps the records, signs out everywhere', async () => {
    const email = uniqueEmail('leaver');
    const u = await signUp(t.db, { name: 'Lee Leaver', email, password: TEST_PASSWORD, acceptTerms: true });
    const expertUser = await createUser(t.db, { role: 'expert' });
    const expert = await createExpertProfile(t.db, expertUser.id);
    const { curriculumId } = await populateLearner(u, 'LEE');
    const past = await pastSession(expert.id, u, expertUser, 'LEE');
    const upcoming = await createBooking(t.db, expert.id, u.id, { status: 'confirmed', endedHoursAgo: -72 });
    await t.db.query(`update public.bookings set brief = 'BRIEF-LEE', curriculum_id = $2 where id = $1`, [upcoming.id, curriculumId]);
    const cookie = await cookieFor(u);
    const otherDevice = await cookieFor(u);
    const socket = await open(otherDevice);
    const closed = closedByServer(socket);

    const l = limiters();
    await expect(deleteAccount(t.db, u, { password: 'not my password' }, { storage, limiters: l, ip: uniqueIp() })).rejects.toMatchObject({
      code: 'forbidden',
      fields: { password: expect.any(String) },
    });
    expect((await t.db.query('select 1 from public.curricula where user_id = $1', [u.id])).rows).toHaveLength(1);

    const result = await deleteAccount(t.db, u, { password: TEST_PASSWORD }, { storage, limiters: l, ip: uniqueIp() });
    expect(result).toEqual({ cancelledBookings: 1 });
    await closed; // the open socket of another device is closed by the server

    const account = (
      await t.db.query<Record<string, unknown>>('select name, email, password_hash, deleted_at from public.users where id = $1', [u.id])
    ).rows[0];
    expect(account).toMatchObject({ name: TOMBSTONE_NAME, email: `deleted-${u.id}@deleted.invalid`, deleted_at: expect.any(Date) });
    expect(account.password_hash).not.toMatch(/argon2/);
    for (const table of [
      'curricula',
      'lesson_progress',
      'learning_activity',
      'checkpoint_scores',
      'quiz_answers',
      'ai_calls',
      'notifications',
      'outbox_messages',
      'password_reset_tokens',
      'sessions',
    ]) {
      expect((await t.db.query(`select 1 from public.${table} where user_id = $1`, [u.id])).rows, table).toHaveLength(0);
    }
    // The upcoming session was cancelled as the learner, 72 h ahead: the policy's full refund.
    const cancelled = (
      await t.db.query<Record<string, unknown>>(
        'select status, cancelled_by, refund_percent, payment_status, brief, learner_id from public.bookings where id = $1',
        [upcoming.id],
      )
    ).rows[0];
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelled_by: 'learner',
      refund_percent: 100,
      payment_status: 'refund_pending',
      brief: '',
      learner_id: u.id,
    });
    // The past session and both reviews stay, pointing at the tombstone; consents and the audit trail stay.
    expect((await t.db.query('select 1 from public.bookings where id = $1 and learner_id = $2', [past, u.id])).rows).toHaveLength(1);
    expect(
      (await t.db.query('select body from public.session_reviews where booking_id = $1 order by author_role', [past])).rows,
    ).toHaveLength(2);
    expect((await t.db.query("select 1 from public.consents where user_id = $1 and kind = 'terms'", [u.id])).rows).toHaveLength(1);
    expect(
      (
        await t.db.query("select data from public.audit_log where action = 'account.delete' and subject_id = $1 and actor_id = $2", [
          u.id,
          u.id,
        ])
      ).rows,
    ).toEqual([{ data: { role: 'learner', cancelledBookings: 1, expertProfile: null } }]);
    // The old cookie is dead; the email can sign up again (a new account), the old password opens nothing.
    expect((await exportRoute(req('GET', '/api/account/export', cookie), none)).status).toBe(401);
    const again = await signUp(t.db, { name: 'Lee Again', email, password: 'a different password', acceptTerms: true });
    expect(again.id).not.toBe(u.id);
    // The expert's view of the past session shows the tombstone, not the person.
    const seen = await exportUserData(t.db, expertUser);
    expect(seen.bookings.map((x) => x.learner)).toEqual([{ name: TOMBSTONE_NAME }, { name: TOMBSTONE_NAME }]);
  });

  it('an expert: their upcoming session is cancelled with a full refund, the profile is unpublished and emptied, files removed', async () => {
    const u = await createUser(t.db, { role: 'expert', name: 'Xena Expert' });
    const p = await populateExpert(u, 'X');
    const learner = await createUser(t.db);
    await pastSession(p.id, learner, u, 'X');
    const upcoming = await createBooking(t.db, p.id, learner.id, { status: 'confirmed', endedHoursAgo: -5 });
    expect(await readdir(path.join(storageDir, 'docs'))).toContain(path.basename(p.documentKey));

    await deleteAccount(t.db, u, { password: TEST_PASSWORD }, { storage, limiters: limiters(), ip: uniqueIp() });

    // An expert's cancellation refunds in full even 4 hours ahead (a learner's would not).
    expect((await t.db.query('select cancelled_by, refund_percent from public.bookings where id = $1', [upcoming.id])).rows[0]).toEqual({
      cancelled_by: 'expert',
      refund_percent: 100,
    });
    const profile = (
      await t.db.query<Record<string, unknown>>(
        'select display_name, bio, hidden, status, slug from public.expert_profiles where id = $1',
        [p.id],
      )
    ).rows[0];
    expect(profile).toMatchObject({ display_name: 'Deleted expert', bio: '', hidden: true, status: 'suspended' });
    expect(profile.slug).not.toBe(p.slug);
    for (const table of [
      'expert_offerings',
      'expert_documents',
      'availability_settings',
      'availability_rules',
      'availability_overrides',
      'busy_blocks',
      'expert_profile_changes',
      'expert_verifications',
      'booking_notes',
    ]) {
      expect((await t.db.query(`select 1 from public.${table} where expert_id = $1`, [p.id])).rows, table).toHaveLength(0);
    }
    expect(await readdir(path.join(storageDir, 'docs'))).not.toContain(path.basename(p.documentKey));
    // Sessions, the learner's review of them and the sanction history stay with the (hidden) profile.
    expect((await t.db.query('select 1 from public.bookings where expert_id = $1', [p.id])).rows).toHaveLength(2);
    expect(
      (await t.db.query("select 1 from public.session_reviews where expert_id = $1 and author_role = 'learner'", [p.id])).rows,
    ).toHaveLength(1);
    expect((await t.db.query('select 1 from public.expert_sanctions where expert_id = $1', [p.id])).rows.length).toBeGreaterThanOrEqual(1);
  });

  it('DELETE /api/account: 401 signed out, 400 without a password, 403 wrong password or admin, then 200 clearing the cookie', async () => {
    const u = await createUser(t.db);
    const admin = await createUser(t.db, { role: 'admin' });
    const cookie = await cookieFor(u);
    expect((await deleteRoute(req('DELETE', '/api/account', undefined, { password: TEST_PASSWORD }), none)).status).toBe(401);
    expect((await deleteRoute(req('DELETE', '/api/account', cookie, {}), none)).status).toBe(400);
    expect((await deleteRoute(req('DELETE', '/api/account', cookie, { password: 'wrong one' }), none)).status).toBe(403);
    expect((await deleteRoute(req('DELETE', '/api/account', await cookieFor(admin), { password: TEST_PASSWORD }), none)).status).toBe(403);
    const ok = await deleteRoute(req('DELETE', '/api/account', cookie, { password: TEST_PASSWORD }), none);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/pw_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await exportRoute(req('GET', '/api/account/export', cookie), none)).status).toBe(401);
    expect((await deleteRoute(req('DELETE', '/api/account', cookie, { password: TEST_PASSWORD }), none)).status).toBe(401);
  });
});
