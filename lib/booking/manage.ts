import 'server-only';
import { lockUntilCommit } from '@/lib/db/transaction-lock';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { enqueueJob } from '@/lib/jobs';
import { evaluateStanding } from '@/lib/policy/standing';
import { bookingForActor } from './access';
import { type TCancelPreview, ZBookingNotes, ZCancelBooking, ZNoShowReport, ZRescheduleBooking } from './contract';
import { isSlotConflict, SlotTakenError } from './errors';
import { JOB_COMPLETE } from './job-names';
import { afterBookingChange } from './after-change';
import { loadParticipants, notifyBoth } from './participants';
import { cancelOutcome, canCancel, canReschedule, inNoShowWindow } from './policy';
import { isStartOffered } from './slot-source';
import { addEvent, afterSlotsChanged, expireLapsedHolds, freshSlots, loadPolicy, lockBooking, ms, type TBookingRow } from './store';
import { requireAdmin } from '@/lib/auth/permissions';
import { verdictFor } from '@/lib/video/attendance-view';

type TOpts = { now?: Date };

/** What cancelling now would refund, and the rule that says so. */
export async function cancelPreview(db: TDb, user: TSessionUser, id: string, opts: TOpts = {}): Promise<TCancelPreview> {
  const now = opts.now ?? new Date();
  const { row, role } = await bookingForActor(db, user, id);
  const policy = await loadPolicy(db);
  return cancelOutcome(policy, { status: row.status, startMs: ms(row.starts_at) }, role, now.getTime());
}

/**
 * Cancels a hold or a confirmed session before it starts, recording the refund the admin-set policy gives
 * (payments act on refund_percent). An expert's cancellation counts towards their standing.
 */
export async function cancelBooking(db: TDb, user: TSessionUser, id: string, input: unknown, opts: TOpts = {}): Promise<void> {
  const { reason } = ZCancelBooking.parse(input ?? {});
  const now = opts.now ?? new Date();
  const expertId = await db.transaction(async (tx) => {
    const { row, role } = await bookingForActor(tx, user, id, { lock: true });
    if (!canCancel({ status: row.status, startMs: ms(row.starts_at) }, now.getTime())) {
      throw new AppError(
        'conflict',
        row.status === 'held' || row.status === 'confirmed'
          ? 'This session has already started.'
          : `This session is already ${row.status.replace('_', ' ')}.`,
      );
    }
    const policy = await loadPolicy(tx);
    const { refundPercent, rule } = cancelOutcome(policy, { status: row.status, startMs: ms(row.starts_at) }, role, now.getTime());
    const paid = row.payment_status === 'paid';
    const paymentStatus = !paid ? 'not_charged' : refundPercent > 0 ? 'refund_pending' : 'paid';
    const { rows } = await tx.query<TBookingRow>(
      `update public.bookings set status = 'cancelled', hold_expires_at = null, cancelled_by = $2, cancel_reason = $3, cancelled_at = $4,
              refund_percent = $5, payment_status = $6, sequence = sequence + 1
        where id = $1 returning *`,
      [id, role, reason, now, paid ? refundPercent : null, paymentStatus],
    );
    await addEvent(tx, id, 'cancelled', user.id, {
      by: role,
      reason,
      refundPercent: paid ? refundPercent : null,
      rule,
      wasStatus: row.status,
    });
    if (row.status === 'confirmed') await notifyBoth(tx, rows[0], await loadParticipants(tx, row), 'cancelled');
    await afterBookingChange(tx, rows[0], 'cancelled');
    if (role === 'expert' && row.status === 'confirmed') await evaluateStanding(tx, row.expert_id);
    return row.expert_id;
  });
  await afterSlotsChanged(db, [expertId]);
}

/**
 * Moves a confirmed session to another offered start of the same length: the same row, sequence + 1, a
 * 'rescheduled' event with the old and new times, and a new completion job. The learner may do it only
 * while a cancellation would be fully refunded; the expert (or an admin) until it starts.
 */
