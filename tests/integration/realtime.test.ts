import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, revokeSession, revokeUserSessions } from '@/lib/auth/sessions';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import type { TRealtimeEvent } from '@/lib/realtime/events';
import { listEventsAfter, publishEvent, pushDisconnect, pushToStream, setInProcessSink } from '@/lib/realtime/publish-event';
import { hashToken } from '@/lib/auth/tokens';
import { startSidecar } from '@/lib/realtime/start-sidecar';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
let http: HttpServer;
let io: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  http = createServer();
  io = new Server(http, { connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false } });
  setInProcessSink(attachRealtime(io, { getDb: async () => t.db, allowedOrigins: ['http://allowed.test'] }));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  setInProcessSink(undefined);
  await new Promise<void>((r) => io.close(() => r()));
  await t.drop();
});

async function learnerWithSession() {
  const user = await createUser(t.db);
  const { token } = await createSession(t.db, user.id, 1);
  return { user, token, cookie: `pw_session=${token}` };
}

function open(target: string, headers: Record<string, string>): Socket {
  const s = connect(target, { transports: ['websocket'], extraHeaders: headers, reconnectionDelay: 50, reconnectionDelayMax: 100 });
  sockets.push(s);
  return s;
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => (s.connected ? resolve() : (s.once('connect', () => resolve()), s.once('connect_error', reject))));
const refused = (s: Socket) => new Promise<string>((resolve) => s.once('connect_error', (e) => resolve(e.message)));
const nextEvent = (s: Socket) => new Promise<TRealtimeEvent>((resolve) => s.once('event', resolve));
/** How long until the server closes this socket (rejects after 5 s: the bound). */
const closedByServer = (s: Socket, started = Date.now()) =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket still open after 5 s')), 5000);
    s.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (reason === 'io server disconnect') resolve(Date.now() - started);
      else reject(new Error(`disconnected by ${reason}`));
    });
  });

describe('realtime in-process', () => {
  it("delivers each user's events to that user's sockets only, numbered in sequence", async () => {
    const a = await learnerWithSession();
    const b = await learnerWithSession();
    const sa = open(url, { cookie: a.cookie });
    const sb = open(url, { cookie: b.cookie });
    await Promise.all([connected(sa), connected(sb)]);
    const receivedByB: TRealtimeEvent[] = [];
    sb.on('event', (e: TRealtimeEvent) => receivedByB.push(e));

    const gotA = nextEvent(sa);
    await publishEvent(t.db, a.user.id, 'progress.updated', { lessonId: 'l1', status: 'done' });
    expect(await gotA).toMatchObject({ seq: 1, type: 'progress.updated', payload: { lessonId: 'l1' } });
    const gotA2 = nextEvent(sa);
    await publishEvent(t.db, a.user.id, 'progress.updated', { lessonId: 'l2' });
    expect((await gotA2).seq).toBe(2);

    const gotB = nextEvent(sb);
    await publishEvent(t.db, b.user.id, 'progress.updated', { lessonId: 'b1' });
    await gotB;
    expect(receivedByB.map((e) => e.payload.lessonId)).toEqual(['b1']);
  });

  it('refuses connections without a valid session or from a foreign origin', async () => {
    const a = await learnerWithSession();
    expect(await refused(open(url, {}))).toBe('unauthorized');
    expect(await refused(open(url, { cookie: 'pw_session=not-a-real-token' }))).toBe('unauthorized');
    expect(await refused(open(url, { cookie: a.cookie, origin: 'http://evil.test' }))).toBe('origin not allowed');
    const ok = open(url, { cookie: a.cookie, origin: 'http://allowed.test' });
    await connected(ok);
  });

  it('a client that drops briefly recovers the events it missed; the history covers a failed recovery', async () => {
    const a = await learnerWithSession();
    const s = open(url, { cookie: a.cookie });
    await connected(s);
    const first = nextEvent(s);
    await publishEvent(t.db, a.user.id, 'progress.updated', { n: 1 });
    await first;

    const serverSideGone = new Promise<void>((r) =>
      io
        .of('/')
        .sockets.get(s.id!)!
        .once('disconnect', () => r()),
    );
    s.io.engine.close(); // a network drop: the client reconnects by itself
    await serverSideGone;
    await publishEvent(t.db, a.user.id, 'progress.updated', { n: 2 });
    const missed = await nextEvent(s);
    expect(s.recovered).toBe(true);
    expect(missed).toMatchObject({ seq: 2, payload: { n: 2 } });
    // What a client whose recovery failed reads back in one request:
    expect((await listEventsAfter(t.db, a.user.id, 1)).map((e) => e.payload.n)).toEqual([2]);
  });
});

