import 'server-only';
import { lockUntilCommit } from '@/lib/db/transaction-lock';
import type { TSessionUser } from '@/lib/auth/schemas';
import { env } from '@/lib/config';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { enqueueJob } from '@/lib/jobs';
import { ZCreateBooking } from './contract';
import { isSlotConflict, SlotTakenError } from './errors';
import { JOB_EXPIRE_HOLD } from './job-names';
import { isStartOffered } from './slot-source';
import { addEvent, afterSlotsChanged, expireLapsedHolds, freshSlots, safeZone } from './store';
import { requireRole } from '@/lib/auth/permissions';
import { assertExpertBookable } from '@/lib/payments/connect/payout-account';

class NotOffered extends Error {}

/**
 * A learner holds a slot for BOOKING_HOLD_MINUTES. One transaction: lapsed holds of this expert expire,
 * the start must be offered, the price comes from the expert's offering for that length, the row and its
 * 'held' event are written and the expiry job is queued. Two racing holds both pass the offered check; the
 * exclusion constraint (bookings_no_overlap) lets one commit and the loser gets SlotTakenError (409) with
 * the fresh slots. Returns the booking id.
 */
export async function createHold(
  db: TDb,
  learner: TSessionUser,
  input: unknown,
  opts: { now?: Date } = {},
): Promise<{ id: string; expertId: string }> {
  requireRole(learner, ['learner'], 'Only learners book sessions.');
  const data = ZCreateBooking.parse(input);
  const now = opts.now ?? new Date();
  const startMs = Date.parse(data.start);
  const timeZone = safeZone(data.timeZone);

  const { rows: experts } = await db.query<{
    id: string;
    buffer_before: number;
    buffer_after: number;
    price_minor: number | null;
    currency: string | null;
  }>(
    `select e.id, coalesce(s.buffer_before_minutes, 0) as buffer_before, coalesce(s.buffer_after_minutes, 0) as buffer_after,
            o.price_minor, o.currency
       from public.expert_profiles e
       left join public.availability_settings s on s.expert_id = e.id
       left join public.expert_offerings o on o.expert_id = e.id and o.duration_minutes = $2
      where e.slug = $1 and e.status = 'approved' and not e.hidden`,
    [data.expertSlug, data.lengthMinutes],
  );
  const expert = experts[0];
  if (!expert) throw new AppError('not_found', 'This expert is not taking bookings.');
  // While Stripe is configured, an expert Stripe (or PayPal) cannot pay out to is not bookable yet (409).
  await assertExpertBookable(db, expert.id);
  if (expert.price_minor === null || expert.currency === null) {
    throw new AppError('invalid_input', 'This expert does not offer sessions of that length.', {
      lengthMinutes: 'Pick one of the lengths offered.',
    });
  }
  if (data.curriculumId) await checkCurriculum(db, learner.id, data.curriculumId, data.moduleId ?? null);

  let changed: string[] = [];
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      // One expert's holds take turns: racers for one slot would otherwise wait on each other's uncommitted rows in
      // the exclusion constraint's index and deadlock (40P01 after deadlock_timeout, seconds for the unlucky). In
      // turn, the next one sees the winner's booking and answers at once. The constraint still has the last word.
      await lockUntilCommit(tx, 'expert-bookings', expert.id);
      changed = await expireLapsedHolds(tx, expert.id, now);
      const endMs = startMs + data.lengthMinutes * 60_000;
      const { rows: mine } = await tx.query(
        `select 1 from public.bookings where expert_id = $1 and learner_id = $2 and status in ('held', 'confirmed')
            and tstzrange(starts_at, ends_at, '[)') && tstzrange($3, $4, '[)')`,
        [expert.id, learner.id, new Date(startMs), new Date(endMs)],
      );
      if (mine.length) throw new AppError('conflict', 'You already have a session with this expert at that time.');
      if (!(await isStartOffered(tx, expert.id, startMs, data.lengthMinutes, { now: now.getTime() }))) throw new NotOffered();
      const holdExpiresAt = new Date(now.getTime() + env().BOOKING_HOLD_MINUTES * 60_000);
      const { rows } = await tx.query<{ id: string }>(
        `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                                      status, hold_expires_at, price_minor, currency, brief, curriculum_id, module_id, learner_timezone)
         values ($1, $2, $3, $4, $5, $6, $7, 'held', $8, $9, $10, $11, $12, $13, $14) returning id`,
        [
          expert.id,
          learner.id,
          new Date(startMs),
          new Date(endMs),
          data.lengthMinutes,
          expert.buffer_before,
          expert.buffer_after,
          holdExpiresAt,
          expert.price_minor,
          expert.currency,
          data.brief,
          data.curriculumId ?? null,
          data.curriculumId ? (data.moduleId ?? null) : null,
          timeZone,
        ],
      );
      await addEvent(tx, rows[0].id, 'held', learner.id, {
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
        holdExpiresAt: holdExpiresAt.toISOString(),
      });
      await enqueueJob(tx, JOB_EXPIRE_HOLD, { bookingId: rows[0].id }, { startAfter: holdExpiresAt, singletonKey: `expire:${rows[0].id}` });
      return rows[0].id;
    });
  } catch (e) {
    if (e instanceof NotOffered || isSlotConflict(e)) {
      throw new SlotTakenError(await freshSlots(db, expert.id, data.lengthMinutes, timeZone, startMs));
    }
    throw e;
  }
  await afterSlotsChanged(db, [...changed, expert.id]);
  return { id, expertId: expert.id };
}

/** The attached curriculum must be the learner's own, and the module one of its modules. */
async function checkCurriculum(db: TPrivilegedTx, learnerId: string, curriculumId: string, moduleId: string | null): Promise<void> {
  const { rows } = await db.query<{ has_module: boolean }>(
    `select ($3::text is null or exists (select 1 from jsonb_array_elements(coalesce(plan->'modules', '[]')) m where m->>'id' = $3::text)) as has_module
       from public.curricula where id = $1 and user_id = $2`,
    [curriculumId, learnerId, moduleId],
  );
  if (!rows[0]) throw new AppError('invalid_input', 'Attach one of your own curricula.', { curriculumId: 'Pick one of your curricula.' });
  if (!rows[0].has_module)
    throw new AppError('invalid_input', 'That module is not part of the curriculum.', { moduleId: 'Pick a module of this curriculum.' });
}
