import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { sessionRoom } from '@/lib/realtime/events';
import { ROOM_REFUSALS } from './access-window';
import { recordJoin, recordLeave } from './attendance';
import { peerOf, roomOf, ZChat, ZJoin, ZSignal, type TChatAck, type TChatMessage, type TJoinAck, type TRoomRole } from './protocol';
import { roomAccess } from './room-access';

export type TVideoOptions = {
  getDb: () => Promise<TDb>;
  authenticate: (socket: Socket, next: (err?: Error) => void) => void | Promise<void>;
};

/** What a socket in a room carries (socket.data.video; plain data: the adapter serializes it for fetchSockets). */
type TJoined = {
  bookingId: string;
  role: TRoomRole;
  instance: string;
  otherUserId: string | null;
  attendanceId: string;
};

/** Chat: at most this many messages per socket in CHAT_WINDOW_MS. */
const CHAT_BURST = 20;
const CHAT_WINDOW_MS = 10_000;
/** setTimeout's ceiling; a room closing later than this is closed by the next join's check instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const reply = <T>(ack: unknown, r: T) => (typeof ack === 'function' ? (ack as (r: T) => void)(r) : undefined);

/**
 * The `/video` namespace: signalling for the built-in 1:1 room. Every socket is signed in (the same cookie
 * middleware as the default namespace); `join` checks the room's access rule (lib/video/room-access.ts) and puts
 * the socket in the booking's room and in its own user's peer room, so offers, answers and ICE candidates go to
 * the other participant's sockets only — across instances too, through the Socket.IO adapter.
 */
export function attachVideoNamespace(nsp: Namespace, o: TVideoOptions): void {
  nsp.use((socket, next) => void o.authenticate(socket, next));
  nsp.on('connection', (socket) => {
    void socket.join(sessionRoom(socket.data.sessionId as string));
    const userId = socket.data.userId as string;
    const name = (socket.data.userName as string | undefined) ?? '';
    const chatTimes: number[] = [];
    let closeTimer: NodeJS.Timeout | undefined;

    const leave = async (gone: boolean) => {
      const j = socket.data.video as TJoined | undefined;
      if (!j) return;
      socket.data.video = undefined;
      clearTimeout(closeTimer);
      // A tab replaced by another of the same user was already taken out of the room: it says nothing.
      const inRoom = socket.rooms.has(peerOf(j.bookingId, userId));
      if (inRoom && j.otherUserId) socket.to(peerOf(j.bookingId, j.otherUserId)).emit('peer-left', { role: j.role, gone });
      void socket.leave(roomOf(j.bookingId));
      void socket.leave(peerOf(j.bookingId, userId));
      try {
        await recordLeave(await o.getDb(), j.attendanceId);
      } catch (err) {
        logger().warn({ err, bookingId: j.bookingId }, 'video: could not record a leave');
      }
    };

    socket.on('join', async (raw: unknown, ack?: unknown) => {
      const parsed = ZJoin.safeParse(raw);
      const refuse = (reason: keyof typeof ROOM_REFUSALS | 'not_found') =>
        reply<TJoinAck>(ack, {
          ok: false,
          status: 403,
          reason,
          message: reason === 'not_found' ? ROOM_REFUSALS.not_participant : ROOM_REFUSALS[reason],
        });
      if (!parsed.success) return refuse('not_found');
      try {
        const db = await o.getDb();
        const access = await roomAccess(db, userId, parsed.data.bookingId);
        if (!access.ok) return refuse(access.reason);
        const { room } = access;
        await leave(false); // a socket is in one room at a time; joining again (after a reconnect) starts a new stay
        // The same user in another tab: that tab leaves the room (one camera per side).
        const mine = peerOf(room.bookingId, userId);
        nsp.to(mine).except(socket.id).emit('replaced');
        nsp
          .in(mine)
          .except(socket.id)
          .socketsLeave([mine, roomOf(room.bookingId)]);
        const attendanceId = await recordJoin(db, { bookingId: room.bookingId, userId, role: room.role });
        const joined: TJoined = {
          bookingId: room.bookingId,
          role: room.role,
          instance: parsed.data.instance,
          otherUserId: room.otherUserId,
          attendanceId,
        };
        const untilClose = new Date(room.closesAt).getTime() - Date.now();
        if (untilClose < MAX_TIMER_MS) {
          closeTimer = setTimeout(() => {
            socket.emit('room-closed');
            void leave(true);
          }, untilClose);
          closeTimer.unref?.();
        }
        socket.data.video = joined;
        await socket.join([roomOf(room.bookingId), mine]);
        let peerInstance: string | null = null;
        if (room.otherUserId) {
          const other = peerOf(room.bookingId, room.otherUserId);
          const there = await nsp
            .in(other)
            .fetchSockets()
            .catch(() => []);
          const theirs = there.map((s) => s.data.video as TJoined | undefined).find((v) => v?.bookingId === room.bookingId);
          peerInstance = theirs ? theirs.instance : null;
          socket.to(other).emit('peer-joined', { role: room.role, instance: joined.instance });
        }
        // The learner is the polite side of perfect negotiation: on glare it rolls back its own offer.
        reply<TJoinAck>(ack, {
          ok: true,
          role: room.role,
          polite: room.role === 'learner',
          peerPresent: peerInstance !== null,
          peerInstance,
          closesAt: room.closesAt,
        });
      } catch (err) {
        logger().warn({ err }, 'video: join failed');
        reply(ack, { ok: false, status: 503, reason: 'unavailable', message: 'The room is unavailable; try again.' });
      }
    });

    socket.on('signal', (raw: unknown) => {
      const j = socket.data.video as TJoined | undefined;
      if (!j?.otherUserId || !socket.rooms.has(peerOf(j.bookingId, userId))) return;
      const parsed = ZSignal.safeParse(raw);
      if (!parsed.success) return;
      socket.to(peerOf(j.bookingId, j.otherUserId)).emit('signal', parsed.data);
    });

    socket.on('chat', (raw: unknown, ack?: unknown) => {
      const j = socket.data.video as TJoined | undefined;
      if (!j || !socket.rooms.has(roomOf(j.bookingId))) return reply<TChatAck>(ack, { ok: false, error: 'not_joined' });
      const parsed = ZChat.safeParse(raw);
      if (!parsed.success) return reply<TChatAck>(ack, { ok: false, error: 'invalid' });
      const now = Date.now();
      while (chatTimes.length && chatTimes[0] <= now - CHAT_WINDOW_MS) chatTimes.shift();
      if (chatTimes.length >= CHAT_BURST) return reply<TChatAck>(ack, { ok: false, error: 'too_fast' });
      chatTimes.push(now);
      const message: TChatMessage = { id: randomUUID(), role: j.role, name, text: parsed.data.text, at: new Date(now).toISOString() };
      socket.to(roomOf(j.bookingId)).emit('chat', message);
      reply<TChatAck>(ack, { ok: true, message });
    });

    socket.on('leave', async (ack?: unknown) => {
      await leave(true);
      reply(ack, { ok: true });
    });
    // 'disconnecting': the socket is still in its rooms (on 'disconnect' they are gone and it could not tell the peer).
    // A client that disconnects on purpose left (its 'leave' event, dispatched on the next tick, may come after
    // this); a transport that closed or timed out is a drop the peer may come back from.
    socket.on('disconnecting', (reason) => void leave(reason === 'client namespace disconnect'));
  });
}
