import 'server-only';
import type { Server } from 'socket.io';
import { env } from '@/lib/config';
import { getDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { allowedOrigins } from './allowed-origins';
import { attachRealtime } from './attach-realtime';
import { setInProcessSink } from './publish-event';

// server/main.mjs creates the Socket.IO server on the app's own HTTP server and leaves it here; the
// Next bundle (instrumentation) wires authentication and publishing to it, so both share one database.
const holder = globalThis as unknown as { __pathwiseIo?: Server; __pathwiseIoAttached?: boolean };

export function mountInProcessRealtime(): boolean {
  const io = holder.__pathwiseIo;
  if (!io || holder.__pathwiseIoAttached) return false;
  holder.__pathwiseIoAttached = true;
  setInProcessSink(attachRealtime(io, { getDb, allowedOrigins: allowedOrigins(env()) }));
  logger().info('realtime mounted in-process');
  return true;
}