describe('revoked sessions lose their sockets (issue #9)', () => {
  it('closes the sockets of a signed-out session, and only those', async () => {
    const a = await learnerWithSession();
    const other = await createSession(t.db, a.user.id, 1);
    const mine = open(url, { cookie: a.cookie });
    const sameUserOtherDevice = open(url, { cookie: `pw_session=${other.token}` });
    await Promise.all([connected(mine), connected(sameUserOtherDevice)]);
    const closed = closedByServer(mine);
    await revokeSession(t.db, a.token);
    expect(await closed).toBeLessThan(5000);
    expect(sameUserOtherDevice.connected).toBe(true);
    // A password reset signs the account out everywhere: its remaining sockets close as well.
    const rest = closedByServer(sameUserOtherDevice);
    await revokeUserSessions(t.db, a.user.id);
    expect(await rest).toBeLessThan(5000);
  });
});

describe.skipIf(!process.env.REDIS_URL)('realtime sidecar with the Redis Streams adapter', () => {
  it("closes a revoked session's sockets on every sidecar instance, through the stream and the adapter", async () => {
    const prefix = `pw:test:${process.pid}:${randomBytes(4).toString('hex')}`;
    const redis = new Redis(process.env.REDIS_URL!);
    const opts = { getDb: async () => t.db, allowedOrigins: [], stream: `${prefix}:events`, adapterStream: `${prefix}:adapter` };
    const one = await startSidecar({ port: 0, redis, ...opts });
    const two = await startSidecar({ port: 0, redis: redis.duplicate(), ...opts });
    try {
      const a = await learnerWithSession();
      const onOne = open(`http://127.0.0.1:${one.port}`, { cookie: a.cookie });
      const onTwo = open(`http://127.0.0.1:${two.port}`, { cookie: a.cookie });
      await Promise.all([connected(onOne), connected(onTwo)]);
      const closed = Promise.all([closedByServer(onOne), closedByServer(onTwo)]);
      // What an app instance without in-process realtime does when it revokes the session.
      await pushDisconnect(redis, `${prefix}:events`, [hashToken(a.token)]);
      for (const ms of await closed) expect(ms).toBeLessThan(5000);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await redis.del(`${prefix}:events`, `${prefix}:adapter`);
      redis.disconnect();
    }
  });

  it('delivers events app instances push to the stream, to the right user, with recovery enabled', async () => {
    const prefix = `pw:test:${process.pid}:${randomBytes(4).toString('hex')}`;
    const redis = new Redis(process.env.REDIS_URL!);
    const sidecar = await startSidecar({
      port: 0,
      getDb: async () => t.db,
      redis,
      allowedOrigins: [],
      stream: `${prefix}:events`,
      adapterStream: `${prefix}:adapter`,
    });
    try {
      const a = await learnerWithSession();
      const s = open(`http://127.0.0.1:${sidecar.port}`, { cookie: a.cookie });
      await connected(s);
      const got = nextEvent(s);
      const event: TRealtimeEvent = { seq: 7, type: 'progress.updated', payload: { via: 'stream' }, at: new Date().toISOString() };
      await pushToStream(redis, `${prefix}:events`, a.user.id, event);
      expect(await got).toEqual(event);
      expect(await refused(open(`http://127.0.0.1:${sidecar.port}`, {}))).toBe('unauthorized');
    } finally {
      await sidecar.close();
      await redis.del(`${prefix}:events`, `${prefix}:adapter`);
      redis.disconnect();
    }
  });
});
