import 'server-only';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { expertRoom, MAX_WATCHED_EXPERTS } from './events';
import { isOriginAllowed } from './attach-realtime';

export type TWatchAck = { ok: true } | { ok: false; error: 'invalid_expert' | 'too_many' };

const ZExpertId = z.uuid();

/**
 * The `/public` namespace: no sign-in (slot changes are public facts, the payload is only the expert id),
 * the same origin rule as the signed-in namespace. A socket joins `expert:<id>` rooms with `watch-expert`
 * and leaves them with `unwatch-expert`; it may watch at most MAX_WATCHED_EXPERTS experts at once.
 */
export function attachPublicNamespace(nsp: Namespace, o: { allowedOrigins: string[] }): void {
  nsp.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (!isOriginAllowed(origin, host, o.allowedOrigins)) return next(new Error('origin not allowed'));
    next();
  });
  nsp.on('connection', (socket) => {
    const watched = () => [...socket.rooms].filter((r) => r.startsWith('expert:')).length;
    socket.on('watch-expert', (id: unknown, ack?: unknown) => {
      const reply = (r: TWatchAck) => (typeof ack === 'function' ? (ack as (r: TWatchAck) => void)(r) : undefined);
      const parsed = ZExpertId.safeParse(id);
      if (!parsed.success) return reply({ ok: false, error: 'invalid_expert' });
      const room = expertRoom(parsed.data.toLowerCase());
      if (!socket.rooms.has(room) && watched() >= MAX_WATCHED_EXPERTS) return reply({ ok: false, error: 'too_many' });
      void socket.join(room);
      reply({ ok: true });
    });
    socket.on('unwatch-expert', (id: unknown) => {
      const parsed = ZExpertId.safeParse(id);
      if (parsed.success) void socket.leave(expertRoom(parsed.data.toLowerCase()));
    });
  });
}
