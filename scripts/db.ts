// npm run db:migrate | db:seed | db:reset [-- --yes] — the same runner the app uses at start-up.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/config';
import { migrate } from '@/lib/db/migrate';
import { createPgliteDb } from '@/lib/db/pglite-client';
import { createPostgresDb } from '@/lib/db/postgres-client';
import { seedDemoIfEmpty } from '@/lib/seed/seed-demo';
import { isDemoSeedingOn } from '@/lib/seed/seed-policy';
import { checkReset, describeTarget } from './db-guard';

const command = process.argv[2];
const e = env();

async function open() {
  return e.DATABASE_URL ? createPostgresDb(e.DATABASE_URL, 2) : createPgliteDb(path.resolve(e.DATA_DIR, 'pglite'));
}

if (command === 'reset') {
  const check = checkReset({ nodeEnv: e.NODE_ENV, argv: process.argv.slice(3), target: describeTarget(e.DATABASE_URL, e.DATA_DIR) });
  if (!check.ok) {
    console.error(check.message);
    process.exit(1);
  }
  if (e.DATABASE_URL) {
    const db = await open();
    await db.exec('drop schema public cascade; create schema public; grant usage on schema public to anon, authenticated, service_role;');
    await db.close();
  } else {
    await rm(path.resolve(e.DATA_DIR, 'pglite'), { recursive: true, force: true });
  }
  console.log('database reset');
}
if (command === 'migrate' || command === 'reset' || command === 'seed') {
  const db = await open();
  const { applied } = await migrate(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'migrations: up to date');
  if (command !== 'migrate') {
    // The same policy as start-up: no demo accounts (public password) in production unless SEED_DEMO=true.
    if (!isDemoSeedingOn(e))
      console.log('demo seeding is off (production without SEED_DEMO=true): seed skipped; create an admin with npm run admin:create');
    else console.log((await seedDemoIfEmpty(db)) ? 'seeded demo data' : 'users exist: seed skipped');
  }
  await db.close();
} else {
  console.error('usage: tsx scripts/db.ts migrate | seed | reset');
  process.exit(2);
}