export async function rescheduleBooking(db: TDb, user: TSessionUser, id: string, input: unknown, opts: TOpts = {}): Promise<void> {
  const { start } = ZRescheduleBooking.parse(input);
  const now = opts.now ?? new Date();
  const startMs = Date.parse(start);
  let ctx: { expertId: string; length: number; tz: string } | null = null;
  let changed: string[] = [];
  try {
    await db.transaction(async (tx) => {
      const { row, role } = await bookingForActor(tx, user, id, { lock: true });
      ctx = { expertId: row.expert_id, length: row.duration_minutes, tz: row.learner_timezone };
      const policy = await loadPolicy(tx);
      if (!canReschedule(policy, { status: row.status, startMs: ms(row.starts_at) }, role, now.getTime())) {
        throw new AppError(
          'conflict',
          row.status !== 'confirmed'
            ? `Only a confirmed session can be moved; this one is ${row.status.replace('_', ' ')}.`
            : now.getTime() >= ms(row.starts_at)
              ? 'This session has already started.'
              : `Sessions can be moved up to ${policy.fullRefundHours} hours before the start; cancel instead, or ask the expert.`,
        );
      }
      if (startMs === ms(row.starts_at))
        throw new AppError('invalid_input', 'Pick a different time.', { start: 'This is the current time.' });
      await lockUntilCommit(tx, 'expert-bookings', row.expert_id); // takes turns with holds (lib/booking/create-hold.ts)
      changed = await expireLapsedHolds(tx, row.expert_id, now);
      if (!(await isStartOffered(tx, row.expert_id, startMs, row.duration_minutes, { now: now.getTime(), ignoreBookingId: id })))
        throw new SlotTakenError(emptySlots());
      const endMs = startMs + row.duration_minutes * 60_000;
      const { rows } = await tx.query<TBookingRow>(
        // The new time blocks the expert's buffers as they are set now (the offered check used them too).
        `update public.bookings b set starts_at = $2, ends_at = $3, sequence = sequence + 1,
                buffer_before_minutes = coalesce(s.buffer_before_minutes, 0), buffer_after_minutes = coalesce(s.buffer_after_minutes, 0)
           from (select 1) one left join public.availability_settings s on s.expert_id = $4
          where b.id = $1 returning b.*`,
        [id, new Date(startMs), new Date(endMs), row.expert_id],
      );
      await addEvent(tx, id, 'rescheduled', user.id, {
        by: role,
        from: { start: new Date(row.starts_at).toISOString(), end: new Date(row.ends_at).toISOString() },
        to: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
        sequence: rows[0].sequence,
      });
      await enqueueJob(
        tx,
        JOB_COMPLETE,
        { bookingId: id },
        { startAfter: new Date(endMs), singletonKey: `complete:${id}:${rows[0].sequence}` },
      );
      await notifyBoth(tx, rows[0], await loadParticipants(tx, row), 'rescheduled');
      await afterBookingChange(tx, rows[0], 'rescheduled');
    });
  } catch (e) {
    const c = ctx as { expertId: string; length: number; tz: string } | null;
    if (c && (e instanceof SlotTakenError || isSlotConflict(e)))
      throw new SlotTakenError(await freshSlots(db, c.expertId, c.length, c.tz, startMs));
    throw e;
  }
  const c = ctx as { expertId: string } | null;
  if (c) await afterSlotsChanged(db, [...changed, c.expertId]);
}

const emptySlots = () => ({ expertTimeZone: 'UTC', timeZone: 'UTC', lengthMinutes: 0, offerings: [], slots: [] });

/**
 * Either side reports the other absent, from the start until no_show_window_hours after it; one report per
 * booking. The session becomes no_show (it will not complete) and the report counts towards the expert's standing.
 */
