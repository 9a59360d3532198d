import { z } from 'zod';

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

/** Provider keys whose provider has no implementation yet, and what they would switch on. */
export const NOT_IMPLEMENTED = {
  GOOGLE_CLIENT_ID: 'Google Calendar',
  GOOGLE_CLIENT_SECRET: 'Google Calendar',
  ZOOM_ACCOUNT_ID: 'Zoom video',
  ZOOM_CLIENT_ID: 'Zoom video',
  ZOOM_CLIENT_SECRET: 'Zoom video',
} as const;

/** Any non-empty value is refused: there is no code to use it yet. */
const notImplemented = (variable: keyof typeof NOT_IMPLEMENTED) =>
  optional(z.string().refine(() => false, `is set but ${NOT_IMPLEMENTED[variable]} is not implemented yet in this version; unset it`));

export const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: optional(int(1, 65535)).default(3000),
  APP_URL: optional(httpUrl),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),

  // Database
  DATABASE_URL: optional(postgresUrl),
  DATABASE_POOL_MAX: optional(int(1, 200)).default(10),
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

  // Realtime (Socket.IO)
  REALTIME_URL: optional(httpUrl),
  REALTIME_PORT: optional(int(1, 65535)).default(3002),
  REALTIME_ALLOWED_ORIGINS: optional(z.string()),

  // Not implemented yet (later issues build them): a value here stops the server with one line rather than
  // flip a mode to a provider that has no code behind it. See NOT_IMPLEMENTED above.
  GOOGLE_CLIENT_ID: notImplemented('GOOGLE_CLIENT_ID'),
  GOOGLE_CLIENT_SECRET: notImplemented('GOOGLE_CLIENT_SECRET'),
  ZOOM_ACCOUNT_ID: notImplemented('ZOOM_ACCOUNT_ID'),
  ZOOM_CLIENT_ID: notImplemented('ZOOM_CLIENT_ID'),
  ZOOM_CLIENT_SECRET: notImplemented('ZOOM_CLIENT_SECRET'),

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
  // Delivery attempts of one message (retried with the job queue's backoff) before it is marked failed.
  NOTIFICATION_ATTEMPTS: optional(int(1, 20)).default(5),

  // Files
  SUPABASE_URL: optional(httpUrl),
  SUPABASE_SERVICE_ROLE_KEY: optional(z.string()),
  SUPABASE_STORAGE_BUCKET: optional(z.string()).default('pathwise'),
});

export type TEnv = z.infer<typeof ZEnv>;

// Never echoed in an error message: a mistyped key is still a key.
const SECRET_VARIABLES = new Set(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_CONNECT_WEBHOOK_SECRET']);

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
          raw === undefined || variable in NOT_IMPLEMENTED || SECRET_VARIABLES.has(variable)
            ? ''
            : ` (got "${raw.length > 40 ? raw.slice(0, 40) + '…' : raw}")`;
        return { variable, message: issue.message.replace(/^Invalid input: /, '') + shown };
      }),
    );
  }
  const env = result.data;
  const pairs: [keyof TEnv, keyof TEnv][] = [
    ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'],
    ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
    ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
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
  // On PGlite only the app's process can open the database, so no worker could run the jobs.
  if (!env.JOBS_IN_PROCESS && !env.DATABASE_URL) {
    missing.push({
      variable: 'JOBS_IN_PROCESS',
      message: 'is 0 but DATABASE_URL is not set: on PGlite jobs can only run inside the app (npm run worker needs Postgres)',
    });
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
