import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { getBookingView } from '@/lib/booking/views';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import { startSidecar } from '@/lib/realtime/start-sidecar';
import { attendanceFor } from '@/lib/video/attendance';
import type { TChatAck, TChatMessage, TJoinAck, TSignal } from '@/lib/video/protocol';
import { roomAccess } from '@/lib/video/room-access';
import { createBooking } from '../support/booking-factories';
import { createUser } from '../support/factories';
import { createExpert } from '../support/rls-factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// Issue #13: the `/video` namespace. Only the booking's learner and expert may join, only while the room is open
// and the booking confirmed; offers, answers and candidates reach the other participant only; join and leave
// times are recorded; the same through two Redis sidecars (different instances for the two participants).

let t: TTestDb;
let http: HttpServer;
let io: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  http = createServer();
  io = new Server(http);
  attachRealtime(io, { getDb: async () => t.db, allowedOrigins: [] });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise<void>((r) => io.close(() => r()));
  await t.drop();
});

async function cookieFor(user: TSessionUser) {
  const { token } = await createSession(t.db, user.id, 1);
  return `pw_session=${token}`;
}

/** A learner and an expert with a booking; `endsInMinutes` from now (60-minute session), status as given. */
async function world(o: { status?: 'confirmed' | 'held' | 'cancelled' | 'completed'; endsInMinutes?: number } = {}) {
  const learner = await createUser(t.db, { role: 'learner' });
  const expert = await createExpert(t.db, { status: 'approved' });
  const booking = await createBooking(t.db, expert.profileId, learner.id, {
    status: o.status ?? 'confirmed',
    endedHoursAgo: -(o.endsInMinutes ?? 30) / 60,
  });
  return { learner, expert: expert.user, booking, learnerCookie: await cookieFor(learner), expertCookie: await cookieFor(expert.user) };
}

