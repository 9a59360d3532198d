import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { migrate } from '@/lib/db/migrate';
import { createTestDb, type TTestDb } from '../support/test-db';
import { createUser } from '../support/factories';
import { createBooking } from '../support/booking-factories';
import {
  attempt,
  createAccountRows,
  createAvailability,
  createBookingWithHistory,
  createCurriculumWithProgress,
  createExpert,
  isRefused,
  touchedRows,
  visibleKeys,
  type TActor,
  type TAttempt,
} from '../support/rls-factories';

// Issue #9: one row-level security test per table in schema `public`. For each table, user A (a learner, an expert
// or an admin, as the table needs) and the public (`anon`) run SQL the way Supabase's API would: another user's
// rows are invisible, every write to another owner's rows or to a column the platform keeps is refused (42501, or
// a row filter that leaves nothing to touch), and the writes the app makes for A still work. Every statement is
// rolled back, so cases never see each other's writes. A table missing from CASES (or SERVICE_ONLY) fails the
// first test: a new table joins this file with its rules. Tables' rules: docs/security.md, "RLS per table".

let t: TTestDb;

type TWorld = Awaited<ReturnType<typeof buildWorld>>;
let w: TWorld;

async function buildWorld(db: TTestDb['db']) {
  const [learnerA, learnerB, admin] = [
    await createUser(db, { role: 'learner' }),
    await createUser(db, { role: 'learner' }),
    await createUser(db, { role: 'admin' }),
  ];
  const expertA = await createExpert(db, { status: 'approved' });
  const expertB = await createExpert(db, { status: 'approved' });
  const hiddenExpert = await createExpert(db, { status: 'approved', hidden: true });
  const draftExpert = await createExpert(db, { status: 'draft' });

  const accountA = await createAccountRows(db, learnerA);
  const accountB = await createAccountRows(db, learnerB);
  const curriculumA = await createCurriculumWithProgress(db, learnerA.id);
  const curriculumB = await createCurriculumWithProgress(db, learnerB.id);

  const availabilityA = await createAvailability(db, expertA.profileId);
  const availabilityB = await createAvailability(db, expertB.profileId);
  const availabilityHidden = await createAvailability(db, hiddenExpert.profileId);
  const availabilityDraft = await createAvailability(db, draftExpert.profileId);

  // A's booking (learner A with expert A), B's (learner B with expert B; its review is published, so public), and a
  // second booking of expert B with no note yet (the one expert A must not write a note for).
  const bookingA = await createBookingWithHistory(db, expertA.profileId, learnerA.id, { endedHoursAgo: 24, published: false });
  const bookingB = await createBookingWithHistory(db, expertB.profileId, learnerB.id, { endedHoursAgo: 24, published: true });
  const bookingBUnreviewed = await createBookingWithHistory(db, expertB.profileId, learnerB.id, { endedHoursAgo: 48, published: false });
  const bookingBNoNote = await createBooking(db, expertB.profileId, learnerB.id, { status: 'completed', endedHoursAgo: 72 });

  const q = async (sql: string, params: unknown[]) => (await db.query<{ id: string }>(sql, params)).rows[0].id;
  const doc = (expert: { profileId: string; user: TSessionUser }) =>
    q(
      `insert into public.expert_documents (expert_id, owner_id, kind, storage_key, filename, content_type, size_bytes)
       values ($1, $2, 'credential', gen_random_uuid()::text, 'diploma.pdf', 'application/pdf', 100) returning id`,
      [expert.profileId, expert.user.id],
    );
  const change = (profileId: string) =>
    q(`insert into public.expert_profile_changes (expert_id, proposed) values ($1, '{}') returning id`, [profileId]);
  const sanction = (profileId: string) =>
    q(
      `insert into public.expert_sanctions (expert_id, level, reason, strikes, appeal, appealed_at, appeal_status) values ($1, 'warning', 'no-show', 1, 'I was ill', now(), 'pending') returning id`,
      [profileId],
    );
  for (const p of [expertA.profileId, expertB.profileId])
    await db.query('insert into public.expert_verifications (expert_id) values ($1)', [p]);
  const auditId = await q(
    `insert into public.audit_log (actor_id, action, subject_type, subject_id) values ($1, 'expert.approve', 'expert_profile', $2) returning id`,
    [admin.id, expertB.profileId],
  );
  // A stored recording of A's and of B's booking, each with both participants' consents (lib/video/recordings.ts).
  const recording = async (bookingId: string, learnerId: string, expertUserId: string) => {
    const id = await q(
      `insert into public.recordings (booking_id, requested_by, status, started_at, storage_key, ready_at, delete_after)
       values ($1, $2, 'ready', now(), $3, now(), now() + interval '30 days') returning id`,
      [bookingId, learnerId, `recordings/${bookingId}/${randomUUID()}.webm`],
    );
    const consent = await q(
      `insert into public.recording_consents (booking_id, recording_id, user_id, role, granted) values ($1, $2, $3, 'learner', true) returning id`,
      [bookingId, id, learnerId],
    );
    await db.query(
      `insert into public.recording_consents (booking_id, recording_id, user_id, role, granted) values ($1, $2, $3, 'expert', true)`,
      [bookingId, id, expertUserId],
    );
    await db.query(`insert into public.recording_parts (recording_id, idx, bytes) values ($1, 0, '\\x1a45dfa3')`, [id]);
    await db.query(`insert into public.video_attendance (booking_id, user_id, role) values ($1, $2, 'learner')`, [bookingId, learnerId]);
    return { id, consent };
  };
  for (const [p, acct] of [
    [expertA.profileId, 'acct_rls_a'],
    [expertB.profileId, 'acct_rls_b'],
  ])
    await db.query(`insert into public.payout_accounts (expert_id, stripe_account_id, country) values ($1, $2, 'US')`, [p, acct]);
  const paypalPayout = async (expert: { profileId: string }, learnerId: string) => {
    const booking = await createBooking(db, expert.profileId, learnerId, { status: 'completed' });
    const payment = await q(
      `insert into public.payments (booking_id, learner_id, expert_id, mode, status, amount_minor, commission_minor, currency, transfer_group)
       values ($1, $2, $3, 'simulated', 'paid', 5000, 750, 'USD', $4) returning id`,
      [booking.id, learnerId, expert.profileId, `booking_${booking.id}`],
    );
    return q(
      `insert into public.paypal_payouts (payment_id, expert_id, sender_batch_id, receiver, amount_minor, currency)
       values ($1, $2, $3, 'payee@example.test', 4250, 'USD') returning id`,
      [payment, expert.profileId, `pathwise-${payment}`],
    );
  };
  const paypalA = await paypalPayout(expertA, learnerA.id);
  const paypalB = await paypalPayout(expertB, learnerB.id);
  await db.query(`insert into public.jobs (name) values ('rls-test')`);
  const calendar = (expert: { profileId: string; user: TSessionUser }) =>
    q(
      `insert into public.calendar_connections (user_id, expert_id, provider, account_id, account_email, tokens_enc, key_id, scopes, busy_calendar_ids, target_calendar_id)
       values ($1, $2, 'google', gen_random_uuid()::text, 'x@example.test', 'k1.sealed', 'k1', '{}', '{primary}', 'primary') returning id`,
      [expert.user.id, expert.profileId],
    );
  const calendarA = await calendar(expertA);
  const calendarB = await calendar(expertB);
  await db.query(
    `insert into public.calendar_event_links (booking_id, connection_id, calendar_id, external_event_id) values ($1, $2, 'primary', 'ev1')`,
    [bookingA.id, calendarA],
  );
  await db.query(`insert into public.calendar_conference_requests (booking_id, kind) values ($1, 'google_meet')`, [bookingA.id]);
  // Payments (issue #12): one paid booking each for A and B, with its ledger rows, and one stored webhook event.
  const pay = (bookingId: string, learnerId: string, expertId: string) =>
    q(
      `insert into public.payments (booking_id, learner_id, expert_id, mode, status, amount_minor, commission_minor, currency, transfer_group, charge_id)
       values ($1, $2, $3, 'simulated', 'paid', 5000, 750, 'USD', $4, $5) returning id`,
      [bookingId, learnerId, expertId, `booking_${bookingId}`, `sim_ch_${bookingId}`],
    );
  const paymentA = await pay(bookingA.id, learnerA.id, expertA.profileId);
  const paymentB = await pay(bookingB.id, learnerB.id, expertB.profileId);
  const ledger = async (paymentId: string, bookingId: string, expertId: string) =>
    (
      await db.query<{ id: string }>(
        `insert into public.ledger_entries (txn_id, booking_id, payment_id, expert_id, account, amount_minor, currency, kind, source_ref)
         values (gen_random_uuid(), $1, $2, $3, 'platform_cash', 5000, 'USD', 'charge', $4),
                (gen_random_uuid(), $1, $2, $3, 'expert_payable', -5000, 'USD', 'charge', $4) returning id::text as id`,
        [bookingId, paymentId, expertId, `sim_ch_${paymentId}`],
      )
    ).rows.map((r) => r.id);
  const ledgerA = await ledger(paymentA, bookingA.id, expertA.profileId);
  const ledgerB = await ledger(paymentB, bookingB.id, expertB.profileId);
  await db.query(
    `insert into public.payment_events (id, provider, type, payload, processed_at) values ('evt_rls_1', 'stripe', 'checkout.session.completed', '{}', now())`,
  );
  await db.query(`insert into public.job_schedules (name, every_seconds) values ('rls-test', 60)`);
  await db.query(
    `insert into public.notification_preferences (user_id, event, channel, enabled) values ($1, 'booking.confirmed', 'email', false)`,
    [learnerA.id],
  );
  await db.query(`insert into public.user_phones (user_id, e164, verified_at, sms_opt_in) values ($1, '+14155550100', now(), true)`, [
    learnerA.id,
  ]);
  await db.query(
    `insert into public.phone_verifications (user_id, e164, via, code_hash, expires_at) values ($1, '+14155550100', 'local', 'x', now() + interval '10 minutes')`,
    [learnerA.id],
  );
  await db.query(`insert into public.video_attendance (booking_id, user_id, role) values ($1, $2, 'learner')`, [bookingA.id, learnerA.id]);

  // Packages (#12): an active and a retired package per expert (and one of the hidden expert), a purchase of
  // A's package by learner A and of B's by learner B, each with its booking paid by a credit.
  const pkg = (expertId: string, status: 'active' | 'retired') =>
    q(
      `insert into public.session_packages (expert_id, title, session_count, duration_minutes, discount_bp, per_session_minor, price_minor, currency, status)
       values ($1, 'Five', 5, 60, 1000, 5000, 22500, 'USD', $2) returning id`,
      [expertId, status],
    );
  const packages = {
    activeA: await pkg(expertA.profileId, 'active'),
    retiredA: await pkg(expertA.profileId, 'retired'),
    activeB: await pkg(expertB.profileId, 'active'),
    retiredB: await pkg(expertB.profileId, 'retired'),
    hidden: await pkg(hiddenExpert.profileId, 'active'),
  };
  const buy = async (packageId: string, expertId: string, learnerId: string, bookingId: string) => {
    const id = await q(
      `insert into public.package_purchases (package_id, expert_id, learner_id, title, session_count, duration_minutes, price_minor, commission_minor, currency, status, sessions_used, refund_window_days, paid_at)
       values ($1, $2, $3, 'Five', 5, 60, 22500, 3375, 'USD', 'active', 1, 180, now()) returning id`,
      [packageId, expertId, learnerId],
    );
    await db.query(`insert into public.package_sessions (booking_id, purchase_id) values ($1, $2)`, [bookingId, id]);
    return id;
  };
  const purchaseA = await buy(packages.activeA, expertA.profileId, learnerA.id, bookingA.id);
  const purchaseB = await buy(packages.activeB, expertB.profileId, learnerB.id, bookingB.id);

  return {
    learnerA,
    learnerB,
    admin,
    expertA,
    expertB,
    hiddenExpert,
    draftExpert,
    accountA,
    accountB,
    curriculumA,
    curriculumB,
    availabilityA,
    availabilityB,
    availabilityHidden,
    availabilityDraft,
    bookingA,
    bookingB,
    bookingBUnreviewed,
    bookingBNoNote,
    packages,
    purchaseA,
    purchaseB,
    auditId,
    calendarA,
    calendarB,
    docA: await doc(expertA),
    docB: await doc(expertB),
    docDraft: await doc(draftExpert),
    changeA: await change(expertA.profileId),
    changeB: await change(expertB.profileId),
    sanctionA: await sanction(expertA.profileId),
    sanctionB: await sanction(expertB.profileId),
    recA: await recording(bookingA.id, learnerA.id, expertA.user.id),
    recB: await recording(bookingB.id, learnerB.id, expertB.user.id),
    feedA: await q(`insert into public.ics_feed_tokens (user_id, token_hash) values ($1, 'hash-a') returning id`, [learnerA.id]),
    feedB: await q(`insert into public.ics_feed_tokens (user_id, token_hash) values ($1, 'hash-b') returning id`, [learnerB.id]),
    paypalA,
    paypalB,
    paymentA,
    paymentB,
    ledgerA,
    ledgerB,
  };
}

