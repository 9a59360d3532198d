import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLimiter } from '@/lib/auth/rate-limit';
import { createSession, getSessionUser, revokeSession } from '@/lib/auth/sessions';
import { createRedisCache, type TCache } from '@/lib/cache/cache';
import { createRedis, isRedisReady } from '@/lib/cache/redis';
import { pushSlotsChanged } from '@/lib/realtime/publish-slots';
import { startSidecar, type TSidecar } from '@/lib/realtime/start-sidecar';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// Redis stopped while the app serves, then started again: nothing waits on the dead socket (cache reads miss and
// go to the database, limits count in-process), nothing is lost (a session revoked during the gap stays revoked
// when Redis comes back with its old data), and realtime through the sidecar works again after a restart that
// lost the stream. A redis-server of this test's own, on a free port: the shared one is never touched.

let t: TTestDb;
let dir: string;
let port: number;
let server: ChildProcess | undefined;
const clients: Redis[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** Starts redis-server on `port`; with `fromDump`, it loads what the last SAVE wrote (Redis back with old data). */
async function startRedis(fromDump = false): Promise<void> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--dbfilename',
    'dump.rdb',
  ];
  if (!fromDump) rmSync(path.join(dir, 'dump.rdb'), { force: true });
  server = spawn('redis-server', args, { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      probe.stdout.on('data', (d) => (out += d));
      probe.on('exit', () => resolve(out.includes('PONG')));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  await new Promise((r) => {
    s.once('exit', r);
    s.kill('SIGKILL'); // a crash, not a clean shutdown
  });
}

const until = async (what: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
};

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'pw-redis-outage-'));
  port = await freePort();
  await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await stopRedis();
  rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

function client(): Redis {
  const c = createRedis(`redis://127.0.0.1:${port}`);
  clients.push(c);
  return c;
}

describe('the app while its Redis is down', () => {
  let redis: Redis;
  let cache: TCache;

  it('keeps serving sessions, cache and limits without waiting on Redis, and replays missed deletes when it returns', async () => {
    redis = client();
    const prefix = `pw:outage:${randomUUID()}:`;
    cache = createRedisCache(redis, prefix);
    await until(() => isRedisReady(redis));
    const user = await createUser(t.db, { role: 'learner' });
    const kept = await createSession(t.db, user.id, 1);
    const revoked = await createSession(t.db, user.id, 1);
    // Both sessions are now cached in Redis; the dump keeps them for the "back with old data" restart.
    expect(await getSessionUser(t.db, kept.token, cache)).toMatchObject({ id: user.id });
    expect(await getSessionUser(t.db, revoked.token, cache)).toMatchObject({ id: user.id });
    await cache.set('plain', 'before', 60);
    expect(await cache.get('plain')).toBe('before');
    await redis.save();
    const limiter = makeLimiter({ keyPrefix: `outage:${randomUUID()}`, points: 3, duration: 60, redis });

    await stopRedis();
    await until(() => !isRedisReady(redis));

    // Reads miss at once and the database answers; nothing waits for a reconnect.
    const read = await timed(() => getSessionUser(t.db, kept.token, cache));
    expect(read.value).toMatchObject({ id: user.id });
    expect(read.ms).toBeLessThan(500);
    expect((await timed(() => cache.get('plain'))).value).toBeUndefined();
    // A sign-out during the gap: gone from the database, its cache entry deleted when Redis returns.
    const signOut = await timed(() => revokeSession(t.db, revoked.token, cache));
    expect(signOut.ms).toBeLessThan(500);
    expect(await getSessionUser(t.db, revoked.token, cache)).toBeNull();
    // Limits keep holding (in-process) instead of failing the request.
    for (let i = 0; i < 3; i++) expect((await timed(() => limiter.consume('10.0.0.1'))).ms).toBeLessThan(500);
    await expect(limiter.consume('10.0.0.1')).rejects.toBeInstanceOf(RateLimiterRes);

    // Redis comes back with its old data (the revoked session still cached there).
    await startRedis(true);
    await until(() => isRedisReady(redis));
    await new Promise((r) => setTimeout(r, 300)); // the replay runs on 'ready'
    expect(await getSessionUser(t.db, revoked.token, cache)).toBeNull();
    // Another app instance (its own cache object, the same Redis) did not see the sign-out happen: it must not
    // find the revoked session in Redis either.
    const otherInstance = createRedisCache(redis, prefix);
    expect(await getSessionUser(t.db, revoked.token, otherInstance)).toBeNull();
    expect(await getSessionUser(t.db, kept.token, cache)).toMatchObject({ id: user.id });
    // The cache is Redis again: what is written is read back from it.
    await cache.set('plain', 'after', 60);
    expect(await cache.get('plain')).toBe('after');
    const fresh = makeLimiter({ keyPrefix: `outage:${randomUUID()}`, points: 1, duration: 60, redis });
    await fresh.consume('10.0.0.2');
    await expect(fresh.consume('10.0.0.2')).rejects.toBeInstanceOf(RateLimiterRes);
  });
});

describe('the realtime sidecar across a Redis restart', () => {
  let sidecar: TSidecar | undefined;
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await sidecar?.close();
  });

  it('delivers slots.changed again after Redis restarted empty (stream and consumer group lost)', async () => {
    if (!server) await startRedis(); // whatever the test before left behind
    const redis = client();
    await until(() => isRedisReady(redis));
    const prefix = `pw:outage:${randomUUID()}`;
    sidecar = await startSidecar({
      port: 0,
      redis,
      getDb: async () => t.db,
      allowedOrigins: [],
      stream: `${prefix}:events`,
      adapterStream: `${prefix}:adapter`,
    });
    const socket = connect(`http://127.0.0.1:${sidecar.port}/public`, { transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    const expertId = randomUUID();
    await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
    expect(await socket.timeout(2000).emitWithAck('watch-expert', expertId)).toEqual({ ok: true });
    const next = () =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        socket.once('slots.changed', () => (clearTimeout(timer), resolve(true)));
      });

    let got = next();
    await pushSlotsChanged(redis, `${prefix}:events`, expertId);
    expect(await got).toBe(true);

    await stopRedis();
    await until(() => !isRedisReady(redis));
    await startRedis(); // empty: no persistence
    await until(() => isRedisReady(redis));
    got = next();
    await pushSlotsChanged(redis, `${prefix}:events`, expertId);
    expect(await got).toBe(true);
  });
});