function open(base: string, cookie: string): Socket {
  const s = connect(`${base}/video`, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  sockets.push(s);
  return s;
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => (s.connected ? resolve() : (s.once('connect', () => resolve()), s.once('connect_error', reject))));
const join = (s: Socket, bookingId: string, instance = 'i') => s.emitWithAck('join', { bookingId, instance }) as Promise<TJoinAck>;
const next = <T>(s: Socket, event: string, ms = 3000) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    s.once(event, (v: T) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
/** Resolves true if `event` arrives within ms, false otherwise. */
const arrives = (s: Socket, event: string, ms = 400) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    s.once(event, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

const OFFER: TSignal = { key: 'a:1', description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };
const ANSWER: TSignal = { key: 'b:1', description: { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' } };

describe('video room access (lib/video/room-access.ts)', () => {
  it('admits the learner and the expert inside the window; refuses others, other statuses and other times', async () => {
    const w = await world();
    const stranger = await createUser(t.db, { role: 'learner' });
    const admin = await createUser(t.db, { role: 'admin' });
    expect(await roomAccess(t.db, w.learner.id, w.booking.id)).toMatchObject({
      ok: true,
      room: { role: 'learner', otherUserId: w.expert.id },
    });
    expect(await roomAccess(t.db, w.expert.id, w.booking.id)).toMatchObject({
      ok: true,
      room: { role: 'expert', otherUserId: w.learner.id },
    });
    expect(await roomAccess(t.db, stranger.id, w.booking.id)).toEqual({ ok: false, reason: 'not_participant' });
    expect(await roomAccess(t.db, admin.id, w.booking.id)).toEqual({ ok: false, reason: 'not_participant' });
    expect(await roomAccess(t.db, w.learner.id, 'not-a-uuid')).toEqual({ ok: false, reason: 'not_found' });
    const start = w.booking.startsAt.getTime();
    const end = w.booking.endsAt.getTime();
    expect(await roomAccess(t.db, w.learner.id, w.booking.id, { now: new Date(start - 10 * 60_000 - 1) })).toEqual({
      ok: false,
      reason: 'too_early',
    });
    expect((await roomAccess(t.db, w.learner.id, w.booking.id, { now: new Date(start - 10 * 60_000) })).ok).toBe(true);
    expect(await roomAccess(t.db, w.learner.id, w.booking.id, { now: new Date(end + 30 * 60_000) })).toEqual({
      ok: false,
      reason: 'ended',
    });
    const held = await world({ status: 'held' });
    expect(await roomAccess(t.db, held.learner.id, held.booking.id)).toEqual({ ok: false, reason: 'not_confirmed' });
  });

  it("the booking view's joinUrl is the room for the two sides while it has not closed, with its window", async () => {
    const w = await world({ endsInMinutes: 24 * 60 });
    const view = await getBookingView(t.db, w.learner, w.booking.id);
    expect(view.joinUrl).toBe(`/sessions/${w.booking.id}/room`);
    expect(Date.parse(view.joinOpensAt!)).toBe(w.booking.startsAt.getTime() - 10 * 60_000);
    expect(Date.parse(view.joinClosesAt!)).toBe(w.booking.endsAt.getTime() + 30 * 60_000);
    const later = await getBookingView(t.db, w.expert, w.booking.id, { now: new Date(w.booking.endsAt.getTime() + 31 * 60_000) });
    expect(later.joinUrl).toBeNull();
    const cancelled = await world({ status: 'cancelled' });
    expect((await getBookingView(t.db, cancelled.learner, cancelled.booking.id)).joinUrl).toBeNull();
  });
});

describe('the /video namespace in-process', () => {
  it('refuses a signed-out socket', async () => {
    const s = open(url, '');
    await expect(connected(s)).rejects.toThrow('unauthorized');
  });

  it('refuses join to a third user, outside the window and for an unconfirmed booking, with 403', async () => {
    const w = await world();
    const third = open(url, await cookieFor(await createUser(t.db, { role: 'learner' })));
    await connected(third);
    expect(await join(third, w.booking.id)).toMatchObject({ ok: false, status: 403, reason: 'not_participant' });
    // The refused socket relays nothing to the room's participants.
    const learner = open(url, w.learnerCookie);
    await connected(learner);
    expect(await join(learner, w.booking.id)).toMatchObject({ ok: true, role: 'learner', polite: true, peerPresent: false });
    third.emit('signal', OFFER);
    third.emit('chat', { text: 'let me in' });
    expect(await arrives(learner, 'signal')).toBe(false);

    const early = await world({ endsInMinutes: 60 + 11 }); // starts in 11 minutes
    const e = open(url, early.learnerCookie);
    await connected(e);
    expect(await join(e, early.booking.id)).toMatchObject({ ok: false, status: 403, reason: 'too_early' });
    const late = await world({ endsInMinutes: -31 });
    const l = open(url, late.expertCookie);
    await connected(l);
    expect(await join(l, late.booking.id)).toMatchObject({ ok: false, status: 403, reason: 'ended' });
    const held = await world({ status: 'held' });
    const h = open(url, held.learnerCookie);
    await connected(h);
    expect(await join(h, held.booking.id)).toMatchObject({ ok: false, status: 403, reason: 'not_confirmed' });
    const gone = await world({ status: 'cancelled' });
    const g = open(url, gone.expertCookie);
    await connected(g);
    expect(await join(g, gone.booking.id)).toMatchObject({ ok: false, status: 403, reason: 'not_confirmed' });
  });

  it('relays offer, answer and candidates to the other participant only; chat to both; records attendance', async () => {
    const w = await world();
    const other = await world(); // a second room open at the same time: nothing may cross over
    const [learner, expert, otherLearner, otherExpert] = [
      open(url, w.learnerCookie),
      open(url, w.expertCookie),
      open(url, other.learnerCookie),
      open(url, other.expertCookie),
    ];
    await Promise.all([learner, expert, otherLearner, otherExpert].map(connected));
    expect(await join(learner, w.booking.id, 'L')).toMatchObject({ ok: true, peerPresent: false });
    await join(otherLearner, other.booking.id);
    await join(otherExpert, other.booking.id);
    const peerJoined = next<{ role: string; instance: string }>(learner, 'peer-joined');
    expect(await join(expert, w.booking.id, 'E')).toMatchObject({
      ok: true,
      role: 'expert',
      polite: false,
      peerPresent: true,
      peerInstance: 'L',
    });
    expect(await peerJoined).toEqual({ role: 'expert', instance: 'E' });

    const leaks = [arrives(otherLearner, 'signal', 600), arrives(otherExpert, 'signal', 600), arrives(learner, 'signal', 300)];
    const gotOffer = next<TSignal>(expert, 'signal');
    learner.emit('signal', OFFER);
    expect(await gotOffer).toEqual(OFFER);
    expect(await Promise.all(leaks)).toEqual([false, false, false]); // not the other room, not back to the sender

    const gotAnswer = next<TSignal>(learner, 'signal');
    expert.emit('signal', ANSWER);
    expect(await gotAnswer).toEqual(ANSWER);
    const candidate: TSignal = {
      key: 'b:1',
      candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    };
    const gotCandidate = next<TSignal>(learner, 'signal');
    expert.emit('signal', candidate);
    expect(await gotCandidate).toEqual(candidate);
    // Junk is dropped, not relayed.
    expert.emit('signal', { key: 'b:1', description: { type: 'offer', sdp: 5 } });
    expect(await arrives(learner, 'signal', 300)).toBe(false);

    const chatToExpert = next<TChatMessage>(expert, 'chat');
    const ack = (await learner.emitWithAck('chat', { text: '  Hello, Emily  ' })) as TChatAck;
    expect(ack).toMatchObject({ ok: true, message: { role: 'learner', text: 'Hello, Emily' } });
    expect(await chatToExpert).toMatchObject({ role: 'learner', text: 'Hello, Emily' });
    expect(await otherExpert.emitWithAck('chat', { text: '' })).toEqual({ ok: false, error: 'invalid' });

    const left = next<{ role: string; gone: boolean }>(expert, 'peer-left');
    learner.emit('leave');
    expect(await left).toEqual({ role: 'learner', gone: true });
    const dropped = next<{ role: string; gone: boolean }>(learner, 'peer-left').catch(() => null);
    await join(learner, w.booking.id, 'L'); // back in: a second stay
    expert.io.engine.close(); // a dropped connection (the transport closes)
    expect(await dropped).toEqual({ role: 'expert', gone: false });

    await expect
      .poll(async () => (await attendanceFor(t.db, w.booking.id)).intervals.filter((i) => i.leftAt).length, { timeout: 3000 })
      .toBe(2);
    const a = await attendanceFor(t.db, w.booking.id);
    expect(a.intervals.map((i) => [i.role, i.leftAt === null])).toEqual([
      ['learner', false],
      ['expert', false],
      ['learner', true],
    ]);
    expect(a.learner).toMatchObject({ present: true, lastLeftAt: null });
    expect(a.expert.present).toBe(false);
    expect(a.expert.firstJoinedAt).toBeInstanceOf(Date);
    expect(a.expert.lastLeftAt!.getTime()).toBeGreaterThanOrEqual(a.expert.firstJoinedAt!.getTime());
    expect((await attendanceFor(t.db, other.booking.id)).intervals).toHaveLength(2);
  });

  it('a client that disconnects on purpose has left; the peer is told so', async () => {
    const w = await world();
    const learner = open(url, w.learnerCookie);
    const expert = open(url, w.expertCookie);
    await Promise.all([learner, expert].map(connected));
    await join(learner, w.booking.id, 'L');
    await join(expert, w.booking.id, 'E');
    const left = next<{ role: string; gone: boolean }>(learner, 'peer-left');
    expert.emit('leave');
    expert.disconnect(); // the server dispatches 'leave' on the next tick, after the disconnect
    expect(await left).toEqual({ role: 'expert', gone: true });
  });

  it('chat is limited to 20 messages per 10 seconds per socket, and only inside a room', async () => {
    const w = await world();
    const s = open(url, w.learnerCookie);
    await connected(s);
    expect(await s.emitWithAck('chat', { text: 'before joining' })).toEqual({ ok: false, error: 'not_joined' });
    await join(s, w.booking.id);
    const acks = [];
    for (let i = 0; i < 21; i++) acks.push((await s.emitWithAck('chat', { text: `m${i}` })) as TChatAck);
    expect(acks.slice(0, 20).every((a) => a.ok)).toBe(true);
    expect(acks[20]).toEqual({ ok: false, error: 'too_fast' });
    expect(await s.emitWithAck('chat', { text: 'x'.repeat(2001) })).toEqual({ ok: false, error: 'invalid' });
  });

  it('the same user in a second tab takes over; the first tab is told and relays nothing more', async () => {
    const w = await world();
    const tab1 = open(url, w.learnerCookie);
    const tab2 = open(url, w.learnerCookie);
    const expert = open(url, w.expertCookie);
    await Promise.all([tab1, tab2, expert].map(connected));
    await join(expert, w.booking.id, 'E');
    await join(tab1, w.booking.id, 'T1');
    const replaced = arrives(tab1, 'replaced', 2000);
    expect(await join(tab2, w.booking.id, 'T2')).toMatchObject({ ok: true, peerPresent: true });
    expect(await replaced).toBe(true);
    tab1.emit('signal', OFFER);
    expect(await arrives(expert, 'signal', 300)).toBe(false);
    const fromTab2 = next<TSignal>(expert, 'signal');
    tab2.emit('signal', OFFER);
    expect(await fromTab2).toEqual(OFFER);
  });
});

describe.skipIf(!process.env.REDIS_URL)('the /video namespace through two Redis sidecars', () => {
  it('relays between participants on different sidecar instances, and refuses a third user there too', async () => {
    const prefix = `pw:test:${process.pid}:${randomBytes(4).toString('hex')}`;
    const redis = new Redis(process.env.REDIS_URL!);
    const opts = { getDb: async () => t.db, allowedOrigins: [], stream: `${prefix}:events`, adapterStream: `${prefix}:adapter` };
    const one = await startSidecar({ port: 0, redis, ...opts });
    const two = await startSidecar({ port: 0, redis: redis.duplicate(), ...opts });
    try {
      const w = await world();
      const learner = open(`http://127.0.0.1:${one.port}`, w.learnerCookie);
      const expert = open(`http://127.0.0.1:${two.port}`, w.expertCookie);
      const third = open(`http://127.0.0.1:${two.port}`, await cookieFor(await createUser(t.db)));
      await Promise.all([learner, expert, third].map(connected));
      expect(await join(third, w.booking.id)).toMatchObject({ ok: false, status: 403 });
      await join(learner, w.booking.id, 'L');
      const peerJoined = next(learner, 'peer-joined');
      // The learner is on the other instance: the expert still learns it is there (fetchSockets through the adapter).
      expect(await join(expert, w.booking.id, 'E')).toMatchObject({ ok: true, peerPresent: true, peerInstance: 'L' });
      await peerJoined;
      const gotOffer = next<TSignal>(expert, 'signal');
      learner.emit('signal', OFFER);
      expect(await gotOffer).toEqual(OFFER);
      const gotAnswer = next<TSignal>(learner, 'signal');
      expert.emit('signal', ANSWER);
      expect(await gotAnswer).toEqual(ANSWER);
      const chat = next<TChatMessage>(learner, 'chat');
      await expert.emitWithAck('chat', { text: 'across instances' });
      expect((await chat).text).toBe('across instances');
    } finally {
      await Promise.all([one.close(), two.close()]);
      await redis.del(`${prefix}:events`, `${prefix}:adapter`);
      redis.disconnect();
    }
  });
});