/** One statement and who runs it (user A of the case unless `as` says otherwise). */
type TStatement = { name: string; sql: string; params?: () => unknown[]; as?: () => TActor };

type TTableCase = {
  /** User A for this table; B is the same kind of user. */
  actor: () => TSessionUser;
  /** A SQL expression naming one row. */
  key: string;
  /** A column A may update on their own rows (so touching B's rows is refused by the row policy, not a grant). */
  touch: string;
  /** Other users' private rows: neither A nor the public reads them. */
  others: () => string[];
  /** A's own rows: A reads them, the public does not (unless they are also in `public`). */
  own?: () => string[];
  /** Rows everyone reads, signed in or not. */
  public?: () => string[];
  /** Statements A must be refused: other owners' rows, columns and states the platform keeps. */
  refused: TStatement[];
  /** What the app does for A (or an admin) still works: at least one row written or read. */
  allowed: TStatement[];
};

/** Tables only the server's privileged connection touches: RLS on, nothing granted to anon or authenticated. */
const SERVICE_ONLY: Record<string, string> = {
  password_reset_tokens: 'reset links (lib/auth/password-reset.ts), hashed; read and written by the service only',
  jobs: 'the job queue (lib/jobs)',
  job_schedules: 'recurring jobs (lib/jobs)',
  recording_parts: 'parts of a recording being uploaded, joined into lib/storage then deleted (lib/video/recordings.ts)',
  schema_migrations: 'created by lib/db/migrate.ts; RLS from 20261128000100_rls_tables.sql',
  calendar_event_links: 'the events Pathwise wrote into connected calendars (lib/calendar/event-sync.ts); jobs only',
  calendar_conference_requests: 'video code asking for a Google Meet on a booking (lib/calendar/conference.ts); service only',
  notification_preferences: 'per-user channel choices (lib/notifications/preferences.ts), written for the signed-in user by the service',
  user_phones: 'phone numbers for SMS and their STOP state (lib/notifications/phone.ts, the Twilio webhook)',
  phone_verifications: 'hashed one-time codes and their rate limits (lib/notifications/phone.ts)',
  video_attendance: 'join and leave times in the video room, written by the signalling server (lib/video/attendance.ts)',
};

/**
 * Tables allowed to have row-level security disabled. Empty, and it should stay so: on Supabase every table in
 * `public` is granted to anon and authenticated by default, so a table without RLS is readable (and writable) by
 * anyone with the public API key. A table may be listed here only with no grant to anon or authenticated at all
 * (the test checks), and with a comment saying why RLS cannot be enabled on it.
 */
const RLS_DISABLED_ALLOWED: Record<string, string> = {};

const A = () => w.learnerA;
const EA = () => w.expertA.user;
const admin = () => w.admin;

