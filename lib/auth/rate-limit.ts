import 'server-only';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getRedis } from '@/lib/cache/redis';
import { env } from '@/lib/config';
import { AppError } from '@/lib/http/app-error';

type TLimiters = { account: RateLimiterAbstract; ip: RateLimiterAbstract };

const holder = globalThis as unknown as { __pathwiseSignInLimiters?: TLimiters; __pathwiseSignUpLimiter?: RateLimiterAbstract };

/**
 * One counter: in Redis when it is configured (shared by every instance), else in this process. While Redis is
 * away the Redis limiter counts in this process instead (`insuranceLimiter`, asked at once rather than after a
 * failed command), so limits keep holding per instance and sign-in keeps working.
 */
export function makeLimiter(opts: {
  keyPrefix: string;
  points: number;
  duration: number;
  redis?: ReturnType<typeof getRedis>;
}): RateLimiterAbstract {
  const { redis, ...base } = opts;
  if (!redis) return new RateLimiterMemory(base);
  return new RateLimiterRedis({ storeClient: redis, ...base, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(base) });
}

/** The 429 for a used-up limit, with Retry-After; `what` names what was refused ("sign-in attempts"). */
export function tooManyError(res: RateLimiterRes, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError('rate_limited', `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, seconds);
}

export function createSignInLimiters(opts: {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
  redis?: ReturnType<typeof getRedis>;
}): TLimiters {
  const make = (keyPrefix: string, points: number) => makeLimiter({ keyPrefix, points, duration: opts.windowSeconds, redis: opts.redis });
  return { account: make('signin:acct', opts.perAccount), ip: make('signin:ip', opts.perIp) };
}

export function signInLimiters(): TLimiters {
  const e = env();
  holder.__pathwiseSignInLimiters ??= createSignInLimiters({
    perAccount: e.AUTH_MAX_ATTEMPTS_PER_ACCOUNT,
    perIp: e.AUTH_MAX_ATTEMPTS_PER_IP,
    windowSeconds: e.AUTH_ATTEMPT_WINDOW_SECONDS,
    redis: getRedis(),
  });
  return holder.__pathwiseSignInLimiters;
}

const tooMany = (res: RateLimiterRes) => tooManyError(res, 'sign-in attempts');

/** Refuses when this account or this IP is already over its limit, without spending a point. */
export async function assertSignInAllowed(limiters: TLimiters, account: string, ip: string): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- rate limiters (Redis or memory), no database client
  const [a, i] = await Promise.all([limiters.account.get(account), limiters.ip.get(ip)]);
  for (const [res, max] of [
    [a, limiters.account.points],
    [i, limiters.ip.points],
  ] as const) {
    if (res && res.consumedPoints >= max) throw tooMany(res);
  }
}

/** Spends one point of each limit; called on a failed attempt (the IP also pays for successes). */
export async function recordSignInAttempt(limiters: TLimiters, keys: { account?: string; ip: string }): Promise<void> {
  const spend = async (l: RateLimiterAbstract, key: string) => {
    try {
      await l.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) return; // already over: the next assert refuses
      throw e;
    }
  };
  // eslint-disable-next-line no-restricted-syntax -- rate limiters (Redis or memory), no database client
  await Promise.all([keys.account ? spend(limiters.account, keys.account) : undefined, spend(limiters.ip, keys.ip)]);
}

export async function clearAccountAttempts(limiters: TLimiters, account: string): Promise<void> {
  await limiters.account.delete(account);
}

/** Sign-ups per client IP: `perIp` an hour by default (AUTH_MAX_SIGNUPS_PER_IP). */
export function createSignUpLimiter(opts: {
  perIp: number;
  windowSeconds?: number;
  redis?: ReturnType<typeof getRedis>;
}): RateLimiterAbstract {
  return makeLimiter({ keyPrefix: 'signup:ip', points: opts.perIp, duration: opts.windowSeconds ?? 3600, redis: opts.redis });
}

export function signUpLimiter(): RateLimiterAbstract {
  holder.__pathwiseSignUpLimiter ??= createSignUpLimiter({ perIp: env().AUTH_MAX_SIGNUPS_PER_IP, redis: getRedis() });
  return holder.__pathwiseSignUpLimiter;
}

/** Spends one sign-up of this IP, or refuses when its hour's sign-ups are used. */
export async function consumeSignUp(limiter: RateLimiterAbstract, ip: string): Promise<void> {
  try {
    await limiter.consume(ip);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    throw tooManyError(e, 'sign-ups from this network');
  }
}
