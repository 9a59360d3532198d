// npm run db:migrate | db:seed | db:reset — the same runner the app uses at start-up.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/config';
import { migrate } from '@/lib/db/migrate';
import { createPgliteDb } from '@/lib/db/pglite-client';
import { createPostgresDb } from '@/lib/db/postgres-client';
import { seedDemoIfEmpty } from '@/lib/seed/seed-demo';

const command = process.argv[2];
const e = env();

async function open() {
  return e.DATABASE_URL ? createPostgresDb(e.DATABASE_URL, 2) : createPgliteDb(path.resolve(e.DATA_DIR, 'pglite'));
}

if (command === 'reset') {
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
  if (command !== 'migrate') console.log((await seedDemoIfEmpty(db)) ? 'seeded demo data' : 'users exist: seed skipped');
  await db.close();
} else {
  console.error('usage: tsx scripts/db.ts migrate | seed | reset');
  process.exit(2);
}
