import 'server-only';
import { randomBytes } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import { verifyPassword } from '@/lib/auth/password';
import { assertSignInAllowed, recordSignInAttempt, signInLimiters } from '@/lib/auth/rate-limit';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { cancelBooking } from '@/lib/booking/manage';
import type { TDb, TQueryable } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { logger } from '@/lib/log/logger';
import { getStorage } from '@/lib/storage/get-storage';
import type { TStorage } from '@/lib/storage/types';
import { ZDeleteAccount } from './schemas';

export type TDeleteOptions = {
  ip?: string;
  storage?: TStorage;
  limiters?: ReturnType<typeof signInLimiters>;
  now?: Date;
};

export type TDeleteResult = { cancelledBookings: number };

const WRONG = 'That password is not right.';
// `@deleted.invalid` can never receive mail (RFC 2606), and the users table's email check accepts it.
const tombstoneEmail = (id: string) => `deleted-${id}@deleted.invalid`;
export const TOMBSTONE_NAME = 'Deleted user';

/**
 * Deletes the user's account after they confirm their password. Personal data goes (name, email, password,
 * curricula with progress, notes and time log, expert profile content, availability, documents and their files,
 * notifications, messages); the account row stays as a tombstone so bookings, reviews, payments and audit entries
 * keep their history with the person removed. Upcoming sessions are cancelled first through lib/booking, with the
 * refund its policy gives. Every session is revoked (their sockets close) and the deletion is audited. The email
 * address is free for a new sign-up afterwards. Admins are refused: another admin removes an admin account.
 */
export async function deleteAccount(db: TDb, user: TSessionUser, input: unknown, o: TDeleteOptions = {}): Promise<TDeleteResult> {
  const { password } = parseOrThrow(ZDeleteAccount, input);
  if (user.role === 'admin')
    throw new AppError('forbidden', 'Admin accounts are removed by another admin, so a platform is never left without one.');
  await confirmPassword(db, user, password, o);

  // Cancel live sessions through the booking rules (refund, notifications, slots reopened) before erasing.
  const now = o.now ?? new Date();
  const upcoming = await liveBookings(db, user.id, now);
  for (const id of upcoming) await cancelBooking(db, user, id, { reason: 'The account was deleted.' }, { now });

  const { storageKeys, slug } = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ deleted_at: Date | null }>('select deleted_at from public.users where id = $1 for update', [user.id]);
    if (!rows[0] || rows[0].deleted_at) throw new AppError('not_found', 'This account no longer exists.');
    // A booking made between the cancellations above and this lock would outlive the account: start again.
    if ((await liveBookings(tx, user.id, now)).length)
      throw new AppError('conflict', 'A session was just booked with you. Try again to cancel it too.');
    return erase(tx, user, upcoming.length);
  });

  // After the commit: every signed-in device is signed out and its sockets closed; the files go; caches forget.
  await revokeUserSessions(db, user.id);
  const storage = o.storage ?? (await getStorage());
  for (const key of storageKeys) {
    await storage.remove(key).catch((err: unknown) => logger().warn({ err, key }, 'document file removal failed after account deletion'));
  }
  if (slug) await invalidateExpertCache(slug);
  return { cancelledBookings: upcoming.length };
}

async function confirmPassword(db: TQueryable, user: TSessionUser, password: string, o: TDeleteOptions): Promise<void> {
  // Same limits as signing in: a stolen session cannot guess its way to deleting the account.
  const limiters = o.limiters ?? signInLimiters();
  const ip = o.ip ?? 'unknown';
  await assertSignInAllowed(limiters, user.email, ip);
  const { rows } = await db.query<{ password_hash: string }>(
    'select password_hash from public.users where id = $1 and deleted_at is null',
    [user.id],
  );
  if (!rows[0] || !(await verifyPassword(rows[0].password_hash, password))) {
    await recordSignInAttempt(limiters, { account: user.email, ip });
    throw new AppError('forbidden', WRONG, { password: WRONG });
  }
}

/** Held or confirmed sessions not yet started, on either side of the table. */
async function liveBookings(db: TQueryable, userId: string, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select b.id from public.bookings b
      where b.status in ('held', 'confirmed') and b.starts_at > $2
        and (b.learner_id = $1 or b.expert_id in (select id from public.expert_profiles where user_id = $1))
      order by b.starts_at`,
    [userId, now],
  );
  return rows.map((r) => r.id);
}

async function erase(
  tx: TQueryable,
  user: TSessionUser,
  cancelledBookings: number,
): Promise<{ storageKeys: string[]; slug: string | null }> {
  const id = user.id;
  // Learning: curricula cascade to lesson progress (notes), the time log, checkpoint scores and AI calls.
  await tx.query('delete from public.curricula where user_id = $1', [id]);
  // The learner's brief is their own words about their goals; the session itself stays.
  await tx.query("update public.bookings set brief = '', module_id = null where learner_id = $1", [id]);
  await tx.query('delete from public.notifications where user_id = $1', [id]);
  await tx.query('delete from public.notification_preferences where user_id = $1', [id]);
  await tx.query('delete from public.user_phones where user_id = $1', [id]);
  await tx.query('delete from public.phone_verifications where user_id = $1', [id]);
  await tx.query('delete from public.outbox_messages where user_id = $1 or recipient = $2', [id, user.email]);
  await tx.query('delete from public.password_reset_tokens where user_id = $1', [id]);
  await tx.query('delete from public.realtime_events where user_id = $1', [id]);
  await tx.query('delete from public.realtime_counters where user_id = $1', [id]);

  // An expert profile stays as a hidden shell: bookings, reviews and sanctions reference it (deleting it would
  // cascade them away). Its public content, prices, schedule, documents and private session notes go.
  const { rows: profiles } = await tx.query<{ id: string; slug: string }>(
    'select id, slug from public.expert_profiles where user_id = $1',
    [id],
  );
  const profile = profiles[0];
  let storageKeys: string[] = [];
  if (profile) {
    const { rows: docs } = await tx.query<{ storage_key: string }>(
      'delete from public.expert_documents where expert_id = $1 returning storage_key',
      [profile.id],
    );
    storageKeys = docs.map((d) => d.storage_key);
    for (const table of [
      'expert_offerings',
      'availability_settings',
      'availability_rules',
      'availability_overrides',
      'busy_blocks',
      'expert_profile_changes',
      'expert_verifications',
      'booking_notes',
    ]) {
      await tx.query(`delete from public.${table} where expert_id = $1`, [profile.id]);
    }
    await tx.query(
      `update public.expert_profiles
          set display_name = 'Deleted expert', headline = '', bio = '', specialties = '{}', tags = '{}', languages = '{}',
              years_experience = 0, country = null, photo_url = null, photo_document_id = null, links = '[]',
              slug = $2, status = 'suspended', status_reason = 'Account deleted', hidden = true, next_available_at = null
        where id = $1`,
      [profile.id, `deleted-${randomBytes(6).toString('hex')}`],
    );
  }

  // The tombstone: no name, an address nobody owns (the real one is free again), no usable password.
  await tx.query(
    `update public.users set name = $2, email = $3, password_hash = '!deleted', timezone = 'UTC', deleted_at = now() where id = $1`,
    [id, TOMBSTONE_NAME, tombstoneEmail(id)],
  );
  await tx.query(
    `insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'account.delete', 'user', $2, $3)`,
    [id, id, JSON.stringify({ role: user.role, cancelledBookings, expertProfile: profile?.id ?? null })],
  );
  return { storageKeys, slug: profile?.slug ?? null };
}
