import 'server-only';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getRedis } from '@/lib/cache/redis';
import { makeLimiter, tooManyError } from './rate-limit';

// Reset requests send email: 50 requests must not mean 50 emails. Counted per address (whether or not it has
// an account, so the limit says nothing about who does) and per client IP.
export type TResetLimiters = { account: RateLimiterAbstract; ip: RateLimiterAbstract };

const PER_ACCOUNT = 3;
const PER_IP = 20;
const WINDOW_SECONDS = 3600;

const holder = globalThis as unknown as { __pathwiseResetLimiters?: TResetLimiters };

export function createResetLimiters(
  opts: { perAccount?: number; perIp?: number; windowSeconds?: number; redis?: ReturnType<typeof getRedis> } = {},
): TResetLimiters {
  const duration = opts.windowSeconds ?? WINDOW_SECONDS;
  const make = (keyPrefix: string, points: number) => makeLimiter({ keyPrefix, points, duration, redis: opts.redis });
  return { account: make('reset:acct', opts.perAccount ?? PER_ACCOUNT), ip: make('reset:ip', opts.perIp ?? PER_IP) };
}

export function resetLimiters(): TResetLimiters {
  holder.__pathwiseResetLimiters ??= createResetLimiters({ redis: getRedis() });
  return holder.__pathwiseResetLimiters;
}

/** Spends a point of each limit, or throws 429 when either is used up. */
export async function consumeResetAttempt(limiters: TResetLimiters, keys: { account: string; ip: string }): Promise<void> {
  try {
    // eslint-disable-next-line no-restricted-syntax -- rate limiters (Redis or memory), no database client
    await Promise.all([limiters.account.consume(keys.account), limiters.ip.consume(keys.ip)]);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    throw tooManyError(e, 'reset requests');
  }
}
