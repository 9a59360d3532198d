import 'server-only';
import { createHash, randomInt } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { env } from '@/lib/config';
import type { TDb, TPrivilegedTx, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { logger } from '@/lib/log/logger';
import { enqueueMessage } from './enqueue-message';
import { createTwilioVerify, type TTwilioVerify } from './twilio-client';

// A user's phone number for SMS (docs/notifications.md, "SMS: verified numbers and STOP"):
//   1. the user enters a number (parsed to E.164 with libphonenumber-js);
//   2. a code goes by SMS — through Twilio Verify when TWILIO_VERIFY_SERVICE_SID is set, otherwise a 6-digit
//      code we generate, store hashed and send through the outbox (Twilio Messages, or the dev outbox);
//   3. the user types it back; the number is verified, and SMS is switched on only by an explicit opt-in;
//   4. STOP from the phone (Twilio inbound webhook) or the settings toggle turns SMS off again.

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_SENDS_PER_WINDOW = 3;
export const SEND_WINDOW_MS = 15 * 60_000;
export const MAX_SENDS_PER_DAY = 10;
export const MAX_CHECKS = 5;

export type TPhoneState = {
  e164: string | null;
  verified: boolean;
  smsOptIn: boolean;
  stopped: boolean;
  /** A code was sent and can still be checked. */
  pending: boolean;
  via: 'local' | 'twilio_verify';
};

const holder = globalThis as unknown as { __pathwiseVerify?: TTwilioVerify | null };

/** Twilio Verify when configured (TWILIO_VERIFY_SERVICE_SID with the account's keys), else null: our own codes. */
function verifyService(): TTwilioVerify | null {
  if (holder.__pathwiseVerify !== undefined) return holder.__pathwiseVerify;
  const e = env();
  if (!e.TWILIO_VERIFY_SERVICE_SID || !e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN) return null;
  return (holder.__pathwiseVerify = createTwilioVerify({
    accountSid: e.TWILIO_ACCOUNT_SID,
    authToken: e.TWILIO_AUTH_TOKEN,
    serviceSid: e.TWILIO_VERIFY_SERVICE_SID,
    baseUrl: e.TWILIO_BASE_URL,
  }));
}

/** Test hook: forget the cached Verify client (env changed). */
export function resetVerifyForTests(): void {
  holder.__pathwiseVerify = undefined;
}

export const ZPhoneStart = z.object({
  phone: z.string('Enter a phone number.').trim().min(4, 'Enter a phone number.').max(32, 'That is too long for a phone number.'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Pick a country.')
    .optional(),
});
export const ZPhoneCheck = z.object({
  code: z
    .string('Enter the code.')
    .trim()
    .regex(/^\d{4,10}$/, 'Enter the digits of the code.'),
});
export const ZSmsOptIn = z.object({ smsOptIn: z.boolean('Must be on or off.') });

/** Parses what the user typed into E.164, or a field error. */
export function toE164(phone: string, country?: string): string {
  const p = parsePhoneNumberFromString(phone, (country as CountryCode | undefined) ?? 'US');
  if (!p || !p.isValid()) throw new AppError('invalid_input', 'Check the phone number.', { phone: 'Is not a valid phone number.' });
  return p.number;
}

const hashCode = (userId: string, e164: string, code: string) => createHash('sha256').update(`${userId}:${e164}:${code}`).digest('hex');

export async function getPhoneState(db: TQueryable, userId: string): Promise<TPhoneState> {
  const { rows } = await db.query<{ e164: string; verified_at: Date | null; sms_opt_in: boolean; stopped_at: Date | null }>(
    'select e164, verified_at, sms_opt_in, stopped_at from public.user_phones where user_id = $1',
    [userId],
  );
  const p = rows[0];
  const pending = await db.query<{ n: number }>(
    `select count(*)::int as n from public.phone_verifications
      where user_id = $1 and consumed_at is null and expires_at > now() and attempts < $2`,
    [userId, MAX_CHECKS],
  );
  return {
    e164: p?.e164 ?? null,
    verified: !!p?.verified_at,
    smsOptIn: !!p?.sms_opt_in,
    stopped: !!p?.stopped_at,
    pending: !p?.verified_at && pending.rows[0].n > 0,
    via: verifyService() ? 'twilio_verify' : 'local',
  };
}

/** The number SMS may go to: verified, opted in, not stopped. Null otherwise. */
export async function smsNumber(db: TQueryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ e164: string }>(
    'select e164 from public.user_phones where user_id = $1 and verified_at is not null and sms_opt_in and stopped_at is null',
    [userId],
  );
  return rows[0]?.e164 ?? null;
}

/**
 * Sends a verification code to the number the user entered (replacing any earlier, unverified number).
 * At most MAX_SENDS_PER_WINDOW codes per 15 minutes and MAX_SENDS_PER_DAY a day per user (429 past that).
 */
export async function startPhoneVerification(
  db: TPrivilegedTx,
  userId: string,
  input: unknown,
  o: { now?: Date } = {},
): Promise<TPhoneState> {
  const v = ZPhoneStart.parse(input);
  const e164 = toE164(v.phone, v.country);
  const now = o.now ?? new Date();
  await db.query('select pg_advisory_xact_lock(hashtext($1))', [`phone-verify:${userId}`]);
  const { rows } = await db.query<{ recent: number; day: number; oldest: Date | null }>(
    `select count(*) filter (where created_at > $2)::int as recent, count(*)::int as day,
            min(created_at) filter (where created_at > $2) as oldest
       from public.phone_verifications where user_id = $1 and created_at > $3`,
    [userId, new Date(now.getTime() - SEND_WINDOW_MS), new Date(now.getTime() - 86_400_000)],
  );
  const r = rows[0];
  if (r.recent >= MAX_SENDS_PER_WINDOW || r.day >= MAX_SENDS_PER_DAY) {
    const wait = r.recent >= MAX_SENDS_PER_WINDOW && r.oldest ? new Date(r.oldest).getTime() + SEND_WINDOW_MS - now.getTime() : 3_600_000;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    throw new AppError('rate_limited', `Too many codes sent. Try again in ${Math.ceil(seconds / 60)} minutes.`, undefined, seconds);
  }
  await db.query(
    `insert into public.user_phones (user_id, e164) values ($1, $2)
     on conflict (user_id) do update set e164 = excluded.e164, verified_at = null, sms_opt_in = false, stopped_at = null, updated_at = now()
       where user_phones.e164 <> excluded.e164 or user_phones.verified_at is null`,
    [userId, e164],
  );
  // Earlier codes stop counting once a new one is sent.
  await db.query('update public.phone_verifications set consumed_at = $2 where user_id = $1 and consumed_at is null', [userId, now]);
  const expires = new Date(now.getTime() + CODE_TTL_MS);
  const verify = verifyService();
  if (verify) {
    try {
      await verify.start(e164);
    } catch (err) {
      logger().warn({ err }, 'Twilio Verify refused to send a code');
      const status = (err as { status?: number }).status;
      if (status === 429) throw new AppError('rate_limited', 'Too many codes sent to this number. Try again later.', undefined, 600);
      if (status && status >= 400 && status < 500)
        throw new AppError('invalid_input', 'This number cannot receive a code.', { phone: 'Twilio refused this number.' });
      throw new AppError('unavailable', 'The code could not be sent just now. Try again in a minute.');
    }
    await db.query(
      `insert into public.phone_verifications (user_id, e164, via, expires_at, created_at) values ($1, $2, 'twilio_verify', $3, $4)`,
      [userId, e164, expires, now],
    );
  } else {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db.query(
      `insert into public.phone_verifications (user_id, e164, via, code_hash, expires_at, created_at) values ($1, $2, 'local', $3, $4, $5)`,
      [userId, e164, hashCode(userId, e164, code), expires, now],
    );
    await enqueueMessage(db, {
      channel: 'sms',
      recipient: e164,
      userId,
      template: 'phone.verify',
      body: `Your Pathwise verification code is ${code}. It expires in 10 minutes.`,
      secrets: [code],
    });
  }
  return getPhoneState(db, userId);
}

/**
 * Checks the code; on success the number is verified (SMS stays off until the user opts in). The attempt is
 * counted in its own transaction first, so a wrong code (an error) still uses one of the MAX_CHECKS tries.
 */
export async function checkPhoneVerification(db: TDb, userId: string, input: unknown, o: { now?: Date } = {}): Promise<TPhoneState> {
  const { code } = ZPhoneCheck.parse(input);
  const now = o.now ?? new Date();
  const pv = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; e164: string; via: string; code_hash: string | null; attempts: number }>(
      `select id, e164, via, code_hash, attempts from public.phone_verifications
        where user_id = $1 and consumed_at is null and expires_at > $2 order by created_at desc limit 1 for update`,
      [userId, now],
    );
    if (!rows[0]) throw new AppError('conflict', 'No code is waiting: send a new one.');
    if (rows[0].attempts >= MAX_CHECKS) throw new AppError('rate_limited', 'Too many wrong codes. Send a new one.', undefined, 60);
    await tx.query('update public.phone_verifications set attempts = attempts + 1 where id = $1', [rows[0].id]);
    return rows[0];
  });
  let ok: boolean;
  if (pv.via === 'twilio_verify') {
    const verify = verifyService();
    if (!verify) throw new AppError('conflict', 'Send a new code.');
    try {
      ok = await verify.check(pv.e164, code);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404) throw new AppError('conflict', 'This code has expired. Send a new one.');
      logger().warn({ err }, 'Twilio Verify check failed');
      throw new AppError('unavailable', 'The code could not be checked just now. Try again in a minute.');
    }
  } else {
    ok = pv.code_hash === hashCode(userId, pv.e164, code);
  }
  if (!ok) throw new AppError('invalid_input', 'The code did not match.', { code: 'This code is not right.' });
  return db.transaction(async (tx) => {
    const used = await tx.query('update public.phone_verifications set consumed_at = $2 where id = $1 and consumed_at is null', [
      pv.id,
      now,
    ]);
    if (!used.affectedRows) throw new AppError('conflict', 'This code was already used. Send a new one.');
    await tx.query(
      'update public.user_phones set verified_at = $2, stopped_at = null, updated_at = now() where user_id = $1 and e164 = $3',
      [userId, now, pv.e164],
    );
    return getPhoneState(tx, userId);
  });
}

/** The settings toggle: SMS on (only for a verified number; also lifts a STOP) or off. */
export async function setSmsOptIn(db: TPrivilegedTx, userId: string, input: unknown): Promise<TPhoneState> {
  const { smsOptIn } = ZSmsOptIn.parse(input);
  const state = await getPhoneState(db, userId);
  if (smsOptIn && !state.verified) throw new AppError('conflict', 'Verify your phone number first.');
  await db.query(
    `update public.user_phones set sms_opt_in = $2, stopped_at = case when $2 then null else stopped_at end, updated_at = now() where user_id = $1`,
    [userId, smsOptIn],
  );
  return getPhoneState(db, userId);
}

export async function removePhone(db: TPrivilegedTx, userId: string): Promise<TPhoneState> {
  await db.query('delete from public.user_phones where user_id = $1', [userId]);
  await db.query('update public.phone_verifications set consumed_at = now() where user_id = $1 and consumed_at is null', [userId]);
  return getPhoneState(db, userId);
}