export async function reportNoShow(db: TDb, user: TSessionUser, id: string, input: unknown, opts: TOpts = {}): Promise<void> {
  const { note } = ZNoShowReport.parse(input ?? {});
  const now = opts.now ?? new Date();
  await db.transaction(async (tx) => {
    const { row, role } = await bookingForActor(tx, user, id, { lock: true });
    if (role === 'admin') throw new AppError('forbidden', 'Only the learner or the expert of a session reports a no-show.');
    const policy = await loadPolicy(tx);
    const { rows: existing } = await tx.query('select 1 from public.no_show_reports where booking_id = $1', [id]);
    if (existing.length) throw new AppError('conflict', 'A no-show has already been reported for this session.');
    if (!inNoShowWindow(policy, { status: row.status, startMs: ms(row.starts_at) }, now.getTime())) {
      throw new AppError(
        'conflict',
        now.getTime() < ms(row.starts_at) && row.status === 'confirmed'
          ? 'A no-show can be reported once the session has started.'
          : row.status === 'confirmed' || row.status === 'completed'
            ? `No-shows are reported within ${policy.noShowWindowHours} hours of the start.`
            : `This session is ${row.status.replace('_', ' ')}.`,
      );
    }
    const absent = role === 'learner' ? 'expert' : 'learner';
    // The room's join/leave times settle the report (lib/video/settle-no-show.ts): one the attendance
    // contradicts is kept, flagged, and changes nothing (no no-show status, no strike).
    const settled = await verdictFor(tx, row, absent, now);
    await tx.query(
      `insert into public.no_show_reports (booking_id, reporter_role, reporter_id, absent_role, note, attendance_verdict, attendance, settled_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, role, user.id, absent, note, settled.verdict, JSON.stringify({ minutes: settled.minutes, joined: settled.joined }), now],
    );
    if (settled.verdict === 'contradicted') {
      await addEvent(tx, id, 'no_show_contradicted', user.id, {
        reporterRole: role,
        absentRole: absent,
        note,
        minutes: settled.minutes,
      });
      return;
    }
    await tx.query("update public.bookings set status = 'no_show', completed_at = null where id = $1", [id]);
    await addEvent(tx, id, 'no_show_reported', user.id, {
      reporterRole: role,
      absentRole: absent,
      note,
      wasStatus: row.status,
      verdict: settled.verdict,
    });
    await afterBookingChange(tx, row, 'no_show');
    await evaluateStanding(tx, row.expert_id);
  });
}

/**
 * An admin reviews a no-show report: the attendance as it is now decides again. A report the attendance
 * contradicts is overturned (the session counts as held: completed once it has ended); one it supports makes
 * the session a no-show. Either way the expert's standing is evaluated again and the decision is audited.
 */
export async function reviewNoShow(db: TDb, admin: TSessionUser, id: string, opts: TOpts = {}): Promise<void> {
  const now = opts.now ?? new Date();
  requireAdmin(admin, 'Only admins review no-show reports.');
  await db.transaction(async (tx) => {
    const row = await lockBooking(tx, id);
    if (!row) throw new AppError('not_found', 'This session does not exist.');
    const { rows } = await tx.query<{ id: string; absent_role: 'learner' | 'expert'; attendance_verdict: string | null }>(
      'select id, absent_role, attendance_verdict from public.no_show_reports where booking_id = $1 order by created_at limit 1',
      [id],
    );
    if (!rows[0]) throw new AppError('conflict', 'No no-show was reported for this session.');
    const settled = await verdictFor(tx, row, rows[0].absent_role, now);
    await tx.query(
      'update public.no_show_reports set attendance_verdict = $2, attendance = $3, settled_at = $4, settled_by = $5 where id = $1',
      [rows[0].id, settled.verdict, JSON.stringify({ minutes: settled.minutes, joined: settled.joined }), now, admin.id],
    );
    await tx.query(
      "insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'no_show.review', 'booking', $2, $3)",
      [admin.id, id, JSON.stringify({ verdict: settled.verdict, was: rows[0].attendance_verdict, minutes: settled.minutes })],
    );
    if (settled.verdict === 'contradicted' && row.status === 'no_show') {
      const ended = now.getTime() >= ms(row.ends_at);
      const { rows: after } = await tx.query<TBookingRow>(
        `update public.bookings set status = $2, completed_at = $3 where id = $1 returning *`,
        [id, ended ? 'completed' : 'confirmed', ended ? now : null],
      );
      await addEvent(tx, id, 'no_show_overturned', admin.id, { by: 'admin', minutes: settled.minutes });
      if (ended) await afterBookingChange(tx, after[0], 'completed');
    } else if (settled.verdict !== 'contradicted' && row.status !== 'no_show') {
      await tx.query("update public.bookings set status = 'no_show', completed_at = null where id = $1", [id]);
      await addEvent(tx, id, 'no_show_upheld', admin.id, { by: 'admin', verdict: settled.verdict, minutes: settled.minutes });
      await afterBookingChange(tx, row, 'no_show');
    }
    await evaluateStanding(tx, row.expert_id);
  });
}

/** The expert's private notes on a session (upsert); never shown to the learner. */
export async function saveNotes(db: TDb, user: TSessionUser, id: string, input: unknown): Promise<{ notes: string }> {
  const { body } = ZBookingNotes.parse(input);
  return db.transaction(async (tx) => {
    const { row, role } = await bookingForActor(tx, user, id);
    if (role !== 'expert') throw new AppError('forbidden', 'Only the expert keeps notes on a session.');
    const { rows } = await tx.query<{ body: string }>(
      `insert into public.booking_notes (booking_id, expert_id, body) values ($1, $2, $3)
       on conflict (booking_id) do update set body = excluded.body, updated_at = now() returning body`,
      [id, row.expert_id, body],
    );
    return { notes: rows[0].body };
  });
}
