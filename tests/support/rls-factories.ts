import { randomBytes } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb, TQueryable, TQueryResult } from '@/lib/db/types';
import { withUser } from '@/lib/db/with-user';
import { createBooking } from './booking-factories';
import { createExpertProfile, createUser } from './factories';

/** Who runs a statement: a signed-in user (role `authenticated` with their claims) or the public (`anon`). */
export type TActor = TSessionUser | 'anon';

/** What a statement did: its result, or the Postgres error code it was refused with. */
export type TAttempt =
  { ok: true; result: TQueryResult<Record<string, unknown>> } | { ok: false; code: string | undefined; message: string };

class Rollback extends Error {
  constructor(readonly result: TQueryResult<Record<string, unknown>>) {
    super('rollback');
  }
}

/** Runs fn as the public does through Supabase: role `anon`, no claims. */
export function asAnon<T>(db: TDb, fn: (tx: TQueryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("select set_config('request.jwt.claims', '', true)");
    await tx.exec('set local role anon');
    return fn(tx);
  });
}

export function asActor<T>(db: TDb, who: TActor, fn: (tx: TQueryable) => Promise<T>): Promise<T> {
  return who === 'anon' ? asAnon(db, fn) : withUser(db, who, fn);
}

/**
 * Runs one statement as `who` and always rolls it back, so every attempt starts from the same rows: a test's
 * allowed write cannot change what the next refused write sees.
 */
export async function attempt(db: TDb, who: TActor, sql: string, params: unknown[] = []): Promise<TAttempt> {
  try {
    await asActor(db, who, async (tx) => {
      throw new Rollback(await tx.query<Record<string, unknown>>(sql, params));
    });
    throw new Error('unreachable');
  } catch (e) {
    if (e instanceof Rollback) return { ok: true, result: e.result };
    const err = e as { code?: string; message: string };
    return { ok: false, code: err.code, message: err.message };
  }
}

/** Rows a statement wrote or read (PGlite reports 0 affected rows for a select). */
export const touchedRows = (r: TQueryResult<unknown>) => Math.max(r.affectedRows ?? 0, r.rows.length);

/** Refused: a grant or policy error (42501), or a statement whose row filter left it nothing to touch. */
export const isRefused = (a: TAttempt) => (a.ok ? touchedRows(a.result) === 0 : a.code === '42501');

/** The keys `who` can read from a table; a missing grant (42501) reads as nothing. Other errors throw. */
export async function visibleKeys(db: TDb, who: TActor, table: string, keyExpr: string): Promise<Set<string>> {
  const a = await attempt(db, who, `select (${keyExpr})::text as k from public.${table}`);
  if (!a.ok) {
    if (a.code === '42501') return new Set();
    throw new Error(`select from ${table} failed: ${a.message}`);
  }
  return new Set(a.result.rows.map((r) => String(r.k)));
}

const hex = () => randomBytes(4).toString('hex');

async function one<T extends Record<string, unknown>>(db: TQueryable, sql: string, params: unknown[]): Promise<T> {
  return (await db.query<T>(sql, params)).rows[0];
}

/** A curriculum with one lesson's progress, one activity row, one checkpoint score and one AI call. */
export async function createCurriculumWithProgress(db: TQueryable, userId: string) {
  const c = await one<{ id: string }>(
    db,
    `insert into public.curricula (user_id, request, status, plan, budget_minutes, weeks, tokens_used, attempts)
     values ($1, '{"goal":"Learn SQL"}', 'ready', '{"title":"SQL"}', 600, 4, 1200, 1) returning id`,
    [userId],
  );
  await db.query(
    `insert into public.lesson_progress (curriculum_id, lesson_id, user_id, status, minutes_spent, notes) values ($1, 'l1', $2, 'in_progress', 10, 'my notes')`,
    [c.id, userId],
  );
  const activity = await one<{ id: string }>(
    db,
    `insert into public.learning_activity (user_id, curriculum_id, lesson_id, kind, minutes, idempotency_key) values ($1, $2, 'l1', 'minutes', 10, $3) returning id`,
    [userId, c.id, hex()],
  );
  await db.query(
    `insert into public.checkpoint_scores (curriculum_id, module_id, user_id, best_score, total) values ($1, 'm1', $2, 3, 5)`,
    [c.id, userId],
  );
  const call = await one<{ id: string }>(
    db,
    `insert into public.ai_calls (user_id, curriculum_id, kind, tokens) values ($1, $2, 'extend', 500) returning id`,
    [userId, c.id],
  );
  const answer = await one<{ id: string }>(
    db,
    `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, objective, correct, source)
     values ($1, $2, 'm1', 'm1/q1', 'Explain joins', false, 'checkpoint') returning id`,
    [userId, c.id],
  );
  return { id: c.id, activityId: activity.id, aiCallId: call.id, quizAnswerId: answer.id };
}

