import 'server-only';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { CONSENT_KINDS } from '@/lib/privacy/schemas';
import { notifyTakenEmail } from './notify-taken-email';
import { hashPassword } from './password';
import { consumeSignUp, signUpLimiter } from './rate-limit';
import { ZSignUp, type TSessionUser } from './schemas';
import { toTimeZone } from './time-zone';

// Does not say the account exists (the owner is told by email); the same words fit a typo in the address.
const EMAIL_TAKEN = 'We could not create an account with this email. If it is yours, check your inbox, sign in, or reset your password.';

/**
 * Creates a learner or expert account with its agreement to the terms and privacy notice recorded
 * (lib/privacy consents). Admins are never created here. A taken address costs the same work
 * (the password is hashed first) and mails the owner instead of confirming that the account exists. With an
 * `ip`, sign-ups are throttled per client IP (AUTH_MAX_SIGNUPS_PER_IP an hour).
 */
export async function signUp(
  db: TPrivilegedTx,
  input: unknown,
  o: { ip?: string; limiter?: RateLimiterAbstract } = {},
): Promise<TSessionUser> {
  // Every attempt from an IP counts, valid or not: each costs a password hash.
  if (o.ip) await consumeSignUp(o.limiter ?? signUpLimiter(), o.ip);
  const data = parseOrThrow(ZSignUp, input);
  const passwordHash = await hashPassword(data.password);
  const taken = async () => {
    await notifyTakenEmail(db, data.email);
    return new AppError('conflict', EMAIL_TAKEN, { email: EMAIL_TAKEN });
  };
  const existing = await db.query('select 1 from public.users where email = $1', [data.email]);
  if (existing.rows.length) throw await taken();
  try {
    const { rows } = await db.query<TSessionUser>(
      // A zone Intl knows but this Postgres does not (tz databases differ in age) falls back to UTC here.
      // One statement, so the account never exists without the consent it was created with (lib/privacy).
      `with u as (
         insert into public.users (email, name, password_hash, role, timezone)
         values ($1, $2, $3, $4, case when public.is_time_zone($5) then $5 else 'UTC' end) returning id, email, name, role
       ), c as (
         insert into public.consents (user_id, kind, version, granted, source)
         select u.id, k.kind, k.version, true, 'sign-up' from u, (values ('terms', $6), ('privacy', $7)) k (kind, version)
       )
       select * from u`,
      [
        data.email,
        data.name,
        passwordHash,
        data.accountType,
        toTimeZone(data.timeZone),
        CONSENT_KINDS.terms.version,
        CONSENT_KINDS.privacy.version,
      ],
    );
    return rows[0];
  } catch (e) {
    // Two sign-ups racing for one address: the unique index decides.
    if ((e as { code?: string }).code === '23505') throw await taken();
    throw e;
  }
}
