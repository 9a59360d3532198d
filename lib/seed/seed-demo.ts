import 'server-only';
import { hashPassword } from '@/lib/auth/password';
import { CONSENT_KINDS } from '@/lib/privacy/schemas';
import type { TEnv } from '@/lib/config/env';
import type { TDb, TPrivilegedTx } from '@/lib/db/types';
import { seedAvailability } from './seed-availability';
import { seedDemoCurricula } from './seed-curricula';
import { DEMO_ACCOUNTS, DEMO_EXPERTS, DEMO_PASSWORD } from './demo-data';
import { seedMarketplace } from './seed-marketplace';
import { seedReviews } from './seed-reviews';
import { demoSeedingWarning, isDemoSeedingOn } from './seed-policy';

const SEED_LOCK_KEY = 727_002;

async function insertUser(
  db: TPrivilegedTx,
  email: string,
  name: string,
  role: string,
  passwordHash: string,
  timezone = 'UTC',
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into public.users (email, name, role, password_hash, timezone) values ($1, $2, $3, $4, $5) returning id',
    [email, name, role, passwordHash, timezone],
  );
  // Demo people agreed to the terms and privacy notice as anyone signing up does (Settings shows it).
  await db.query(
    `insert into public.consents (user_id, kind, version, granted, source) values ($1, 'terms', $2, true, 'sign-up'), ($1, 'privacy', $3, true, 'sign-up')`,
    [rows[0].id, CONSENT_KINDS.terms.version, CONSENT_KINDS.privacy.version],
  );
  return rows[0].id;
}

/** Fills an empty database with the demo accounts and experts. Returns false when users already exist. */
export async function seedDemoIfEmpty(db: TDb): Promise<boolean> {
  return db.withAdvisoryLock(SEED_LOCK_KEY, async (conn) => {
    const { rows } = await conn.query<{ n: number }>('select count(*)::int as n from public.users');
    if (rows[0].n > 0) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await conn.exec('begin');
    try {
      await insertUser(conn, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.name, 'admin', passwordHash);
      await seedDemoCurricula(
        conn,
        await insertUser(conn, DEMO_ACCOUNTS.learner.email, DEMO_ACCOUNTS.learner.name, 'learner', passwordHash, 'Europe/London'),
      );
      for (const x of DEMO_EXPERTS) {
        const userId = await insertUser(conn, x.email, x.name, 'expert', passwordHash, x.timezone);
        const { rows: p } = await conn.query<{ id: string }>(
          `insert into public.expert_profiles
             (user_id, slug, display_name, headline, bio, specialties, tags, languages, years_experience, country, timezone,
              status, submitted_at, approved_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() - interval '30 days',
                   case when $12 = 'approved' then now() - interval '20 days' end)
           returning id`,
          [userId, x.slug, x.name, x.headline, x.bio, x.specialties, x.tags, x.languages, x.years, x.country, x.timezone, x.status],
        );
        for (const [minutes, price] of Object.entries(x.prices)) {
          await conn.query(
            'insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, $2, $3, $4)',
            [p[0].id, Number(minutes), price, x.currency],
          );
        }
      }
      await seedMarketplace(conn);
      await seedAvailability(conn);
      // Ratings come from seeded reviews (the database keeps the aggregates), never written directly.
      await seedReviews(conn);
      await conn.exec('commit');
    } catch (e) {
      await conn.exec('rollback');
      throw e;
    }
    return true;
  });
}

/**
 * The start-up seeding policy (lib/seed/seed-policy.ts): seeds an empty database only when demo seeding is
 * on, and shouts on stderr when that is the case in production. Returns whether it seeded.
 */
export async function seedDemoOnStart(
  db: TDb,
  e: Pick<TEnv, 'NODE_ENV' | 'SEED_DEMO'>,
  warn: (message: string) => void = console.warn,
): Promise<boolean> {
  if (!isDemoSeedingOn(e)) return false;
  const warning = demoSeedingWarning(e);
  if (warning) warn(warning);
  return seedDemoIfEmpty(db);
}
