// A bad environment stops the server with one line naming the variable, and the database is opened,
// migrated and seeded before the first request arrives.
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

// `next build` must never touch the database (PGlite's directory belongs to one process).
if (!isBuildPhase()) {
  const { getDb } = await import('./lib/db');
  const db = await getDb();
  const { recoverInterruptedGenerations } = await import('./lib/curriculum/recover-interrupted');
  await recoverInterruptedGenerations(db);
}

// server/main.mjs mounts Socket.IO on the app's HTTP server; wire its auth and publishing here, inside
// the Next bundle, so it uses the same database and session code as the routes.
if (!isBuildPhase()) {
  const { mountInProcessRealtime } = await import('./lib/realtime/mount-in-process');
  mountInProcessRealtime();
}
