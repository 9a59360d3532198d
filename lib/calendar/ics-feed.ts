import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { makeLimiter, tooManyError } from '@/lib/auth/rate-limit';
import { getRedis } from '@/lib/cache/redis';
import type { TDb, TPrivilegedTx, TQueryable } from '@/lib/db';
import { appUrl } from '@/lib/booking/participants';
import { icsUid } from '@/lib/booking/ics';

// A private, revocable ICS feed of one user's sessions (issue #11): every learner and expert can subscribe to
// it in any calendar app. The URL carries a random 256-bit token; only its SHA-256 is stored
// (public.ics_feed_tokens), so the URL is shown once, when it is made. Creating a new one revokes the old one
// (rotate); revoking makes the URL answer 404. docs/calendars.md § Private ICS feed.

/** 32 random bytes, base64url: 43 characters. */
export const FEED_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
/** Sessions that ended longer ago than this are left out of the feed (calendar apps keep what they had). */
export const FEED_PAST_DAYS = 90;
/** last_used_at is written at most this often, so a polling calendar app does not write a row per poll. */
const TOUCH_EVERY_MS = 10 * 60_000;

export const hashFeedToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const feedUrl = (token: string) => `${appUrl().replace(/\/$/, '')}/api/calendar/feed/${token}.ics`;

export type TFeedStatus = { active: boolean; createdAt: string | null; lastUsedAt: string | null };

export async function feedStatus(db: TQueryable, userId: string): Promise<TFeedStatus> {
  const { rows } = await db.query<{ created_at: Date; last_used_at: Date | null }>(
    'select created_at, last_used_at from public.ics_feed_tokens where user_id = $1 and revoked_at is null order by created_at desc limit 1',
    [userId],
  );
  const r = rows[0];
  return {
    active: !!r,
    createdAt: r ? new Date(r.created_at).toISOString() : null,
    lastUsedAt: r?.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  };
}

/** A new feed URL for the user; any earlier one stops working in the same transaction. */
export async function rotateFeedToken(db: TDb, userId: string): Promise<{ url: string; status: TFeedStatus }> {
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx: TPrivilegedTx) => {
    await tx.query('update public.ics_feed_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
    await tx.query('insert into public.ics_feed_tokens (user_id, token_hash) values ($1, $2)', [userId, hashFeedToken(token)]);
  });
  return { url: feedUrl(token), status: await feedStatus(db, userId) };
}

export async function revokeFeedTokens(db: TDb, userId: string): Promise<TFeedStatus> {
  await db.query('update public.ics_feed_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
  return feedStatus(db, userId);
}

type TFeedRow = {
  id: string;
  status: string;
  sequence: number;
  starts_at: Date;
  ends_at: Date;
  brief: string;
  created_at: Date;
  expert_name: string;
  learner_name: string | null;
  is_expert: boolean;
};

/**
 * The calendar for a feed token, or null when the token is unknown or revoked (the route answers 404 either
 * way). Only the token owner's sessions: those they booked as a learner and those they give as an expert.
 */
export async function renderFeed(db: TDb, token: string, now = new Date()): Promise<string | null> {
  if (!FEED_TOKEN_RE.test(token)) return null;
  const { rows: owners } = await db.query<{ id: string; user_id: string; last_used_at: Date | null }>(
    'select id, user_id, last_used_at from public.ics_feed_tokens where token_hash = $1 and revoked_at is null',
    [hashFeedToken(token)],
  );
  const owner = owners[0];
  if (!owner) return null;
  if (!owner.last_used_at || now.getTime() - new Date(owner.last_used_at).getTime() > TOUCH_EVERY_MS)
    await db.query('update public.ics_feed_tokens set last_used_at = $2 where id = $1', [owner.id, now]);

  const { rows } = await db.query<TFeedRow>(
    `select b.id, b.status, b.sequence, b.starts_at, b.ends_at, b.brief, b.created_at,
            e.display_name as expert_name, lu.name as learner_name, (e.user_id = $1) as is_expert
       from public.bookings b
       join public.expert_profiles e on e.id = b.expert_id
       left join public.users lu on lu.id = b.learner_id
      where (b.learner_id = $1 or e.user_id = $1)
        and b.status in ('confirmed', 'completed', 'no_show', 'cancelled')
        and b.ends_at > $2
      order by b.starts_at
      limit 2000`,
    [owner.user_id, new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000)],
  );
  const link = `${appUrl().replace(/\/$/, '')}/sessions`;
  const cal = ical({
    prodId: { company: 'Pathwise', product: 'Session feed', language: 'EN' },
    name: 'Pathwise sessions',
    description: 'Your Pathwise sessions (private feed)',
    method: ICalCalendarMethod.PUBLISH,
    ttl: 15 * 60,
  });
  for (const b of rows) {
    const other = b.is_expert ? (b.learner_name ?? 'a learner') : b.expert_name;
    const cancelled = b.status === 'cancelled';
    cal.createEvent({
      id: icsUid(b.id),
      sequence: b.sequence,
      start: new Date(b.starts_at),
      end: new Date(b.ends_at),
      stamp: now,
      created: new Date(b.created_at),
      summary: `${cancelled ? 'Cancelled: ' : ''}Pathwise session with ${other}`,
      description: [b.brief ? `Brief: ${b.brief}` : 'No brief given.', '', `Your sessions: ${link}`].join('\n'),
      url: link,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one included; ical-generator leaves the last bare.
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

// Feed fetches per client IP and per token: calendar apps poll every 15 minutes to a few hours, so a minute's
// limit far above that only stops scraping and token guessing (a guess is 256 bits anyway).
const FEED_PER_IP = 60;
const FEED_PER_TOKEN = 20;
const feedHolder = globalThis as unknown as { __pathwiseFeedLimiters?: { ip: RateLimiterAbstract; token: RateLimiterAbstract } };

export function feedLimiters(opts: { perIp?: number; perToken?: number } = {}) {
  feedHolder.__pathwiseFeedLimiters ??= {
    ip: makeLimiter({ keyPrefix: 'icsfeed:ip', points: opts.perIp ?? FEED_PER_IP, duration: 60, redis: getRedis() }),
    token: makeLimiter({ keyPrefix: 'icsfeed:tok', points: opts.perToken ?? FEED_PER_TOKEN, duration: 60, redis: getRedis() }),
  };
  return feedHolder.__pathwiseFeedLimiters;
}

/** Spends one fetch of this IP and of this token (by its hash), or throws 429 with Retry-After. */
export async function consumeFeedFetch(ip: string, token: string): Promise<void> {
  const l = feedLimiters();
  try {
    await l.ip.consume(ip);
    await l.token.consume(hashFeedToken(token).slice(0, 32));
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    throw tooManyError(e, 'calendar feed requests');
  }
}
