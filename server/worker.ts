// npm run worker: runs background jobs (hold expiry, session completion…) in a process of its own, for
// deployments with DATABASE_URL. Run one or more next to the app and set JOBS_IN_PROCESS=0 on the app (or
// keep both: every runner takes jobs under a lease, so each job still runs once). On PGlite the app's
// process runs the jobs itself: only one process can open its database.
import { env, EnvError } from '@/lib/config';
import { getDb } from '@/lib/db';
import { startJobRunner, stopJobRunner } from '@/lib/jobs';
import '@/lib/jobs/definitions';
import { logger } from '@/lib/log/logger';

let e;
try {
  e = env();
} catch (err) {
  if (err instanceof EnvError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
if (!e.DATABASE_URL) {
  console.error('npm run worker needs DATABASE_URL; without it (PGlite) jobs run inside the app (npm run dev / npm start).');
  process.exit(1);
}

const db = await getDb();
await startJobRunner(db);
logger().info({ db: db.kind }, 'job worker ready');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, 'job worker stopping: waiting for running jobs');
    // Jobs still running after 25 s keep their lease; it lapses and another runner retries them.
    stopJobRunner(25_000)
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger().error({ err }, 'job worker did not stop cleanly');
          process.exit(1);
        },
      );
  });
}