const CASES: Record<string, TTableCase> = {
  users: {
    actor: A,
    key: 'id',
    touch: 'name',
    others: () => [w.learnerB.id, w.admin.id],
    own: () => [w.learnerA.id],
    refused: [
      { name: 'create an account', sql: `insert into public.users (email, name, password_hash) values ('x@example.test', 'X', 'h')` },
      { name: 'delete their own account row', sql: 'delete from public.users where id = $1', params: () => [w.learnerA.id] },
      { name: 'an admin reads password hashes', as: admin, sql: 'select password_hash from public.users' },
      {
        name: 'an admin renames another user',
        as: admin,
        sql: `update public.users set name = 'x' where id = $1`,
        params: () => [w.learnerB.id],
      },
    ],
    allowed: [
      { name: 'change their own name', sql: `update public.users set name = 'Ada' where id = $1`, params: () => [w.learnerA.id] },
      {
        name: 'an admin lists accounts',
        as: admin,
        sql: 'select id, email, name, role from public.users where id = $1',
        params: () => [w.learnerB.id],
      },
    ],
  },
  ics_feed_tokens: {
    actor: A,
    key: 'id',
    touch: 'id',
    others: () => [w.feedB],
    own: () => [w.feedA],
    refused: [
      { name: 'read their own token hash', sql: 'select token_hash from public.ics_feed_tokens where id = $1', params: () => [w.feedA] },
      {
        name: 'mint a feed token',
        sql: `insert into public.ics_feed_tokens (user_id, token_hash) values ($1, 'forged')`,
        params: () => [w.learnerA.id],
      },
      { name: 'un-revoke a token', sql: 'update public.ics_feed_tokens set revoked_at = null where id = $1', params: () => [w.feedA] },
      { name: "revoke another user's feed", sql: 'delete from public.ics_feed_tokens where id = $1', params: () => [w.feedB] },
    ],
    allowed: [
      {
        name: 'see the state of their own feed',
        sql: 'select id, created_at, revoked_at, last_used_at from public.ics_feed_tokens where id = $1',
        params: () => [w.feedA],
      },
    ],
  },
  sessions: {
    actor: A,
    key: 'id',
    touch: 'id',
    others: () => [w.accountB.sessionId],
    own: () => [w.accountA.sessionId],
    refused: [
      {
        name: 'mint a session',
        sql: `insert into public.sessions (id, user_id, expires_at) values ('forged', $1, now() + interval '1 year')`,
        params: () => [w.learnerA.id],
      },
      {
        name: 'extend their own session',
        sql: `update public.sessions set expires_at = now() + interval '10 years' where id = $1`,
        params: () => [w.accountA.sessionId],
      },
      {
        name: 'an admin signs another user out',
        as: admin,
        sql: 'delete from public.sessions where id = $1',
        params: () => [w.accountB.sessionId],
      },
    ],
    allowed: [
      { name: 'sign their own session out', sql: 'delete from public.sessions where id = $1', params: () => [w.accountA.sessionId] },
    ],
  },
  outbox_messages: {
    actor: A,
    key: 'id',
    touch: 'status',
    others: () => [w.accountB.outboxId, w.accountA.outboxId],
    own: () => [],
    refused: [
      {
        name: 'queue an email',
        sql: `insert into public.outbox_messages (channel, recipient, template, body) values ('email', 'v@example.test', 't', 'phish')`,
      },
      {
        name: 'an admin marks a message sent',
        as: admin,
        sql: `update public.outbox_messages set status = 'sent' where id = $1`,
        params: () => [w.accountB.outboxId],
      },
      {
        name: 'an admin deletes a message',
        as: admin,
        sql: 'delete from public.outbox_messages where id = $1',
        params: () => [w.accountB.outboxId],
      },
    ],
    allowed: [
      {
        name: 'an admin reads the outbox',
        as: admin,
        sql: 'select id, body from public.outbox_messages where id = $1',
        params: () => [w.accountB.outboxId],
      },
    ],
  },
  expert_profiles: {
    // Column rules for an owner's own profile: rls-columns.test.ts. Here: other experts' profiles and visibility.
    actor: EA,
    key: 'id',
    touch: 'bio',
    others: () => [w.hiddenExpert.profileId, w.draftExpert.profileId],
    own: () => [w.expertA.profileId],
    public: () => [w.expertA.profileId, w.expertB.profileId],
    refused: [
      {
        name: 'hide a competitor',
        sql: 'update public.expert_profiles set hidden = true where id = $1',
        params: () => [w.expertB.profileId],
      },
      {
        name: 'a second profile for another user',
        sql: `insert into public.expert_profiles (user_id, slug, display_name) values ($1, 'stolen-name', 'X')`,
        params: () => [w.learnerB.id],
      },
      { name: 'delete their own profile', sql: 'delete from public.expert_profiles where id = $1', params: () => [w.expertA.profileId] },
    ],
    allowed: [
      {
        name: 'a draft expert edits their bio',
        as: () => w.draftExpert.user,
        sql: `update public.expert_profiles set bio = 'New bio' where id = $1`,
        params: () => [w.draftExpert.profileId],
      },
    ],
  },
  expert_offerings: {
    actor: EA,
    key: 'id',
    touch: 'price_minor',
    others: () => [w.hiddenExpert.offeringId, w.draftExpert.offeringId],
    own: () => [w.expertA.offeringId],
    public: () => [w.expertA.offeringId, w.expertB.offeringId],
    refused: [
      {
        name: 'add an offering to another expert',
        sql: `insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 30, 1, 'USD')`,
        params: () => [w.expertB.profileId],
      },
      // Prices are public: once approved they change through review (20261126000200_profile_review.sql).
      {
        name: 'reprice their approved offering',
        sql: 'update public.expert_offerings set price_minor = 1 where id = $1',
        params: () => [w.expertA.offeringId],
      },
      {
        name: 'move their offering to another expert',
        as: () => w.draftExpert.user,
        sql: 'update public.expert_offerings set expert_id = $2 where id = $1',
        params: () => [w.draftExpert.offeringId, w.expertB.profileId],
      },
    ],
    allowed: [
      {
        name: 'a draft expert reprices',
        as: () => w.draftExpert.user,
        sql: 'update public.expert_offerings set price_minor = 4500 where id = $1',
        params: () => [w.draftExpert.offeringId],
      },
      {
        name: 'an admin applies an accepted price',
        as: admin,
        sql: 'update public.expert_offerings set price_minor = 4500 where id = $1',
        params: () => [w.expertA.offeringId],
      },
    ],
  },
  audit_log: {
    // Forged entries (expert.approve under one's own id): rls-columns.test.ts. Here: nobody reads or rewrites history.
    actor: EA,
    key: 'id',
    touch: 'reason',
    others: () => [w.auditId],
    refused: [
      {
        name: 'an admin rewrites an entry',
        as: admin,
        sql: `update public.audit_log set reason = 'edited' where id = $1`,
        params: () => [w.auditId],
      },
      { name: 'an admin deletes an entry', as: admin, sql: 'delete from public.audit_log where id = $1', params: () => [w.auditId] },
      {
        name: 'an admin writes under another admin’s id',
        as: admin,
        sql: `insert into public.audit_log (actor_id, action, subject_type, subject_id) values ($1, 'expert.hide', 'expert_profile', 'x')`,
        params: () => [w.learnerB.id],
      },
    ],
    allowed: [
      {
        name: 'an admin records their action',
        as: admin,
        sql: `insert into public.audit_log (actor_id, action, subject_type, subject_id) values ($1, 'expert.hide', 'expert_profile', $2)`,
        params: () => [w.admin.id, w.expertB.profileId],
      },
      { name: 'an admin reads the log', as: admin, sql: 'select id from public.audit_log where id = $1', params: () => [w.auditId] },
    ],
  },
  curricula: {
    actor: A,
    key: 'id',
    touch: 'plan',
    others: () => [w.curriculumB.id],
    own: () => [w.curriculumA.id],
    refused: [
      {
        name: 'a request in another learner’s name',
        sql: `insert into public.curricula (user_id, request, budget_minutes, weeks) values ($1, '{}', 60, 1)`,
        params: () => [w.learnerB.id],
      },
      // The daily AI limits count curricula and their tokens (lib/curriculum/reserve-ai-call.ts): a learner who could
      // zero them, backdate them or delete them would have no limit.
      {
        name: 'zero their tokens_used',
        sql: 'update public.curricula set tokens_used = 0 where id = $1',
        params: () => [w.curriculumA.id],
      },
      { name: 'reset their attempts', sql: 'update public.curricula set attempts = 0 where id = $1', params: () => [w.curriculumA.id] },
      {
        name: 'backdate a curriculum',
        sql: `update public.curricula set created_at = now() - interval '2 days' where id = $1`,
        params: () => [w.curriculumA.id],
      },
      {
        name: 'reset its status to be generated again',
        sql: `update public.curricula set status = 'queued' where id = $1`,
        params: () => [w.curriculumA.id],
      },
      { name: 'delete a curriculum (and its count)', sql: 'delete from public.curricula where id = $1', params: () => [w.curriculumA.id] },
      {
        name: 'insert a backdated request',
        sql: `insert into public.curricula (user_id, request, budget_minutes, weeks, created_at) values ($1, '{}', 60, 1, now() - interval '2 days')`,
        params: () => [w.learnerA.id],
      },
      {
        name: 'insert a request with tokens already spent elsewhere',
        sql: `insert into public.curricula (user_id, request, budget_minutes, weeks, status, plan) values ($1, '{}', 60, 1, 'ready', '{}')`,
        params: () => [w.learnerA.id],
      },
    ],
    allowed: [
      {
        name: 'save a request (createCurriculumRequest)',
        sql: `insert into public.curricula (user_id, request, status, provider, budget_minutes, weeks, expected_modules) values ($1, '{}', 'queued', 'offline', 60, 1, 1)`,
        params: () => [w.learnerA.id],
      },
      {
        name: 'save a changed plan (change-curriculum.ts)',
        sql: `update public.curricula set plan = '{"title":"x"}', weeks = weeks + 1, budget_minutes = budget_minutes + 60 where id = $1 and user_id = $2`,
        params: () => [w.curriculumA.id, w.learnerA.id],
      },
    ],
  },
  lesson_progress: {
    actor: A,
    key: `curriculum_id || '/' || lesson_id`,
    touch: 'notes',
    others: () => [`${w.curriculumB.id}/l1`],
    own: () => [`${w.curriculumA.id}/l1`],
    refused: [
      {
        name: 'progress on another learner’s curriculum',
        sql: `insert into public.lesson_progress (curriculum_id, lesson_id, user_id) values ($1, 'l9', $2)`,
        params: () => [w.curriculumB.id, w.learnerA.id],
      },
      {
        name: 'give their row to another learner',
        sql: `update public.lesson_progress set user_id = $2 where curriculum_id = $1`,
        params: () => [w.curriculumA.id, w.learnerB.id],
      },
      { name: 'delete progress', sql: 'delete from public.lesson_progress where curriculum_id = $1', params: () => [w.curriculumA.id] },
    ],
    allowed: [
      {
        name: 'start a lesson',
        sql: `insert into public.lesson_progress (curriculum_id, lesson_id, user_id) values ($1, 'l2', $2)`,
        params: () => [w.curriculumA.id, w.learnerA.id],
      },
      {
        name: 'mark a lesson done',
        sql: `update public.lesson_progress set status = 'done', minutes_spent = minutes_spent + 5, completed_at = now() where curriculum_id = $1 and lesson_id = 'l1'`,
        params: () => [w.curriculumA.id],
      },
    ],
  },
  learning_activity: {
    actor: A,
    key: 'id',
    touch: 'id',
    others: () => [w.curriculumB.activityId],
    own: () => [w.curriculumA.activityId],
    refused: [
      {
        name: 'log time on another learner’s curriculum',
        sql: `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key) values ($1, $2, 'l1', 'minutes', 5, 'k-x')`,
        params: () => [w.learnerA.id, w.curriculumB.id],
      },
      {
        name: 'rewrite logged minutes',
        sql: 'update public.learning_activity set minutes = 600 where id = $1',
        params: () => [w.curriculumA.activityId],
      },
      { name: 'delete logged time', sql: 'delete from public.learning_activity where id = $1', params: () => [w.curriculumA.activityId] },
    ],
    allowed: [
      {
        name: 'log time',
        sql: `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key) values ($1, $2, 'l1', 'minutes', 5, 'k-own')`,
        params: () => [w.learnerA.id, w.curriculumA.id],
      },
    ],
  },
  checkpoint_scores: {
    actor: A,
    key: `curriculum_id || '/' || module_id`,
    touch: 'best_score',
    others: () => [`${w.curriculumB.id}/m1`],
    own: () => [`${w.curriculumA.id}/m1`],
    refused: [
      {
        name: 'score on another learner’s curriculum',
        sql: `insert into public.checkpoint_scores (curriculum_id, module_id, user_id, best_score, total) values ($1, 'm9', $2, 5, 5)`,
        params: () => [w.curriculumB.id, w.learnerA.id],
      },
      { name: 'delete a score', sql: 'delete from public.checkpoint_scores where curriculum_id = $1', params: () => [w.curriculumA.id] },
    ],
    allowed: [
      {
        name: 'record a better score',
        sql: `update public.checkpoint_scores set best_score = 4, attempts = attempts + 1 where curriculum_id = $1 and module_id = 'm1'`,
        params: () => [w.curriculumA.id],
      },
    ],
  },
  quiz_answers: {
    actor: A,
    key: 'id',
    touch: 'id',
    others: () => [w.curriculumB.quizAnswerId],
    own: () => [w.curriculumA.quizAnswerId],
    refused: [
      {
        name: 'answer on another learner’s curriculum',
        sql: `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, correct, source) values ($1, $2, 'm1', 'm1/q1', true, 'review')`,
        params: () => [w.learnerA.id, w.curriculumB.id],
      },
      {
        name: 'answer in another learner’s name',
        sql: `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, correct, source) values ($1, $2, 'm1', 'm1/q1', true, 'review')`,
        params: () => [w.learnerB.id, w.curriculumA.id],
      },
      {
        name: 'backdate an answer (to make a review due)',
        sql: `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, correct, source, answered_at) values ($1, $2, 'm1', 'm1/q1', true, 'review', now() - interval '2 days')`,
        params: () => [w.learnerA.id, w.curriculumA.id],
      },
      {
        name: 'turn a wrong answer right',
        sql: 'update public.quiz_answers set correct = true where id = $1',
        params: () => [w.curriculumA.quizAnswerId],
      },
      { name: 'delete an answer', sql: 'delete from public.quiz_answers where id = $1', params: () => [w.curriculumA.quizAnswerId] },
    ],
    allowed: [
      {
        name: 'record an answer',
        sql: `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, objective, correct, source) values ($1, $2, 'm1', 'm1/q1', 'Explain joins', true, 'review')`,
        params: () => [w.learnerA.id, w.curriculumA.id],
      },
    ],
  },
  realtime_events: {
    actor: A,
    key: `user_id || '/' || seq`,
    touch: 'seq',
    others: () => [`${w.learnerB.id}/1`],
    own: () => [`${w.learnerA.id}/1`],
    refused: [
      {
        name: 'publish an event to another user',
        sql: `insert into public.realtime_events (user_id, seq, type, payload) values ($1, 2, 'x', '{}')`,
        params: () => [w.learnerB.id],
      },
      {
        name: 'publish an event to themselves',
        sql: `insert into public.realtime_events (user_id, seq, type, payload) values ($1, 2, 'x', '{}')`,
        params: () => [w.learnerA.id],
      },
      { name: 'delete their events', sql: 'delete from public.realtime_events where user_id = $1', params: () => [w.learnerA.id] },
    ],
    allowed: [
      {
        name: 'catch up on their own events (listEventsAfter)',
        sql: 'select seq, type, payload from public.realtime_events where user_id = $1 and seq > 0',
        params: () => [w.learnerA.id],
      },
    ],
  },
  realtime_counters: {
    actor: A,
    key: 'user_id',
    touch: 'seq',
    others: () => [w.learnerB.id],
    own: () => [w.learnerA.id],
    refused: [
      {
        name: 'rewind their counter',
        sql: 'update public.realtime_counters set seq = 0 where user_id = $1',
        params: () => [w.learnerA.id],
      },
    ],
    allowed: [
      { name: 'read their counter', sql: 'select seq from public.realtime_counters where user_id = $1', params: () => [w.learnerA.id] },
    ],
  },
  ai_calls: {
    actor: A,
    key: 'id',
    touch: 'tokens',
    others: () => [w.curriculumB.aiCallId],
    own: () => [w.curriculumA.aiCallId],
    refused: [
      {
        name: 'a call on another learner’s curriculum',
        sql: `insert into public.ai_calls (user_id, curriculum_id, kind) values ($1, $2, 'extend')`,
        params: () => [w.learnerA.id, w.curriculumB.id],
      },
      // Each call counts against the daily limits: it cannot be shrunk, backdated, moved or taken back.
      { name: 'zero a call’s tokens', sql: 'update public.ai_calls set tokens = 0 where id = $1', params: () => [w.curriculumA.aiCallId] },
      {
        name: 'backdate a call',
        sql: `update public.ai_calls set created_at = now() - interval '2 days' where id = $1`,
        params: () => [w.curriculumA.aiCallId],
      },
      { name: 'delete a call', sql: 'delete from public.ai_calls where id = $1', params: () => [w.curriculumA.aiCallId] },
      {
        name: 'insert a backdated call',
        sql: `insert into public.ai_calls (user_id, curriculum_id, kind, created_at) values ($1, $2, 'extend', now() - interval '2 days')`,
        params: () => [w.learnerA.id, w.curriculumA.id],
      },
    ],
    allowed: [
      {
        name: 'reserve a call (reserveAiCall)',
        sql: `insert into public.ai_calls (user_id, curriculum_id, kind) values ($1, $2, 'regenerate')`,
        params: () => [w.learnerA.id, w.curriculumA.id],
      },
      {
        name: 'record its tokens (recordAiTokens)',
        sql: 'update public.ai_calls set tokens = tokens + 300 where id = $1',
        params: () => [w.curriculumA.aiCallId],
      },
    ],
  },
  specialties: {
    actor: EA,
    key: 'slug',
    touch: 'label',
    others: () => [],
    public: () => ['sql', 'python'],
    refused: [
      { name: 'add a specialty', sql: `insert into public.specialties (slug, label) values ('self-promotion', 'Me')` },
      { name: 'rename one', sql: `update public.specialties set label = 'Hacked' where slug = 'sql'` },
      { name: 'delete one', sql: `delete from public.specialties where slug = 'sql'` },
    ],
    allowed: [{ name: 'an admin adds one', as: admin, sql: `insert into public.specialties (slug, label) values ('rust', 'Rust')` }],
  },
  expert_documents: {
    actor: EA,
    key: 'id',
    touch: 'filename',
    others: () => [w.docB, w.docDraft],
    own: () => [w.docA],
    refused: [
      {
        name: 'file a document under another expert',
        sql: `insert into public.expert_documents (expert_id, owner_id, kind, storage_key, filename, content_type, size_bytes) values ($1, $2, 'credential', 'k-1', 'x.pdf', 'application/pdf', 1)`,
        params: () => [w.expertB.profileId, w.expertA.user.id],
      },
      {
        name: 'file a document in another owner’s name',
        sql: `insert into public.expert_documents (expert_id, owner_id, kind, storage_key, filename, content_type, size_bytes) values ($1, $2, 'credential', 'k-2', 'x.pdf', 'application/pdf', 1)`,
        params: () => [w.expertA.profileId, w.expertB.user.id],
      },
      { name: 'remove a credential after approval', sql: 'delete from public.expert_documents where id = $1', params: () => [w.docA] },
      {
        name: 'point their document at another file',
        sql: `update public.expert_documents set storage_key = 'other' where id = $1`,
        params: () => [w.docA],
      },
    ],
    allowed: [
      {
        name: 'a draft expert removes a document',
        as: () => w.draftExpert.user,
        sql: 'delete from public.expert_documents where id = $1',
        params: () => [w.docDraft],
      },
      { name: 'an admin reads documents', as: admin, sql: 'select id from public.expert_documents where id = $1', params: () => [w.docB] },
    ],
  },
  expert_verifications: {
    actor: EA,
    key: 'expert_id',
    touch: 'identity_verified',
    others: () => [w.expertA.profileId, w.expertB.profileId],
    own: () => [],
    refused: [
      {
        name: 'verify themselves',
        sql: 'update public.expert_verifications set identity_verified = true, credentials_verified = true where expert_id = $1',
        params: () => [w.expertA.profileId],
      },
      {
        name: 'insert their own checklist',
        as: () => w.draftExpert.user,
        sql: `insert into public.expert_verifications (expert_id, identity_verified) values ($1, true)`,
        params: () => [w.draftExpert.profileId],
      },
    ],
    allowed: [
      {
        name: 'an admin ticks the checklist',
        as: admin,
        sql: 'update public.expert_verifications set identity_verified = true where expert_id = $1',
        params: () => [w.expertA.profileId],
      },
    ],
  },
  notifications: {
    actor: A,
    key: 'id',
    touch: 'read_at',
    others: () => [w.accountB.notificationId],
    own: () => [w.accountA.notificationId],
    refused: [
      {
        name: 'notify another user',
        sql: `insert into public.notifications (user_id, kind, title, link) values ($1, 'x', 'Your account is locked', 'https://evil.example')`,
        params: () => [w.learnerB.id],
      },
      {
        name: 'write themselves a notification with a link',
        sql: `insert into public.notifications (user_id, kind, title, link) values ($1, 'x', 'Verify your card', 'https://evil.example')`,
        params: () => [w.learnerA.id],
      },
      {
        name: 'rewrite a notification',
        sql: `update public.notifications set title = 'Edited', link = 'https://evil.example' where id = $1`,
        params: () => [w.accountA.notificationId],
      },
      {
        name: 'hand a notification to another user',
        sql: 'update public.notifications set user_id = $2 where id = $1',
        params: () => [w.accountA.notificationId, w.learnerB.id],
      },
    ],
    allowed: [
      {
        name: 'mark one read',
        sql: 'update public.notifications set read_at = now() where id = $1',
        params: () => [w.accountA.notificationId],
      },
      {
        name: 'an admin notifies a user',
        as: admin,
        sql: `insert into public.notifications (user_id, kind, title) values ($1, 'x', 'Hello')`,
        params: () => [w.learnerB.id],
      },
    ],
  },
  consents: {
    actor: A,
    key: 'id',
    touch: 'version',
    others: () => [w.accountB.consentId],
    own: () => [w.accountA.consentId],
    refused: [
      {
        name: 'record a consent for another user',
        sql: `insert into public.consents (user_id, kind, version, granted, source) values ($1, 'marketing_email', 'v', true, 'settings')`,
        params: () => [w.learnerB.id],
      },
      {
        name: 'backdate a consent as given at sign-up',
        sql: `insert into public.consents (user_id, kind, version, granted, source) values ($1, 'terms', 'v', true, 'sign-up')`,
        params: () => [w.learnerA.id],
      },
      {
        name: 'rewrite their own history',
        sql: `update public.consents set granted = false where id = $1`,
        params: () => [w.accountA.consentId],
      },
      { name: 'erase their own history', sql: 'delete from public.consents where id = $1', params: () => [w.accountA.consentId] },
    ],
    allowed: [
      {
        name: 'record a new choice',
        sql: `insert into public.consents (user_id, kind, version, granted, source) values ($1, 'marketing_email', 'v', false, 'settings')`,
        params: () => [w.learnerA.id],
      },
      {
        name: "an admin reads anyone's history",
        as: admin,
        sql: 'select id from public.consents where id = $1',
        params: () => [w.accountB.consentId],
      },
    ],
  },
  expert_profile_changes: {
    actor: EA,
    key: 'id',
    touch: 'proposed',
    others: () => [w.changeB],
    own: () => [w.changeA],
    refused: [
      {
        name: 'accept their own change',
        sql: `update public.expert_profile_changes set status = 'accepted' where id = $1`,
        params: () => [w.changeA],
      },
      {
        name: 'sign a decision',
        sql: 'update public.expert_profile_changes set decided_by = $2 where id = $1',
        params: () => [w.changeA, w.admin.id],
      },
      {
        name: 'propose for another expert',
        sql: `insert into public.expert_profile_changes (expert_id, proposed) values ($1, '{}')`,
        params: () => [w.hiddenExpert.profileId],
      },
    ],
    allowed: [
      {
        name: 'save their proposal',
        sql: `update public.expert_profile_changes set proposed = '{"profile":{}}', revision = revision + 1 where id = $1`,
        params: () => [w.changeA],
      },
      {
        name: 'an admin decides',
        as: admin,
        sql: `update public.expert_profile_changes set status = 'rejected', decided_by = $2, decided_at = now() where id = $1`,
        params: () => [w.changeB, w.admin.id],
      },
    ],
  },
  availability_settings: {
    actor: EA,
    key: 'expert_id',
    touch: 'buffer_before_minutes',
    // Availability is as public as the profile (20261128000100_rls_tables.sql): a hidden or draft expert's is not.
    others: () => [w.hiddenExpert.profileId, w.draftExpert.profileId],
    own: () => [w.expertA.profileId],
    public: () => [w.expertA.profileId, w.expertB.profileId],
    refused: [
      {
        name: 'settings for another expert',
        sql: 'insert into public.availability_settings (expert_id, buffer_after_minutes) values ($1, 30)',
        params: () => [w.expertB.profileId],
      },
      {
        name: 'move their settings to another expert',
        sql: 'update public.availability_settings set expert_id = $2 where expert_id = $1',
        params: () => [w.expertA.profileId, w.hiddenExpert.profileId],
      },
      {
        name: 'delete another expert’s settings',
        sql: 'delete from public.availability_settings where expert_id = $1',
        params: () => [w.expertB.profileId],
      },
    ],
    allowed: [
      {
        name: 'change their buffers',
        sql: 'update public.availability_settings set buffer_before_minutes = 15 where expert_id = $1',
        params: () => [w.expertA.profileId],
      },
    ],
  },
  availability_rules: {
    actor: EA,
    key: 'id',
    touch: 'end_minute',
    others: () => [w.availabilityHidden.ruleId, w.availabilityDraft.ruleId],
    own: () => [w.availabilityA.ruleId],
    public: () => [w.availabilityA.ruleId, w.availabilityB.ruleId],
    refused: [
      {
        name: 'hours for another expert',
        sql: 'insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, 2, 0, 60)',
        params: () => [w.expertB.profileId],
      },
      {
        name: 'delete another expert’s hours',
        sql: 'delete from public.availability_rules where id = $1',
        params: () => [w.availabilityB.ruleId],
      },
    ],
    allowed: [
      {
        name: 'add hours',
        sql: 'insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, 2, 540, 600)',
        params: () => [w.expertA.profileId],
      },
    ],
  },
  availability_overrides: {
    actor: EA,
    key: 'id',
    touch: 'date',
    others: () => [w.availabilityHidden.overrideId, w.availabilityDraft.overrideId],
    own: () => [w.availabilityA.overrideId],
    public: () => [w.availabilityA.overrideId, w.availabilityB.overrideId],
    refused: [
      {
        name: 'a day off for another expert',
        sql: 'insert into public.availability_overrides (expert_id, date) values ($1, current_date + 3)',
        params: () => [w.expertB.profileId],
      },
      {
        name: 'delete another expert’s day off',
        sql: 'delete from public.availability_overrides where id = $1',
        params: () => [w.availabilityB.overrideId],
      },
    ],
    allowed: [
      {
        name: 'take a day off',
        sql: 'insert into public.availability_overrides (expert_id, date) values ($1, current_date + 3)',
        params: () => [w.expertA.profileId],
      },
    ],
  },
  busy_blocks: {
    actor: EA,
    key: 'id',
    touch: 'ends_at',
    others: () => [w.availabilityB.busyId, w.availabilityHidden.busyId],
    own: () => [w.availabilityA.busyId],
    refused: [
      {
        name: 'block another expert’s time',
        sql: `insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, now(), now() + interval '1 hour')`,
        params: () => [w.expertB.profileId],
      },
      {
        name: 'move their block to another expert',
        sql: 'update public.busy_blocks set expert_id = $2 where id = $1',
        params: () => [w.availabilityA.busyId, w.expertB.profileId],
      },
    ],
    allowed: [
      {
        name: 'block time',
        sql: `insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, now(), now() + interval '1 hour')`,
        params: () => [w.expertA.profileId],
      },
      {
        name: 'an admin reads blocks',
        as: admin,
        sql: 'select id from public.busy_blocks where id = $1',
        params: () => [w.availabilityB.busyId],
      },
    ],
  },
  calendar_connections: {
    actor: EA,
    key: 'id',
    touch: 'target_calendar_id',
    others: () => [w.calendarB],
    own: () => [w.calendarA],
    refused: [
      {
        name: 'read their own sealed tokens',
        sql: 'select tokens_enc from public.calendar_connections where id = $1',
        params: () => [w.calendarA],
      },
      {
        name: 'read the push channels and sync cursors',
        sql: 'select sync_state from public.calendar_connections where id = $1',
        params: () => [w.calendarA],
      },
      {
        name: 'insert a connection with tokens of their choosing',
        sql: `insert into public.calendar_connections (user_id, expert_id, provider, account_id, tokens_enc) values ($1, $2, 'google', 'x', 'forged')`,
        params: () => [w.expertA.user.id, w.expertA.profileId],
      },
      {
        name: 'mark a reconnect as told (which stops its blocks counting)',
        sql: 'update public.calendar_connections set expert_told_at = now() where id = $1',
        params: () => [w.calendarA],
      },
      {
        name: 'point another expert’s sessions at a calendar',
        sql: `update public.calendar_connections set target_calendar_id = 'evil' where id = $1`,
        params: () => [w.calendarB],
      },
    ],
    allowed: [
      {
        name: 'read their connection’s status and calendars',
        sql: 'select id, status, calendars, last_synced_at, last_sync_error from public.calendar_connections where id = $1',
        params: () => [w.calendarA],
      },
      {
        name: 'an admin reads a connection’s status',
        as: admin,
        sql: 'select id, status from public.calendar_connections where id = $1',
        params: () => [w.calendarB],
      },
    ],
  },
  bookings: {
    actor: A,
    key: 'id',
    touch: 'brief',
    others: () => [w.bookingB.id, w.bookingBNoNote.id],
    own: () => [w.bookingA.id],
    refused: [
      {
        name: 'book without paying',
        sql: `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, price_minor, currency, status, payment_status) values ($1, $2, now() + interval '3 days', now() + interval '3 days 1 hour', 60, 0, 'USD', 'confirmed', 'paid')`,
        params: () => [w.expertB.profileId, w.learnerA.id],
      },
      {
        name: 'refund themselves',
        sql: `update public.bookings set payment_status = 'refunded', refund_percent = 100 where id = $1`,
        params: () => [w.bookingA.id],
      },
      {
        name: 'the expert marks it completed',
        as: EA,
        sql: `update public.bookings set status = 'completed' where id = $1`,
        params: () => [w.bookingA.id],
      },
      {
        name: 'another expert reads it',
        as: () => w.expertB.user,
        sql: 'select id from public.bookings where id = $1',
        params: () => [w.bookingA.id],
      },
    ],
    allowed: [
      { name: 'its expert reads it', as: EA, sql: 'select id from public.bookings where id = $1', params: () => [w.bookingA.id] },
      { name: 'an admin reads it', as: admin, sql: 'select id from public.bookings where id = $1', params: () => [w.bookingB.id] },
    ],
  },
  booking_events: {
    actor: A,
    key: 'id',
    touch: 'kind',
    others: () => [w.bookingB.eventId],
    own: () => [w.bookingA.eventId],
    refused: [
      {
        name: 'forge history',
        sql: `insert into public.booking_events (booking_id, actor_id, kind) values ($1, $2, 'cancelled')`,
        params: () => [w.bookingA.id, w.learnerA.id],
      },
      { name: 'erase history', sql: 'delete from public.booking_events where id = $1', params: () => [w.bookingA.eventId] },
    ],
    allowed: [
      {
        name: 'its expert reads it',
        as: EA,
        sql: 'select id from public.booking_events where id = $1',
        params: () => [w.bookingA.eventId],
      },
    ],
  },
  booking_notes: {
    actor: EA,
    key: 'booking_id',
    touch: 'body',
    others: () => [w.bookingB.id, w.bookingBUnreviewed.id],
    own: () => [w.bookingA.id],
    refused: [
      {
        name: 'the learner reads the expert’s private note',
        as: A,
        sql: 'select body from public.booking_notes where booking_id = $1',
        params: () => [w.bookingA.id],
      },
      {
        name: 'an admin reads a private note',
        as: admin,
        sql: 'select body from public.booking_notes where booking_id = $1',
        params: () => [w.bookingA.id],
      },
      // The note's row is keyed by the booking: a note on another expert's booking would take its place.
      {
        name: 'a note on another expert’s booking',
        sql: `insert into public.booking_notes (booking_id, expert_id, body) values ($1, $2, 'squatting')`,
        params: () => [w.bookingBNoNote.id, w.expertA.profileId],
      },
      {
        name: 'move their note to another expert’s booking',
        sql: 'update public.booking_notes set booking_id = $2 where booking_id = $1',
        params: () => [w.bookingA.id, w.bookingBNoNote.id],
      },
    ],
    allowed: [
      {
        name: 'write their note',
        sql: `update public.booking_notes set body = 'prepared SQL joins' where booking_id = $1`,
        params: () => [w.bookingA.id],
      },
    ],
  },
  no_show_reports: {
    actor: A,
    key: 'id',
    touch: 'note',
    others: () => [w.bookingB.reportId],
    own: () => [w.bookingA.reportId],
    refused: [
      {
        name: 'report a no-show directly',
        sql: `insert into public.no_show_reports (booking_id, reporter_role, reporter_id, absent_role) values ($1, 'expert', $2, 'learner')`,
        params: () => [w.bookingA.id, w.learnerA.id],
      },
      { name: 'withdraw a report', sql: 'delete from public.no_show_reports where id = $1', params: () => [w.bookingA.reportId] },
    ],
    allowed: [
      {
        name: 'its expert reads it',
        as: EA,
        sql: 'select id from public.no_show_reports where id = $1',
        params: () => [w.bookingA.reportId],
      },
    ],
  },
  recordings: {
    actor: A,
    key: 'id',
    touch: 'status',
    others: () => [w.recB.id],
    own: () => [w.recA.id],
    refused: [
      {
        name: 'start a recording without the other side',
        sql: `insert into public.recordings (booking_id, requested_by, status, started_at) values ($1, $2, 'recording', now())`,
        params: () => [w.bookingA.id, w.learnerA.id],
      },
      {
        name: 'keep it past the retention',
        sql: "update public.recordings set delete_after = now() + interval '10 years' where id = $1",
        params: () => [w.recA.id],
      },
      {
        name: 'an admin reads it outside the audited path',
        as: () => w.admin,
        sql: 'select id from public.recordings where id = $1',
        params: () => [w.recA.id],
      },
    ],
    allowed: [{ name: 'its expert reads it', as: EA, sql: 'select id from public.recordings where id = $1', params: () => [w.recA.id] }],
  },
  recording_consents: {
    actor: A,
    key: 'id',
    touch: 'granted',
    others: () => [w.recB.consent],
    own: () => [w.recA.consent],
    refused: [
      {
        name: 'consent for the other side',
        sql: `insert into public.recording_consents (booking_id, recording_id, user_id, role, granted) values ($1, $2, $3, 'expert', true)`,
        params: () => [w.bookingA.id, w.recA.id, w.learnerA.id],
      },
      {
        name: 'rewrite an answer',
        sql: 'update public.recording_consents set granted = false where id = $1',
        params: () => [w.recA.consent],
      },
      { name: 'erase the evidence', sql: 'delete from public.recording_consents where id = $1', params: () => [w.recA.consent] },
    ],
    allowed: [
      {
        name: 'its expert reads it',
        as: EA,
        sql: 'select id from public.recording_consents where id = $1',
        params: () => [w.recA.consent],
      },
    ],
  },
  session_reviews: {
    actor: A,
    key: 'id',
    touch: 'body',
    // B's published review is public; B's unpublished one stays the author's (double-blind).
    others: () => [w.bookingBUnreviewed.reviewId],
    own: () => [w.bookingA.reviewId],
    public: () => [w.bookingB.reviewId],
    refused: [
      {
        name: 'publish their review early',
        sql: 'update public.session_reviews set published_at = now() where id = $1',
        params: () => [w.bookingA.reviewId],
      },
      {
        name: 'the expert reads it before publication',
        as: EA,
        sql: 'select id from public.session_reviews where id = $1',
        params: () => [w.bookingA.reviewId],
      },
      {
        name: 'the expert hides a bad review',
        as: () => w.expertB.user,
        sql: 'update public.session_reviews set hidden = true where id = $1',
        params: () => [w.bookingB.reviewId],
      },
      {
        name: 'a review of someone else’s session',
        sql: `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating) values ($1, $2, 'learner', $3, 1)`,
        params: () => [w.bookingBNoNote.id, w.expertB.profileId, w.learnerA.id],
      },
    ],
    allowed: [
      {
        name: 'the subject reads it once published',
        as: () => w.expertB.user,
        sql: 'select id from public.session_reviews where id = $1',
        params: () => [w.bookingB.reviewId],
      },
    ],
  },
  marketplace_policy: {
    actor: EA,
    key: 'id',
    touch: 'review_window_days',
    others: () => [],
    public: () => ['1'],
    refused: [
      { name: 'change the refund policy', sql: 'update public.marketplace_policy set late_cancel_refund_percent = 100' },
      { name: 'delete the policy', sql: 'delete from public.marketplace_policy' },
    ],
    allowed: [{ name: 'an admin changes it', as: admin, sql: 'update public.marketplace_policy set review_window_days = 10 where id = 1' }],
  },
  currency_rates: {
    actor: EA,
    key: 'currency',
    touch: 'per_usd',
    others: () => [],
    public: () => ['USD', 'EUR'],
    refused: [
      { name: 'change a rate', sql: `update public.currency_rates set per_usd = 0.01 where currency = 'EUR'` },
      { name: 'add a currency', sql: `insert into public.currency_rates (currency, per_usd) values ('XXX', 1)` },
      { name: 'delete a currency', as: admin, sql: `delete from public.currency_rates where currency = 'EUR'` },
    ],
    allowed: [
      {
        name: 'an admin updates a rate',
        as: admin,
        sql: `update public.currency_rates set per_usd = 0.93, updated_by = $1 where currency = 'EUR'`,
        params: () => [w.admin.id],
      },
    ],
  },
  session_packages: {
    actor: EA,
    key: 'id',
    touch: 'title',
    // Active packages of a listed expert are public; retired ones and a hidden expert's stay with their owner.
    others: () => [w.packages.retiredB, w.packages.hidden],
    own: () => [w.packages.retiredA, w.packages.activeA],
    public: () => [w.packages.activeA, w.packages.activeB],
    refused: [
      {
        name: 'price their own package',
        sql: 'update public.session_packages set price_minor = 1 where id = $1',
        params: () => [w.packages.activeA],
      },
      {
        name: 'create a package without the server’s price',
        sql: `insert into public.session_packages (expert_id, title, session_count, duration_minutes, discount_bp, per_session_minor, price_minor, currency) values ($1, 'x', 5, 60, 0, 1, 1, 'USD')`,
        params: () => [w.expertA.profileId],
      },
      { name: 'delete a sold package', sql: 'delete from public.session_packages where id = $1', params: () => [w.packages.activeA] },
    ],
    allowed: [
      {
        name: 'an admin reads a retired one',
        as: admin,
        sql: 'select id from public.session_packages where id = $1',
        params: () => [w.packages.retiredB],
      },
    ],
  },
  package_purchases: {
    actor: A,
    key: 'id',
    touch: 'title',
    others: () => [w.purchaseB],
    own: () => [w.purchaseA],
    refused: [
      {
        name: 'give themselves credits',
        sql: 'update public.package_purchases set sessions_used = 0, session_count = 50 where id = $1',
        params: () => [w.purchaseA],
      },
      {
        name: 'buy without paying',
        sql: `insert into public.package_purchases (package_id, expert_id, learner_id, title, session_count, duration_minutes, price_minor, commission_minor, currency, status, refund_window_days) values ($1, $2, $3, 'x', 5, 60, 0, 0, 'USD', 'active', 180)`,
        params: () => [w.packages.activeB, w.expertB.profileId, w.learnerA.id],
      },
      {
        name: 'another expert reads it',
        as: () => w.expertB.user,
        sql: 'select id from public.package_purchases where id = $1',
        params: () => [w.purchaseA],
      },
    ],
    allowed: [
      { name: 'its expert reads it', as: EA, sql: 'select id from public.package_purchases where id = $1', params: () => [w.purchaseA] },
      { name: 'an admin reads it', as: admin, sql: 'select id from public.package_purchases where id = $1', params: () => [w.purchaseB] },
    ],
  },
  package_sessions: {
    actor: A,
    key: 'booking_id',
    touch: 'state',
    others: () => [w.bookingB.id],
    own: () => [w.bookingA.id],
    refused: [
      {
        name: 'return a spent credit',
        sql: `update public.package_sessions set state = 'returned' where booking_id = $1`,
        params: () => [w.bookingA.id],
      },
      {
        name: 'attach a booking to a package',
        sql: 'insert into public.package_sessions (booking_id, purchase_id) values ($1, $2)',
        params: () => [w.bookingBNoNote.id, w.purchaseA],
      },
    ],
    allowed: [
      {
        name: 'its expert reads it',
        as: EA,
        sql: 'select booking_id from public.package_sessions where booking_id = $1',
        params: () => [w.bookingA.id],
      },
    ],
  },
  commission_rules: {
    // Shown to learners before paying; changed only through lib (the service connection).
    actor: EA,
    key: 'currency',
    touch: 'percent_bp',
    others: () => [],
    public: () => ['*'],
    refused: [
      { name: 'set the commission to zero', sql: `update public.commission_rules set percent_bp = 0` },
      { name: 'add a rule for their currency', sql: `insert into public.commission_rules (currency, percent_bp) values ('USD', 0)` },
      { name: 'an admin deletes the default rule', as: admin, sql: `delete from public.commission_rules where currency = '*'` },
    ],
    allowed: [{ name: 'anyone signed in reads the rules', sql: `select currency from public.commission_rules where currency = '*'` }],
  },
  payments: {
    actor: A,
    key: 'id',
    touch: 'status',
    others: () => [w.paymentB],
    own: () => [w.paymentA],
    refused: [
      {
        name: 'mark their payment refunded',
        sql: `update public.payments set status = 'refunded' where id = $1`,
        params: () => [w.paymentA],
      },
      {
        name: 'record a payment of their own',
        sql: `insert into public.payments (booking_id, learner_id, expert_id, mode, status, amount_minor, commission_minor, currency, transfer_group)
              values (null, $1, $2, 'simulated', 'paid', 1, 0, 'USD', 'x')`,
        params: () => [w.learnerA.id, w.expertA.profileId],
      },
      {
        name: 'the expert releases their own transfer',
        as: EA,
        sql: `update public.payments set transfer_status = 'due' where id = $1`,
        params: () => [w.paymentA],
      },
      { name: 'an admin deletes a payment', as: admin, sql: 'delete from public.payments where id = $1', params: () => [w.paymentB] },
    ],
    allowed: [
      { name: 'the learner reads their payment', sql: 'select id from public.payments where id = $1', params: () => [w.paymentA] },
      { name: 'the expert reads it too', as: EA, sql: 'select id from public.payments where id = $1', params: () => [w.paymentA] },
      { name: 'an admin reads any payment', as: admin, sql: 'select id from public.payments where id = $1', params: () => [w.paymentB] },
    ],
  },
  payment_events: {
    actor: A,
    key: 'id',
    touch: 'processed_at',
    others: () => ['evt_rls_1'],
    refused: [
      {
        name: 'forge a webhook event',
        sql: `insert into public.payment_events (id, provider, type, payload) values ('evt_forged', 'stripe', 'checkout.session.completed', '{}')`,
      },
      {
        name: 'an admin deletes an event (it would run again)',
        as: admin,
        sql: `delete from public.payment_events where id = 'evt_rls_1'`,
      },
    ],
    allowed: [{ name: 'an admin reads the events', as: admin, sql: `select id from public.payment_events where id = 'evt_rls_1'` }],
  },
  ledger_entries: {
    actor: EA,
    key: 'id',
    touch: 'memo',
    others: () => w.ledgerB,
    own: () => w.ledgerA,
    refused: [
      { name: 'change an amount', sql: 'update public.ledger_entries set amount_minor = 1 where id = $1', params: () => [w.ledgerA[0]] },
      {
        name: 'post an entry',
        sql: `insert into public.ledger_entries (txn_id, expert_id, account, amount_minor, currency, kind) values (gen_random_uuid(), $1, 'expert_payable', -1, 'USD', 'adjustment')`,
        params: () => [w.expertA.profileId],
      },
      {
        name: 'an admin deletes an entry',
        as: admin,
        sql: 'delete from public.ledger_entries where id = $1',
        params: () => [w.ledgerB[0]],
      },
    ],
    allowed: [
      { name: 'the expert reads their rows', sql: 'select id from public.ledger_entries where id = $1', params: () => [w.ledgerA[0]] },
      {
        name: 'an admin reads every row',
        as: admin,
        sql: 'select id from public.ledger_entries where id = $1',
        params: () => [w.ledgerB[0]],
      },
    ],
  },
  payout_accounts: {
    actor: EA,
    key: 'expert_id',
    touch: 'payouts_enabled',
    others: () => [w.expertB.profileId],
    own: () => [w.expertA.profileId],
    refused: [
      {
        name: 'enable their own payouts',
        sql: 'update public.payout_accounts set payouts_enabled = true where expert_id = $1',
        params: () => [w.expertA.profileId],
      },
      {
        name: 'point payouts at another Stripe account',
        sql: `update public.payout_accounts set stripe_account_id = 'acct_attacker' where expert_id = $1`,
        params: () => [w.expertA.profileId],
      },
      {
        name: 'create a payout account',
        sql: `insert into public.payout_accounts (expert_id, rail, paypal_email) values ($1, 'paypal', 'x@example.test')`,
        params: () => [w.hiddenExpert.profileId],
      },
      { name: 'a learner reads payout accounts', as: A, sql: 'select expert_id from public.payout_accounts' },
      {
        name: 'an admin changes an account',
        as: admin,
        sql: 'update public.payout_accounts set payouts_enabled = true where expert_id = $1',
        params: () => [w.expertB.profileId],
      },
    ],
    allowed: [
      {
        name: 'an admin reads them',
        as: admin,
        sql: 'select expert_id from public.payout_accounts where expert_id = $1',
        params: () => [w.expertB.profileId],
      },
    ],
  },
  paypal_payouts: {
    actor: EA,
    key: 'id',
    touch: 'status',
    others: () => [w.paypalB],
    own: () => [w.paypalA],
    refused: [
      {
        name: 'mark their payout succeeded',
        sql: `update public.paypal_payouts set status = 'succeeded' where id = $1`,
        params: () => [w.paypalA],
      },
      { name: 'delete a payout', sql: 'delete from public.paypal_payouts where id = $1', params: () => [w.paypalA] },
      { name: 'a learner reads payouts', as: A, sql: 'select id from public.paypal_payouts' },
    ],
    allowed: [
      { name: 'an admin reads them', as: admin, sql: 'select id from public.paypal_payouts where id = $1', params: () => [w.paypalB] },
    ],
  },
  expert_sanctions: {
    actor: EA,
    key: 'id',
    touch: 'appeal_status',
    others: () => [w.sanctionB],
    own: () => [w.sanctionA],
    refused: [
      {
        name: 'lift their own sanction',
        sql: `update public.expert_sanctions set appeal_status = 'lifted' where id = $1`,
        params: () => [w.sanctionA],
      },
      { name: 'delete their sanction', sql: 'delete from public.expert_sanctions where id = $1', params: () => [w.sanctionA] },
      {
        name: 'an admin rewrites the level',
        as: admin,
        sql: `update public.expert_sanctions set level = 'warning', reason = 'edited' where id = $1`,
        params: () => [w.sanctionB],
      },
      {
        name: 'an admin signs as another admin',
        as: admin,
        sql: `update public.expert_sanctions set appeal_status = 'lifted', decided_by = $2 where id = $1`,
        params: () => [w.sanctionB, w.learnerB.id],
      },
    ],
    allowed: [
      {
        name: 'an admin decides an appeal',
        as: admin,
        sql: `update public.expert_sanctions set appeal_status = 'lifted', decided_by = $2, decided_at = now() where id = $1`,
        params: () => [w.sanctionB, w.admin.id],
      },
    ],
  },
};