/** Availability (settings, a weekly rule, a day off) and one busy block for an expert profile. */
export async function createAvailability(db: TQueryable, expertId: string) {
  await db.query('insert into public.availability_settings (expert_id) values ($1)', [expertId]);
  const rule = await one<{ id: string }>(
    db,
    'insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, 1, 540, 1020) returning id',
    [expertId],
  );
  const override = await one<{ id: string }>(
    db,
    `insert into public.availability_overrides (expert_id, date) values ($1, current_date + 10) returning id`,
    [expertId],
  );
  const busy = await one<{ id: string }>(
    db,
    `insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, now() + interval '2 days', now() + interval '2 days 1 hour') returning id`,
    [expertId],
  );
  return { ruleId: rule.id, overrideId: override.id, busyId: busy.id };
}

/**
 * A completed booking between an expert and a learner with its history, the expert's private note, a no-show
 * report, and the learner's review (published or not).
 */
export async function createBookingWithHistory(
  db: TQueryable,
  expertId: string,
  learnerId: string,
  o: { endedHoursAgo: number; published: boolean },
) {
  const b = await createBooking(db, expertId, learnerId, { status: 'completed', endedHoursAgo: o.endedHoursAgo });
  const event = await one<{ id: string }>(
    db,
    `insert into public.booking_events (booking_id, actor_id, kind) values ($1, $2, 'completed') returning id`,
    [b.id, learnerId],
  );
  await db.query(`insert into public.booking_notes (booking_id, expert_id, body) values ($1, $2, 'private note')`, [b.id, expertId]);
  const report = await one<{ id: string }>(
    db,
    `insert into public.no_show_reports (booking_id, reporter_role, reporter_id, absent_role) values ($1, 'learner', $2, 'expert') returning id`,
    [b.id, learnerId],
  );
  const review = await one<{ id: string }>(
    db,
    `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating, body, published_at)
     values ($1, $2, 'learner', $3, 4, 'Good session', $4) returning id`,
    [b.id, expertId, learnerId, o.published ? new Date() : null],
  );
  return { id: b.id, eventId: event.id, reportId: report.id, reviewId: review.id };
}

/** An expert account with a profile (and one offering), of the given status. */
export async function createExpert(db: TQueryable, o: { status: string; hidden?: boolean } = { status: 'approved' }) {
  const user = await createUser(db, { role: 'expert' });
  const profile = await createExpertProfile(db, user.id, { status: o.status, hidden: o.hidden ?? false });
  const offering = await one<{ id: string }>(
    db,
    `insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 60, 5000, 'USD') returning id`,
    [profile.id],
  );
  return { user, profileId: profile.id, slug: profile.slug, offeringId: offering.id };
}

/** Per-user rows of the account tables: a session, an unused reset link, an outbox email, a notification, realtime events. */
export async function createAccountRows(db: TQueryable, user: TSessionUser) {
  const sessionId = `s-${hex()}${hex()}`;
  await db.query(`insert into public.sessions (id, user_id, expires_at) values ($1, $2, now() + interval '1 day')`, [sessionId, user.id]);
  const resetId = `r-${hex()}${hex()}`;
  await db.query(`insert into public.password_reset_tokens (id, user_id, expires_at) values ($1, $2, now() + interval '1 hour')`, [
    resetId,
    user.id,
  ]);
  const outbox = await one<{ id: string }>(
    db,
    `insert into public.outbox_messages (channel, recipient, user_id, template, body, secret_body) values ('email', $1, $2, 't', 'masked', 'live token') returning id`,
    [user.email, user.id],
  );
  const notification = await one<{ id: string }>(
    db,
    `insert into public.notifications (user_id, kind, title) values ($1, 'test', 'Hello') returning id`,
    [user.id],
  );
  await db.query(`insert into public.realtime_counters (user_id, seq) values ($1, 1)`, [user.id]);
  await db.query(
    `insert into public.realtime_events (user_id, seq, type, payload) values ($1, 1, 'progress.updated', '{"notes":"private"}')`,
    [user.id],
  );
  const consent = await one<{ id: string }>(
    db,
    `insert into public.consents (user_id, kind, version, granted, source) values ($1, 'marketing_email', '2026-11', true, 'sign-up') returning id`,
    [user.id],
  );
  return { sessionId, resetId, outboxId: outbox.id, notificationId: notification.id, consentId: consent.id };
}
