import { z } from 'zod';
import { parseIceServers } from '../video/ice-servers';

// Empty strings count as unset, so a copied .env.example with blank values behaves like no .env.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'must be a postgres:// or postgresql:// URL');
const redisUrl = z.string().refine((v) => /^rediss?:\/\/[^\s]*$/.test(v) && URL.canParse(v), 'must be a redis:// or rediss:// URL');
const httpUrl = z.string().refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), 'must be an http(s):// URL');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: optional(int(1, 65535)).default(3000),
  APP_URL: optional(httpUrl),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),

  // Database
  DATABASE_URL: optional(postgresUrl),
  DATABASE_POOL_MAX: optional(int(1, 200)).default(10),
  // Named prepared statements, on PGlite and on a Postgres server (lib/db/prepared-statements.ts): auto = on, except
  // through a transaction-mode pooler (port 6543 or ?pgbouncer=true), which cannot keep them.
  DATABASE_PREPARED_STATEMENTS: optional(z.enum(['auto', 'on', 'off'])).default('auto'),
  DATA_DIR: optional(z.string()).default('.data'),
  // Demo accounts share a public password: seeded outside production by default, in production only when
  // set to true (lib/seed/seed-policy.ts).
  SEED_DEMO: optional(bool),

  // Background jobs (lib/jobs): run in the app's process unless 0 (then `npm run worker` runs them; needs DATABASE_URL).
  JOBS_IN_PROCESS: optional(bool).default(true),

  // Cache, sessions, rate limits
  REDIS_URL: optional(redisUrl),
  DIRECTORY_CACHE_SECONDS: optional(int(0, 86400)).default(60),
  SESSION_TTL_DAYS: optional(int(1, 365)).default(30),
  COOKIE_SECURE: optional(bool),
  AUTH_MAX_ATTEMPTS_PER_ACCOUNT: optional(int(1, 1000)).default(5),
  AUTH_MAX_ATTEMPTS_PER_IP: optional(int(1, 100000)).default(30),
  AUTH_ATTEMPT_WINDOW_SECONDS: optional(int(1, 86400)).default(900),
  // Sign-ups per client IP per hour (each one costs a password hash and a row).
  AUTH_MAX_SIGNUPS_PER_IP: optional(int(1, 100000)).default(10),
  // How many reverse proxies in front of the app append to X-Forwarded-For; 0 = use the socket address.
  TRUST_PROXY_HOPS: optional(int(0, 10)).default(0),

  // AI curricula
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(httpUrl),
  OPENAI_MODEL: optional(z.string()).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: optional(int(100, 600_000)).default(60_000),
  CURRICULUM_DAILY_LIMIT: optional(int(1, 1000)).default(10),
  CURRICULUM_MAX_TOKENS: optional(int(500, 200_000)).default(16_000),
  CURRICULUM_DAILY_TOKENS: optional(int(1000, 10_000_000)).default(200_000),
  // Job attempts of one generation (a crash or a failed model call starts the next, with backoff) before it is `failed`
  CURRICULUM_GENERATION_ATTEMPTS: optional(int(1, 10)).default(3),
  // Resource links the model writes are checked (HEAD/GET through an SSRF guard); dead ones become searches.
  CURRICULUM_CHECK_LINKS: optional(bool).default(true),
  CURRICULUM_LINK_TIMEOUT_MS: optional(int(200, 30_000)).default(5000),

  // Booking: how long a hold keeps a slot before it lapses (minutes)
  BOOKING_HOLD_MINUTES: optional(int(1, 120)).default(15),

  // Payments (lib/payments, docs/payments.md). Without STRIPE_SECRET_KEY payments are simulated (labelled test mode).
  STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)')),
  // Signing secrets of the two webhook endpoints (/api/webhooks/stripe and /api/webhooks/stripe-connect).
  STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\S+$/, 'must be a webhook signing secret (whsec_…)')),
  STRIPE_CONNECT_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\S+$/, 'must be a webhook signing secret (whsec_…)')),
  // Tests and proxies only: where the Stripe SDK sends (default https://api.stripe.com).
  STRIPE_API_BASE: optional(httpUrl),
  // Which events are accepted: false → only test-mode events, true → only live ones. Default: from the key's prefix.
  STRIPE_LIVEMODE: optional(bool),
  // Tests only: 1 serves POST /api/test-clock/complete (an admin completes a session as if its end had passed, like
  // Stripe's test clocks; lib/payments/test-clock.ts). Off: the route answers 404. Refused with STRIPE_SECRET_KEY set.
  TEST_CLOCK: optional(bool).default(false),

  // Realtime (Socket.IO)
  REALTIME_URL: optional(httpUrl),
  REALTIME_PORT: optional(int(1, 65535)).default(3002),
  REALTIME_ALLOWED_ORIGINS: optional(z.string()),

  // Video: the built-in 1:1 room (lib/video, docs/video.md). ICE servers handed to the browsers, a JSON array of
  // RTCIceServer (STUN/TURN, TURN with username and credential); `[]` uses host candidates only (tests, one LAN).
  VIDEO_ICE_SERVERS: optional(
    z.string().transform((v, ctx) => {
      try {
        return parseIceServers(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  ),
  // Minutes before the start the room opens, and after the end it closes (defaults 10 and 30).
  VIDEO_JOIN_EARLY_MINUTES: optional(int(0, 40_320)).default(10),
  VIDEO_JOIN_LATE_MINUTES: optional(int(0, 1440)).default(30),

  // Calendars (lib/calendar, docs/calendars.md). CALENDAR_TOKEN_KEYS seals OAuth tokens at rest:
  // "id:base64(32 bytes)[,id:base64…]", the first encrypts, all decrypt (rotation). Unset: a development key
  // derived from DATA_DIR (refused in production once a calendar provider is configured).
  CALENDAR_TOKEN_KEYS: optional(
    z
      .string()
      .regex(/^\s*[\w-]+:[A-Za-z0-9+/=_-]{43,}\s*(,\s*[\w-]+:[A-Za-z0-9+/=_-]{43,}\s*)*$/, 'must look like "id:base64key[,id:base64key]"'),
  ),
  // Longest a provider call of a sync job may take before it counts as a timeout (the last good blocks stay).
  CALENDAR_SYNC_TIMEOUT_MS: optional(int(200, 120_000)).default(15_000),
  // Google Calendar: an OAuth client (Web application) with redirect URI <APP_URL>/api/calendar/google/callback.
  GOOGLE_CLIENT_ID: optional(z.string().min(1)),
  GOOGLE_CLIENT_SECRET: optional(z.string().min(1)),
  // Tests and proxies only: where the OAuth consent/token endpoints and the Calendar API live.
  GOOGLE_OAUTH_BASE: optional(httpUrl),
  GOOGLE_API_BASE: optional(httpUrl),
  // Outlook / Microsoft 365 (Microsoft Graph): an app registration (Web platform) with redirect URI
  // <APP_URL>/api/calendar/outlook/callback and delegated permissions offline_access, Calendars.ReadWrite, User.Read.
  MICROSOFT_CLIENT_ID: optional(z.string().min(1)),
  MICROSOFT_CLIENT_SECRET: optional(z.string().min(1)),
  // "common" (work, school and personal accounts), "organizations", "consumers" or one tenant's id.
  MICROSOFT_TENANT: optional(z.string().regex(/^[\w.-]{1,100}$/, 'must be common, organizations, consumers or a tenant id')).default(
    'common',
  ),
  // Tests and sovereign clouds only: the sign-in host (https, default https://login.microsoftonline.com) and Graph's.
  MICROSOFT_AUTHORITY_HOST: optional(httpUrl),
  MICROSOFT_GRAPH_BASE: optional(httpUrl),
  // Calendly (API v2): connecting with a personal access token needs nothing here; OAuth needs an app with
  // redirect URI <APP_URL>/api/calendar/calendly/callback.
  CALENDLY_CLIENT_ID: optional(z.string().min(1)),
  CALENDLY_CLIENT_SECRET: optional(z.string().min(1)),
  // Tests and proxies only: where Calendly's API (default https://api.calendly.com) and OAuth server
  // (default https://auth.calendly.com) live.
  CALENDLY_API_BASE: optional(httpUrl),
  CALENDLY_AUTH_BASE: optional(httpUrl),
  // Payments, expert side (lib/payments/connect, lib/payments/paypal; docs/payments.md). Without STRIPE_SECRET_KEY
  // payouts are simulated (test mode) and every approved expert is bookable; with it, an expert is bookable once
  // Stripe says their payouts are enabled (Connect Express) or they chose the PayPal rail.
  // Countries (ISO alpha-2, comma-separated) where experts onboard with Stripe Connect Express; elsewhere PayPal.
  STRIPE_CONNECT_COUNTRIES: optional(z.string().regex(/^[A-Z]{2}(,[A-Z]{2})*$/, 'must be comma-separated country codes (US,GB,DE)')),
  // The PayPal payout rail: off unless all three are set.
  PAYPAL_CLIENT_ID: optional(z.string().min(8)),
  PAYPAL_CLIENT_SECRET: optional(z.string().min(8)),
  PAYPAL_WEBHOOK_ID: optional(z.string().min(4)),
  PAYPAL_API_BASE: optional(httpUrl).default('https://api-m.sandbox.paypal.com'),

  // Email: the From line of outgoing email (a sender verified in SendGrid when SENDGRID_API_KEY is set)
  EMAIL_FROM: optional(z.string().email()).default('hello@pathwise.local'),
  // Notifications (lib/notifications, docs/notifications.md). Without keys a channel goes to the dev outbox.
  SENDGRID_API_KEY: optional(z.string().regex(/^SG\.\S+$/, 'must be a SendGrid API key (SG.…)')),
  // Tests and proxies only: where the SendGrid SDK sends (default https://api.sendgrid.com).
  SENDGRID_BASE_URL: optional(httpUrl),
  TWILIO_ACCOUNT_SID: optional(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)')),
  TWILIO_AUTH_TOKEN: optional(z.string().min(8)),
  // The sender: a number in E.164 form, or a messaging service (one of the two when Twilio is on).
  TWILIO_FROM_NUMBER: optional(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form (+15551234567)')),
  TWILIO_MESSAGING_SERVICE_SID: optional(z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must be a messaging service SID (MG + 32 hex digits)')),
  // Tests and proxies only: where the Twilio SDK sends (default https://api.twilio.com).
  TWILIO_BASE_URL: optional(httpUrl),
  // Phone verification (docs/notifications.md, "SMS"): with a Twilio Verify service, codes are sent and checked by
  // Twilio Verify; without one, Pathwise sends its own 6-digit code through the outbox (Twilio Messages or the dev outbox).
  TWILIO_VERIFY_SERVICE_SID: optional(z.string().regex(/^VA[0-9a-fA-F]{32}$/, 'must be a Verify service SID (VA + 32 hex digits)')),
  // Delivery attempts of one message (retried with the job queue's backoff) before it is marked failed.
  NOTIFICATION_ATTEMPTS: optional(int(1, 20)).default(5),

  // Video (lib/video, docs/video.md): Zoom meetings through a Server-to-Server OAuth app (all three or none);
  // without them, sessions whose type chose Zoom fall back to the built-in room.
  ZOOM_ACCOUNT_ID: optional(z.string().min(1).max(200)),
  ZOOM_CLIENT_ID: optional(z.string().min(1).max(200)),
  ZOOM_CLIENT_SECRET: optional(z.string().min(1).max(500)),
  // Tests and proxies only: Zoom's REST API (default https://api.zoom.us) and OAuth server (default https://zoom.us).
  ZOOM_API_BASE: optional(httpUrl),
  ZOOM_OAUTH_BASE: optional(httpUrl),
  // Recordings made in the built-in room: kept this many days, then deleted with their file.
  RECORDING_RETENTION_DAYS: optional(int(1, 3650)).default(30),
  // The largest recording upload accepted (MB).
  RECORDING_MAX_MB: optional(int(1, 4096)).default(500),
  // A no-show report against someone who was in the room at least this many minutes is contradicted.
  NO_SHOW_MIN_ATTENDANCE_MINUTES: optional(int(1, 240)).default(5),

  // Files
  SUPABASE_URL: optional(httpUrl),
  SUPABASE_SERVICE_ROLE_KEY: optional(z.string()),
  SUPABASE_STORAGE_BUCKET: optional(z.string()).default('pathwise'),
});

export type TEnv = z.infer<typeof ZEnv>;

// Never echoed in an error message: a mistyped key is still a key.
const SECRET_VARIABLES = new Set(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_CONNECT_WEBHOOK_SECRET', 'PAYPAL_CLIENT_SECRET']);

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super('Invalid environment: ' + issues.map((i) => `${i.variable} ${i.message}`).join('; ') + ' (see .env.example)');
    this.name = 'EnvError';
  }
}

/** Parses an environment object; throws EnvError naming each bad variable. Pure: tests call it directly. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const raw = source[variable];
        const shown =
          raw === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got "${raw.length > 40 ? raw.slice(0, 40) + '…' : raw}")`;
        return { variable, message: issue.message.replace(/^Invalid input: /, '') + shown };
      }),
    );
  }
  const env = result.data;
  const pairs: [keyof TEnv, keyof TEnv][] = [
    ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'],
    ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
    ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
    ['ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID'],
    ['ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'],
    ['MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET'],
    ['CALENDLY_CLIENT_ID', 'CALENDLY_CLIENT_SECRET'],
    ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
    ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET'],
    ['PAYPAL_CLIENT_ID', 'PAYPAL_WEBHOOK_ID'],
  ];
  const missing = pairs.flatMap(([a, b]) =>
    env[a] && !env[b]
      ? [{ variable: b, message: `is required when ${a} is set` }]
      : env[b] && !env[a]
        ? [{ variable: a, message: `is required when ${b} is set` }]
        : [],
  );
  if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_FROM_NUMBER && !env.TWILIO_MESSAGING_SERVICE_SID) {
    missing.push({ variable: 'TWILIO_FROM_NUMBER', message: 'or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set' });
  }
  // Calendar tokens must not be sealed with a key derivable from a path in production.
  // Calendly personal tokens need no configuration, so in production the key is needed whenever calendars can be
  // connected at all; the message names what is set.
  const calendarSet = (['GOOGLE_CLIENT_ID', 'MICROSOFT_CLIENT_ID', 'CALENDLY_CLIENT_ID'] as const).filter((k) => env[k]);
  if (env.NODE_ENV === 'production' && calendarSet.length && !env.CALENDAR_TOKEN_KEYS) {
    missing.push({
      variable: 'CALENDAR_TOKEN_KEYS',
      message: `is required in production when a calendar provider (${calendarSet.join(', ')}) is set`,
    });
  }
  // On PGlite only the app's process can open the database, so no worker could run the jobs.
  if (!env.JOBS_IN_PROCESS && !env.DATABASE_URL) {
    missing.push({
      variable: 'JOBS_IN_PROCESS',
      message: 'is 0 but DATABASE_URL is not set: on PGlite jobs can only run inside the app (npm run worker needs Postgres)',
    });
  }
  // The test clock moves sessions to their end early; with Stripe it would send real transfers for sessions not held.
  if (env.TEST_CLOCK && env.STRIPE_SECRET_KEY) {
    missing.push({ variable: 'TEST_CLOCK', message: 'is for simulated payments only: unset it, or unset STRIPE_SECRET_KEY' });
  }
  if (missing.length) throw new EnvError(missing);
  return env;
}

let cached: TEnv | undefined;

/** The process environment, parsed once. */
export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** True inside `next build` (its prerender workers included), where nothing may open the database. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

/** Whether the cookies the app sets are `Secure`: `COOKIE_SECURE`, else in production only. */
export function secureCookies(): boolean {
  const e = env();
  return e.COOKIE_SECURE ?? e.NODE_ENV === 'production';
}
