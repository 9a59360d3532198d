import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TWatchAck } from '@/lib/realtime/attach-public';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import { MAX_WATCHED_EXPERTS, type TSlotsChanged } from '@/lib/realtime/events';
import { setInProcessSink } from '@/lib/realtime/publish-event';
import { publishSlotsChanged, pushSlotsChanged } from '@/lib/realtime/publish-slots';
import { startSidecar } from '@/lib/realtime/start-sidecar';
import { createTestDb, type TTestDb } from '../support/test-db';

// The `/public` namespace: anyone may watch an expert's slots without signing in, and
// publishSlotsChanged reaches exactly the sockets watching that expert, in-process and via the sidecar.

let t: TTestDb;
let http: HttpServer;
let io: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  http = createServer();
  io = new Server(http);
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

function openPublic(base: string, headers: Record<string, string> = {}): Socket {
  const s = connect(`${base}/public`, { transports: ['websocket'], extraHeaders: headers, forceNew: true });
  sockets.push(s);
  return s;
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => (s.connected ? resolve() : (s.once('connect', () => resolve()), s.once('connect_error', reject))));
const watch = (s: Socket, id: unknown) => s.timeout(2000).emitWithAck('watch-expert', id) as Promise<TWatchAck>;
/** Resolves with the event if it arrives within `ms`, or null. */
const nextSlotsChanged = (s: Socket, ms: number) =>
  new Promise<{ event: TSlotsChanged; after: number } | null>((resolve) => {
    const started = Date.now();
    const timer = setTimeout(() => {
      s.off('slots.changed', on);
      resolve(null);
    }, ms);
    const on = (event: TSlotsChanged) => {
      clearTimeout(timer);
      resolve({ event, after: Date.now() - started });
    };
    s.once('slots.changed', on);
  });

describe('public slots namespace, in-process', () => {
  it('delivers slots.changed to sockets watching that expert within a second, and to no one else', async () => {
    const expertId = randomUUID();
    const watcher = openPublic(url);
    const otherExpertWatcher = openPublic(url);
    const idle = openPublic(url);
    await Promise.all([connected(watcher), connected(otherExpertWatcher), connected(idle)]);
    expect(await watch(watcher, expertId)).toEqual({ ok: true });
    expect(await watch(otherExpertWatcher, randomUUID())).toEqual({ ok: true });

    const got = nextSlotsChanged(watcher, 1000);
    const gotOther = nextSlotsChanged(otherExpertWatcher, 1000);
    const gotIdle = nextSlotsChanged(idle, 1000);
    publishSlotsChanged(expertId);
    const received = await got;
    expect(received?.event).toEqual({ expertId });
    expect(received!.after).toBeLessThan(1000);
    expect(await gotOther).toBeNull();
    expect(await gotIdle).toBeNull();
  });

  it('needs no session but refuses a foreign origin', async () => {
    await connected(openPublic(url, { origin: 'http://allowed.test' }));
    const foreign = openPublic(url, { origin: 'http://evil.test' });
    const message = await new Promise<string>((resolve) => foreign.once('connect_error', (e) => resolve(e.message)));
    expect(message).toBe('origin not allowed');
  });

  it('rejects an id that is not a uuid and caps the rooms one socket may watch', async () => {
    const s = openPublic(url);
    await connected(s);
    expect(await watch(s, 'not-a-uuid')).toEqual({ ok: false, error: 'invalid_expert' });
    expect(await watch(s, { id: randomUUID() })).toEqual({ ok: false, error: 'invalid_expert' });
    const ids = Array.from({ length: MAX_WATCHED_EXPERTS }, () => randomUUID());
    for (const id of ids) expect(await watch(s, id)).toEqual({ ok: true });
    expect(await watch(s, ids[0])).toEqual({ ok: true }); // watching again is not a new room
    expect(await watch(s, randomUUID())).toEqual({ ok: false, error: 'too_many' });
    s.emit('unwatch-expert', ids[1]);
    const extra = randomUUID();
    expect(await watch(s, extra)).toEqual({ ok: true });
    const got = nextSlotsChanged(s, 1000);
    publishSlotsChanged(extra.toUpperCase()); // ids compare case-insensitively
    expect((await got)?.event).toEqual({ expertId: extra });
  });

  it('stops delivering after unwatch-expert', async () => {
    const expertId = randomUUID();
    const s = openPublic(url);
    await connected(s);
    await watch(s, expertId);
    s.emit('unwatch-expert', expertId);
    await watch(s, randomUUID()); // a round trip, so the unwatch has been handled
    const got = nextSlotsChanged(s, 300);
    publishSlotsChanged(expertId);
    expect(await got).toBeNull();
  });
});

describe.skipIf(!process.env.REDIS_URL)('public slots namespace through the Redis stream and the sidecar', () => {
  it('delivers what an app instance without in-process realtime pushes to the stream, on every sidecar', async () => {
    const prefix = `pw:test:${process.pid}:${randomBytes(4).toString('hex')}`;
    const redis = new Redis(process.env.REDIS_URL!);
    const opts = { getDb: async () => t.db, allowedOrigins: [], stream: `${prefix}:events`, adapterStream: `${prefix}:adapter` };
    const one = await startSidecar({ port: 0, redis, ...opts });
    const two = await startSidecar({ port: 0, redis: redis.duplicate(), ...opts });
    try {
      const expertId = randomUUID();
      const onOne = openPublic(`http://127.0.0.1:${one.port}`);
      const onTwo = openPublic(`http://127.0.0.1:${two.port}`);
      const notWatching = openPublic(`http://127.0.0.1:${two.port}`);
      await Promise.all([connected(onOne), connected(onTwo), connected(notWatching)]);
      await watch(onOne, expertId);
      await watch(onTwo, expertId);
      const got = [nextSlotsChanged(onOne, 1000), nextSlotsChanged(onTwo, 1000)];
      const none = nextSlotsChanged(notWatching, 1000);
      await pushSlotsChanged(redis, `${prefix}:events`, expertId);
      for (const r of await Promise.all(got)) expect(r?.event).toEqual({ expertId });
      expect(await none).toBeNull();
    } finally {
      await Promise.all([one.close(), two.close()]);
      await redis.del(`${prefix}:events`, `${prefix}:adapter`);
      redis.disconnect();
    }
  });
});
