// A bad environment stops the server with one line naming the variable. The database is opened,
// migrated and seeded in the background from here, so the server answers pages that need no data
// (the landing page) at once, and the first request that needs the database waits for the same promise.
import { env, EnvError, isBuildPhase } from './lib/config/env';

try {
  env();
} catch (e) {
  if (e instanceof EnvError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

// `next build` must never touch the database (PGlite's directory belongs to one process). Interrupted
// curriculum generations need nothing here: each is a job, taken again once its lease lapses (at once on
// PGlite, where the runner releases a dead process's leases on start).
if (!isBuildPhase()) {
  const { getDb } = await import('./lib/db');
  const { logger } = await import('./lib/log/logger');
  // In the background: the server answers pages that need no data at once.
  getDb().catch((e: unknown) => logger().error({ err: e }, 'database start-up failed; the next request retries'));
}

// Background jobs (hold expiry, session completion…) run in this process unless JOBS_IN_PROCESS=0, which
// leaves them to `npm run worker` (Postgres only). Job modules are imported first, so jobs left waiting by
// a previous process find their handler. A database that fails to open is retried, as requests retry it.
if (!isBuildPhase() && env().JOBS_IN_PROCESS) {
  const { getDb } = await import('./lib/db');
  const { logger } = await import('./lib/log/logger');
  await import('./lib/jobs/definitions');
  const { startJobRunner } = await import('./lib/jobs');
  const startJobs = (): void => {
    getDb()
      .then((db) => startJobRunner(db))
      .catch((e: unknown) => {
        logger().error({ err: e }, 'job runner could not start; retrying in 10 s');
        setTimeout(startJobs, 10_000).unref();
      });
  };
  startJobs();
}

// server/main.mjs mounts Socket.IO on the app's HTTP server; wire its auth and publishing here, inside
// the Next bundle, so it uses the same database and session code as the routes.
if (!isBuildPhase()) {
  const { mountInProcessRealtime } = await import('./lib/realtime/mount-in-process');
  mountInProcessRealtime();
}

// The directory's fast lane on the same HTTP server (production only: in dev, Next's reloads must see edits).
if (!isBuildPhase() && process.env.NODE_ENV === 'production') {
  const { registerFastLane } = await import('./lib/http/fast-lane');
  registerFastLane();
}
