// npm run realtime: the Socket.IO sidecar as its own process, for deployments with DATABASE_URL and
// REDIS_URL (PGlite can be opened by one process only; on the embedded default, realtime runs inside
// the app's process instead — see server/main.mjs). Run any number of these behind a load balancer;
// set REALTIME_URL on the app so browsers connect here.
import { env } from '@/lib/config';
import { getRedis } from '@/lib/cache/redis';
import { getDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { allowedOrigins } from '@/lib/realtime/allowed-origins';
import { REALTIME_STREAM } from '@/lib/realtime/events';
import { startSidecar } from '@/lib/realtime/start-sidecar';

const e = env();
const redis = getRedis();
if (!e.DATABASE_URL || !redis) {
  console.error('npm run realtime needs DATABASE_URL and REDIS_URL; without them realtime runs inside the app (npm start).');
  process.exit(1);
}
await getDb();
const sidecar = await startSidecar({
  port: e.REALTIME_PORT,
  getDb,
  redis,
  allowedOrigins: allowedOrigins(e),
  stream: REALTIME_STREAM,
  adapterStream: 'pw:realtime:adapter',
});
logger().info({ port: sidecar.port }, 'realtime sidecar ready');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void sidecar.close().then(() => process.exit(0)));
}
