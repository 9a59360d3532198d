import 'server-only';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { attachRealtime } from './attach-realtime';
import { REALTIME_GROUP, ZRealtimeEvent } from './events';
import { z } from 'zod';

export type TSidecarOptions = {
  port: number;
  getDb: () => Promise<TDb>;
  redis: Redis;
  allowedOrigins: string[];
  /** The stream app instances push to (unique per test run). */
  stream: string;
  /** The Socket.IO adapter's own stream (unique per test run). */
  adapterStream?: string;
};

export type TSidecar = { io: Server; http: HttpServer; port: number; close(): Promise<void> };

const ZEntry = z.union([
  z.object({ userId: z.string().uuid(), event: ZRealtimeEvent }),
  z.object({ disconnect: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(1000) }),
  z.object({ slotsChanged: z.uuid() }),
]);

/**
 * The realtime sidecar: Socket.IO with the Redis Streams adapter (the one that supports connection
 * state recovery across instances), fed by the stream app instances push to.
 */
export async function startSidecar(o: TSidecarOptions): Promise<TSidecar> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  // The adapter and the stream reader block on XREAD for seconds at a time, longer than the app's per-command
  // timeout (lib/cache/redis.ts), so they get a connection without one.
  const blocking = o.redis.duplicate({ commandTimeout: undefined });
  // The main client logs an outage; without a listener ioredis prints every reconnect failure of these too.
  blocking.on('error', () => undefined);
  const io = new Server(http, {
    path: '/socket.io/',
    serveClient: false,
    cors: { origin: o.allowedOrigins, credentials: true },
    adapter: createAdapter(blocking, { streamName: o.adapterStream ?? 'socket.io' }),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  const sink = attachRealtime(io, { getDb: o.getDb, allowedOrigins: o.allowedOrigins });

  // Also run again when Redis comes back empty (a restart without persistence loses the stream and its group;
  // reading would then fail with NOGROUP forever). Then from the stream's start: everything in it was pushed
  // after the restart and not read by anyone yet.
  const createGroup = (from: '$' | '0') =>
    o.redis.xgroup('CREATE', o.stream, REALTIME_GROUP, from, 'MKSTREAM').catch((e: Error) => {
      if (!/BUSYGROUP/.test(e.message)) throw e;
    });
  await createGroup('$');
  const reader = blocking.duplicate();
  reader.on('error', () => undefined);
  let failing = false; // logs a failed read once per outage, not every half second
  const consumer = `sidecar-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const res = (await reader.xreadgroup('GROUP', REALTIME_GROUP, consumer, 'COUNT', 100, 'BLOCK', 1000, 'STREAMS', o.stream, '>')) as
          [string, [string, string[]][]][] | null;
        for (const [, entries] of res ?? []) {
          for (const [id, fields] of entries) {
            const parsed = ZEntry.safeParse(JSON.parse(fields[fields.indexOf('data') + 1] ?? 'null'));
            if (parsed.success) {
              if ('disconnect' in parsed.data) sink.disconnectSessions(parsed.data.disconnect);
              else if ('slotsChanged' in parsed.data) sink.slotsChanged(parsed.data.slotsChanged.toLowerCase());
              else sink.emit(parsed.data.userId, parsed.data.event);
            }
            await reader.xack(o.stream, REALTIME_GROUP, id);
          }
        }
        failing = false;
      } catch (err) {
        if (!running) break;
        if (err instanceof Error && /NOGROUP/.test(err.message)) {
          await createGroup('0').catch(() => undefined);
          continue;
        }
        if (!failing) logger().warn({ err }, 'realtime stream read failed; retrying every 500 ms');
        failing = true;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();

  await new Promise<void>((r) => http.listen(o.port, r));
  return {
    io,
    http,
    port: (http.address() as AddressInfo).port,
    async close() {
      running = false;
      reader.disconnect();
      await loop;
      await new Promise<void>((r) => io.close(() => r()));
      blocking.disconnect();
    },
  };
}
