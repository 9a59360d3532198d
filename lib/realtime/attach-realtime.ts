import 'server-only';
import type { Server, Socket } from 'socket.io';
import { getSessionUser } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { hashToken } from '@/lib/auth/tokens';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { attachPublicNamespace } from './attach-public';
import { attachVideoNamespace } from '@/lib/video/attach-video';
import { VIDEO_NAMESPACE } from '@/lib/video/protocol';
import { expertRoom, PUBLIC_NAMESPACE, sessionRoom, userRoom, type TRealtimeEvent, type TRealtimeSink } from './events';

export type TAttachOptions = { getDb: () => Promise<TDb>; allowedOrigins: string[] };

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Browsers always send Origin on WebSocket and cross-origin requests, so a foreign page riding the
 * learner's cookie is refused here. A request without Origin (same-origin polling GET, or a non-browser
 * client, which has no victim's cookie to ride) still needs a valid session.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Socket.IO middleware: the origin rule, then the session cookie; sets socket.data.userId and sessionId. */
export function sessionAuth(o: TAttachOptions) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    const { origin, host } = socket.handshake.headers;
    if (!isOriginAllowed(origin, host, o.allowedOrigins)) return next(new Error('origin not allowed'));
    try {
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = await getSessionUser(await o.getDb(), token);
      if (!user || !token) return next(new Error('unauthorized'));
      socket.data.userId = user.id;
      socket.data.sessionId = hashToken(token);
      socket.data.userName = user.name;
      next();
    } catch (err) {
      logger().warn({ err }, 'realtime auth failed');
      next(new Error('unavailable'));
    }
  };
}

/**
 * Authenticates every connection by its session cookie (recovered connections too: the server is
 * created with `skipMiddlewares: false`) and puts it in its user's room; also opens the `/public` namespace
 * (attach-public.ts) for slot changes anyone may watch. Returns the sink publishers use.
 */
export function attachRealtime(io: Server, o: TAttachOptions): TRealtimeSink {
  const publicNsp = io.of(PUBLIC_NAMESPACE);
  attachPublicNamespace(publicNsp, { allowedOrigins: o.allowedOrigins });
  io.use(sessionAuth(o));
  // The built-in video room's signalling (lib/video/attach-video.ts), signed in the same way.
  attachVideoNamespace(io.of(VIDEO_NAMESPACE), { getDb: o.getDb, authenticate: sessionAuth(o) });
  io.on('connection', (socket) => {
    void socket.join([userRoom(socket.data.userId as string), sessionRoom(socket.data.sessionId as string)]);
  });
  return {
    emit: (userId: string, event: TRealtimeEvent) => void io.to(userRoom(userId)).emit('event', event),
    disconnectSessions: (sessionIds: string[]) => {
      if (!sessionIds.length) return;
      io.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
      io.of(VIDEO_NAMESPACE).in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    },
    slotsChanged: (expertId: string) => void publicNsp.to(expertRoom(expertId)).emit('slots.changed', { expertId }),
  };
}