/** SQL: whether a role holds a privilege on a table or on any of its columns (column grants count). */
const HAS_PRIVILEGE = (role: string, table: string, privilege: string) =>
  `(case when ${privilege} in ('SELECT', 'INSERT', 'UPDATE') then has_any_column_privilege(${role}, ${table}, ${privilege})
         else has_table_privilege(${role}, ${table}, ${privilege}) end)`;

const describeAttempt = (a: TAttempt) => (a.ok ? `ok, ${touchedRows(a.result)} row(s)` : `error ${a.code}: ${a.message}`);
const intersect = (a: Set<string>, b: string[]) => b.filter((x) => a.has(x));

/**
 * Two databases: one as the migrations leave it, and one where every new table in `public` was granted to anon and
 * authenticated by default, as Supabase does (its `alter default privileges`). Row-level security must hold in both:
 * a table's rules may not rest on a grant a migration happened not to make.
 */
const SETUPS = [
  { name: 'as migrated', supabaseGrants: false },
  { name: 'with Supabase’s default grants', supabaseGrants: true },
];

describe.each(SETUPS)('$name', ({ supabaseGrants }) => {
  beforeAll(async () => {
    t = await createTestDb({ migrate: !supabaseGrants });
    if (supabaseGrants) {
      // Supabase has these roles before any migration; the foundation migration makes them elsewhere.
      for (const role of ['anon', 'authenticated', 'service_role']) {
        await t.db.exec(`do $$ begin create role ${role} nologin; exception when duplicate_object or unique_violation then null; end $$`);
      }
      await t.db.exec(`alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
                       alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
                       alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;`);
      await migrate(t.db);
    }
    w = await buildWorld(t.db);
  });
  afterAll(() => t.drop());

  describe('every table in schema public is covered', () => {
    it('has row-level security enabled and a case in this file', async () => {
      const { rows } = await t.db.query<{ name: string; kind: string; rls: boolean }>(
        `select c.relname as name, c.relkind::text as kind, c.relrowsecurity as rls
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') order by 1`,
      );
      const problems: string[] = [];
      for (const r of rows) {
        const known = r.name in CASES || r.name in SERVICE_ONLY;
        if (!known) problems.push(`${r.name}: no case in rls-tables.test.ts`);
        // Views and materialised views run with their owner's rights and bypass RLS: none may be exposed.
        if (r.kind !== 'r' && r.kind !== 'p') problems.push(`${r.name}: a ${r.kind === 'v' ? 'view' : 'non-table relation'} in public`);
        else if (!r.rls && !(r.name in RLS_DISABLED_ALLOWED)) problems.push(`${r.name}: row-level security is disabled`);
      }
      const names = new Set(rows.map((r) => r.name));
      for (const name of [...Object.keys(CASES), ...Object.keys(SERVICE_ONLY)])
        if (!names.has(name)) problems.push(`${name}: case for a table that does not exist`);
      expect(problems).toEqual([]);
      expect(rows.length).toBeGreaterThanOrEqual(30);
    });

    it.each(Object.keys(RLS_DISABLED_ALLOWED).map((n) => [n]))(
      '%s (RLS disabled) grants nothing to anon or authenticated',
      async (table) => {
        for (const who of ['anon', w.learnerA, w.admin] as TActor[])
          expect(await attempt(t.db, who, `select 1 from public.${table}`)).toMatchObject({ ok: false, code: '42501' });
      },
    );

    it('no policy lets the public (anon) write, and without default grants anon holds no write right at all', async () => {
      const policies = await t.db.query<{ name: string; policy: string }>(
        `select tablename as name, policyname as policy from pg_policies
          where schemaname = 'public' and cmd <> 'SELECT' and (roles && array['anon', 'public']::name[])`,
      );
      expect(policies.rows).toEqual([]);
      if (supabaseGrants) {
        // The setup is what it says: anon was granted tables it was never meant to write, and only RLS stops it.
        expect((await t.db.query(`select has_table_privilege('anon', 'public.bookings', 'INSERT') as granted`)).rows[0]).toEqual({
          granted: true,
        });
        return;
      }
      const { rows } = await t.db.query<{ name: string; privilege: string }>(
        `select c.relname as name, p.privilege
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          cross join (values ('INSERT'), ('UPDATE'), ('DELETE')) p(privilege)
          where n.nspname = 'public' and c.relkind in ('r', 'p') and ${HAS_PRIVILEGE("'anon'", 'c.oid', 'p.privilege')}`,
      );
      expect(rows).toEqual([]);
    });

    it('neither anon nor authenticated may truncate (which skips RLS), reference or add triggers to a table', async () => {
      const { rows } = await t.db.query<{ name: string; role: string; privilege: string }>(
        `select c.relname as name, r.role, p.privilege
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          cross join (values ('anon'), ('authenticated')) r(role)
          cross join (values ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) p(privilege)
          where n.nspname = 'public' and c.relkind in ('r', 'p') and ${HAS_PRIVILEGE('r.role', 'c.oid', 'p.privilege')}`,
      );
      expect(rows).toEqual([]);
    });
  });

  describe.each(Object.entries(SERVICE_ONLY))('%s: service only', (table) => {
    it('no policy opens it, and anon, a user and an admin read and delete nothing', async () => {
      expect(
        (await t.db.query('select policyname from pg_policies where schemaname = $1 and tablename = $2', ['public', table])).rows,
      ).toEqual([]);
      // Without default grants nothing is granted at all.
      const { rows } = await t.db.query<{ role: string; privilege: string }>(
        `select r.role, p.privilege from (values ('anon'), ('authenticated')) r(role)
          cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE')) p(privilege)
          where ${HAS_PRIVILEGE('r.role', "('public.' || $1)::regclass", 'p.privilege')}`,
        [table],
      );
      if (!supabaseGrants) expect(rows).toEqual([]);
      expect((await t.db.query(`select count(*)::int as n from public.${table}`)).rows[0]).not.toEqual({ n: 0 });
      for (const who of ['anon', w.learnerA, w.admin] as TActor[]) {
        for (const sql of [`select 1 from public.${table}`, `delete from public.${table}`]) {
          const a = await attempt(t.db, who, sql);
          expect(isRefused(a), `${sql}: ${describeAttempt(a)}`).toBe(true);
        }
      }
    });
  });

  describe.each(Object.entries(CASES))('%s', (table, c) => {
    it('A reads their own rows and public ones, never another user’s', async () => {
      const seen = await visibleKeys(t.db, c.actor(), table, c.key);
      expect(intersect(seen, c.others())).toEqual([]);
      const readable = [...new Set([...(c.own?.() ?? []), ...(c.public?.() ?? [])])].sort();
      expect(intersect(seen, readable).sort()).toEqual(readable);
    });

    it('the public (anon) reads only public rows', async () => {
      const seen = await visibleKeys(t.db, 'anon', table, c.key);
      const pub = c.public?.() ?? [];
      const privateOwn = (c.own?.() ?? []).filter((k) => !pub.includes(k));
      expect(intersect(seen, [...c.others(), ...privateOwn])).toEqual([]);
      expect(intersect(seen, pub).sort()).toEqual([...pub].sort());
    });

    it('A cannot update or delete another user’s rows', async () => {
      const targets = [...c.others(), ...(c.public?.() ?? []).filter((k) => !(c.own?.() ?? []).includes(k))];
      if (targets.length === 0) return;
      for (const who of [c.actor(), 'anon'] as TActor[]) {
        const upd = await attempt(t.db, who, `update public.${table} set ${c.touch} = ${c.touch} where (${c.key})::text = any($1)`, [
          targets,
        ]);
        expect(isRefused(upd), `update as ${who === 'anon' ? 'anon' : who.role}: ${describeAttempt(upd)}`).toBe(true);
        const del = await attempt(t.db, who, `delete from public.${table} where (${c.key})::text = any($1)`, [targets]);
        expect(isRefused(del), `delete as ${who === 'anon' ? 'anon' : who.role}: ${describeAttempt(del)}`).toBe(true);
      }
    });

    it.each(c.refused.map((s) => [s.name, s]))('refuses: %s', async (_name, s) => {
      const a = await attempt(t.db, s.as?.() ?? c.actor(), s.sql, s.params?.() ?? []);
      expect(isRefused(a), describeAttempt(a)).toBe(true);
    });

    it.each(c.allowed.map((s) => [s.name, s]))('allows: %s', async (_name, s) => {
      const a = await attempt(t.db, s.as?.() ?? c.actor(), s.sql, s.params?.() ?? []);
      expect(a.ok && touchedRows(a.result) > 0, describeAttempt(a)).toBe(true);
    });
  });
});
