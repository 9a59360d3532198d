// npm run bench:faults — faults while the production server serves, on the machine's Postgres (a fresh database,
// dropped at the end) and a Redis of its own (BENCH_REDIS_PORT, default 6391; the shared 6379 is never touched).
// The app runs as in a scaled-out deployment: `npm start` with REALTIME_URL, and the realtime sidecar
// (`npm run realtime`) fed through the Redis stream, so Redis carries sessions, cache, rate limits and realtime.
//  (a) Redis killed (SIGKILL) while 50 clients load the directory and a signed-in page, started again ~5 s later
//      (empty: no persistence). Per-phase throughput and errors; during the gap a sign-in, a lesson progress write,
//      the sign-in limit and an availability save; after it, the same again plus a realtime delivery.
//  (b) Postgres backends terminated mid-request: an availability save (one transaction of several statements) is
//      held on a lock after its deletes and inserts, every backend of the app's database is terminated, and the
//      answer, the rows and the next requests are checked; BENCH_PG_ROUNDS (3) times, under light load.
// Writes bench/results/faults.json and bench/FAULTS.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { io as connect } from 'socket.io-client';
import { createBenchServer, pct, sql } from './support/bench-server.mjs';
import {
  createFreshDatabase,
  createOwnRedis,
  DEMO_PASSWORD,
  ensureBuild,
  expertIdOf,
  machine,
  resaveAvailability,
  signIn,
  uptime,
  cleanUpOnExit,
  tearDown,
} from './load-support.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3393);
const SIDECAR_PORT = PORT + 1;
const GAP_SECONDS = Number(process.env.BENCH_GAP_SECONDS ?? 5);
const PG_ROUNDS = Number(process.env.BENCH_PG_ROUNDS ?? 3);
// Few enough that, on a busy 2-core machine, requests are not already timing out before Redis goes away.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const AFTER_SECONDS = 10;

ensureBuild();
const redis = createOwnRedis(Number(process.env.BENCH_REDIS_PORT ?? 6391));
await redis.start();
const db = await createFreshDatabase('pw_bench_faults');
const uptimeBefore = uptime();
let server;
let sidecar;
cleanUpOnExit({ redis, db, groups: () => [server?.pid, sidecar?.pid].filter(Boolean) });
const bench = createBenchServer({
  port: PORT,
  databaseUrl: db.url,
  dataDir: '.data/bench-faults',
  env: { REDIS_URL: redis.url, AUTH_MAX_ATTEMPTS_PER_IP: '1000' },
});
const { base } = bench;
const sidecarUrl = `http://localhost:${SIDECAR_PORT}`;
const sockets = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const json = (cookie) => ({ cookie, origin: base, 'content-type': 'application/json' });

try {
  // The sidecar first (it migrates nothing the app does not), then the app pointing browsers at it.
  await bench.portFree();
  server = bench.start({ REALTIME_URL: sidecarUrl });
  await bench.waitFor('/api/health');
  sidecar = spawn('npx', ['tsx', '--conditions=react-server', 'server/realtime.ts'], {
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REALTIME_PORT: String(SIDECAR_PORT),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(sidecarUrl + '/socket.io/?EIO=4&transport=polling').then(
        (r) => r.status === 200,
        () => false,
      )
    )
      break;
    await sleep(100);
  }

  const learner = await signIn(base, 'learner@pathwise.dev');
  const expert = await signIn(base, 'expert@pathwise.dev');
  const expertId = await expertIdOf(db.url, 'expert@pathwise.dev');
  const { rows: lessonRows } = await sql(
    db.url,
    `select c.id as curriculum_id, l ->> 'id' as lesson_id from public.curricula c join public.users u on u.id = c.user_id,
       jsonb_array_elements(c.plan -> 'modules') m, jsonb_array_elements(m -> 'lessons') l
      where u.email = 'learner@pathwise.dev' and c.status = 'ready' limit 1`,
  );
  if (!lessonRows[0]) throw new Error('the demo learner has no ready curriculum');
  const lesson = lessonRows[0];

  // A public socket watching the demo expert, through the sidecar.
  const watcher = connect(`${sidecarUrl}/public`, { transports: ['websocket'], forceNew: true });
  sockets.push(watcher);
  await new Promise((resolve, reject) => (watcher.once('connect', resolve), watcher.once('connect_error', reject)));
  await watcher.timeout(5000).emitWithAck('watch-expert', expertId);
  /** Saves availability and reports whether the watcher heard `slots.changed` within `ms`. */
  async function saveAndListen(ms = 5000) {
    const heard = new Promise((resolve) => {
      const timer = setTimeout(() => (watcher.off('slots.changed', on), resolve(false)), ms);
      const on = () => (clearTimeout(timer), resolve(true));
      watcher.once('slots.changed', on);
    });
    const res = await resaveAvailability(base, expert);
    return { saveStatus: res.status, delivered: await heard };
  }
  const progressWrite = async (notes) =>
    (
      await fetch(`${base}/api/curricula/${lesson.curriculum_id}/lessons/${lesson.lesson_id}`, {
        method: 'PATCH',
        headers: json(learner),
        body: JSON.stringify({ notes }),
      })
    ).status;
  /** Failed sign-ins for one account until refused: the status of each (the 6th should be 429). */
  async function signInLimit(email) {
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch(base + '/api/auth/sign-in', {
        method: 'POST',
        headers: json(''),
        body: JSON.stringify({ email, password: 'wrong-password' }),
      });
      statuses.push(r.status);
    }
    return statuses;
  }
  const freshSignIn = async () =>
    (
      await fetch(base + '/api/auth/sign-in', {
        method: 'POST',
        headers: json(''),
        body: JSON.stringify({ email: 'admin@pathwise.dev', password: DEMO_PASSWORD }),
      })
    ).status;
  const healthOf = async () => (await (await fetch(base + '/api/health')).json()).checks;

  const checksBefore = { realtime: await saveAndListen(), health: await healthOf() };
  console.log('before:', checksBefore);

  // ---- (a) Redis killed and restarted under load ----
  let redisOutage = null;
  if (!process.env.BENCH_ONLY_PG) {
    const events = []; // [ms since start, status | 0 for an error]
    let started = 0;
    const paths = ['/experts', '/learn'];
    let n = 0;
    let inst;
    const run = new Promise((resolve, reject) => {
      inst = autocannon(
        {
          // Stopped by hand AFTER_SECONDS after the restart.
          url: base,
          connections: CONNECTIONS,
          duration: 600,
          timeout: 10,
          requests: [{ setupRequest: (req) => ({ ...req, path: paths[n++ % 2], headers: { ...req.headers, cookie: learner } }) }],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      inst.on('response', (_c, status, _b, ms) => events.push([performance.now() - started, status, ms]));
      inst.on('reqError', () => events.push([performance.now() - started, 0, 0]));
    });
    started = performance.now();
    await sleep(5000);
    const killedAt = performance.now() - started;
    await redis.kill();
    const loadDuringGap = +os.loadavg()[0].toFixed(2);
    // The checks run during the gap; Redis starts again once GAP_SECONDS have passed and they are done.
    const [gap] = await Promise.all([
      (async () => {
        await sleep(500);
        return {
          health: await healthOf(),
          signIn: await freshSignIn(),
          progressWrite: await progressWrite(`written while Redis was down ${killedAt.toFixed(0)}`),
          signInLimit: await signInLimit('maya.okafor@pathwise.dev'),
          realtime: await saveAndListen(1500),
        };
      })(),
      sleep(GAP_SECONDS * 1000),
    ]);
    console.log('during the gap:', gap);
    const restartedAt = performance.now() - started;
    await redis.start();
    let backMs = null;
    for (let i = 0; i < 200; i++) {
      if ((await healthOf()).redis) {
        backMs = Math.round(performance.now() - started - restartedAt);
        break;
      }
      await sleep(50);
    }
    await sleep(restartedAt + AFTER_SECONDS * 1000 - (performance.now() - started));
    const stoppedAt = performance.now() - started;
    inst.stop();
    const ac = await run;
    const after = {
      redisBackAfterMs: backMs,
      health: await healthOf(),
      signIn: await freshSignIn(),
      signInLimit: await signInLimit('lukas.becker@pathwise.dev'),
      realtime: await saveAndListen(),
      progressStored:
        (
          await sql(db.url, 'select notes from public.lesson_progress where curriculum_id = $1 and lesson_id = $2', [
            lesson.curriculum_id,
            lesson.lesson_id,
          ])
        ).rows[0]?.notes ?? null,
      redisKeysAfter: Number(spawnSync('redis-cli', ['-p', String(redis.port), 'dbsize'], { encoding: 'utf8' }).stdout.trim()),
    };
    console.log('after:', after);
    const phase = (name, from, to) => {
      const ev = events.filter(([t]) => t >= from && t < to);
      const lat = ev
        .filter(([, s]) => s)
        .map(([, , ms]) => ms)
        .sort((a, b) => a - b);
      const ok = ev.filter(([, s]) => s >= 200 && s < 400).length;
      return {
        name,
        seconds: +((to - from) / 1000).toFixed(1),
        responses: ev.length,
        rps: Math.round(ev.length / ((to - from) / 1000)),
        ok,
        non2xx: ev.filter(([, s]) => s >= 400).length,
        errors: ev.filter(([, s]) => s === 0).length,
        errorRate: ev.length ? +(((ev.length - ok) / ev.length) * 100).toFixed(2) : 0,
        p50: lat.length ? +pct(lat, 50).toFixed(1) : null,
        p99: lat.length ? +pct(lat, 99).toFixed(1) : null,
      };
    };
    const end = stoppedAt;
    redisOutage = {
      connections: CONNECTIONS,
      gapSeconds: +((restartedAt - killedAt) / 1000).toFixed(1),
      loadDuringGap,
      phases: [
        phase('before (Redis up)', 1000, killedAt),
        phase('gap (Redis killed)', killedAt, restartedAt),
        phase('first 2 s after restart', restartedAt, restartedAt + 2000),
        phase('after (Redis back)', restartedAt + 2000, end),
      ],
      killedAtSecond: +(killedAt / 1000).toFixed(1),
      restartedAtSecond: +(restartedAt / 1000).toFixed(1),
      timeline: Array.from({ length: Math.floor(stoppedAt / 1000) }, (_, s) => {
        const ev = events.filter(([t]) => t >= s * 1000 && t < (s + 1) * 1000);
        return { second: s, responses: ev.length, failed: ev.filter(([, st]) => st === 0 || st >= 400).length };
      }),
      autocannon: { total: ac.requests.total, non2xx: ac.non2xx, errors: ac.errors, timeouts: ac.timeouts },
      checksBefore,
      gap,
      after,
    };
  }

  // ---- (b) Postgres backends terminated mid-request ----
  const pgRounds = [];
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const counts = async () =>
    (
      await admin.query(
        `select (select count(*)::int from public.availability_rules where expert_id = $1) as rules,
      (select coalesce(string_agg(weekday || ':' || start_minute || '-' || end_minute, ',' order by weekday, start_minute), '') from public.availability_rules where expert_id = $1) as fingerprint,
      (select buffer_before_minutes from public.availability_settings where expert_id = $1) as buffer`,
        [expertId],
      )
    ).rows[0];
  const current = (await (await fetch(base + '/api/expert/availability', { headers: json(expert) })).json()).availability;
  for (let round = 0; round < PG_ROUNDS; round++) {
    // Light load meanwhile, so pooled connections are in use and idle when they are terminated.
    const bg = { ok: 0, failed: 0, statuses: {} };
    let loading = true;
    const background = (async () => {
      while (loading) {
        await Promise.all(
          Array.from({ length: 5 }, () =>
            fetch(base + '/learn', { headers: { cookie: learner }, redirect: 'manual' }).then(
              (r) => (r.status === 200 ? bg.ok++ : (bg.failed++, (bg.statuses[r.status] = (bg.statuses[r.status] ?? 0) + 1))),
              () => bg.failed++,
            ),
          ),
        );
      }
    })();
    const before = await counts();
    const changed = {
      ...current,
      weekly: current.weekly.map((d) => ({ ...d, ranges: d.weekday === 7 ? [{ startMinute: 600 + round, endMinute: 660 }] : d.ranges })),
      settings: { ...current.settings, bufferBeforeMinutes: 25 + round },
    };
    await admin.query('begin');
    await admin.query('lock table public.availability_settings in share mode'); // the save's last statement waits here
    const t0 = performance.now();
    let answeredAfterMs = null;
    const save = fetch(base + '/api/expert/availability', { method: 'PUT', headers: json(expert), body: JSON.stringify(changed) });
    save.then(
      () => (answeredAfterMs = Math.round(performance.now() - t0)),
      () => undefined,
    );
    let waiting = [];
    for (let i = 0; i < 3000 && !waiting.length; i++) {
      // Inside a transaction pg_stat_activity is a snapshot taken at its first read: clear it to see the save arrive.
      await admin.query('select pg_stat_clear_snapshot()');
      waiting = (
        await admin.query("select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and wait_event_type = 'Lock'", [
          db.name,
        ])
      ).rows;
      if (!waiting.length) await sleep(10);
    }
    // When the save was not seen waiting, what the app's connections were doing instead (for the report).
    await admin.query('select pg_stat_clear_snapshot()');
    const activity = waiting.length
      ? undefined
      : (
          await admin.query(
            'select state, wait_event_type, wait_event, left(query, 100) as query, round(extract(epoch from now() - xact_start))::int as xact_s from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [db.name],
          )
        ).rows;
    const answeredBeforeTerminate = answeredAfterMs;
    await admin.query('select pg_stat_clear_snapshot()');
    const terminated = (
      await admin.query(
        'select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()) t',
        [db.name],
      )
    ).rows[0].n;
    await admin.query('rollback');
    const res = await save;
    const body = await res.json().catch(() => null);
    const answerMs = Math.round(performance.now() - t0);
    const rowsAfter = await counts();
    loading = false;
    await background;
    const retry = await fetch(base + '/api/expert/availability', { method: 'PUT', headers: json(expert), body: JSON.stringify(changed) });
    const rowsRetried = await counts();
    const healthAfter = (await fetch(base + '/api/health')).status;
    pgRounds.push({
      round,
      heldSaveWaiting: waiting.length === 1,
      answeredBeforeTerminate: answeredBeforeTerminate,
      activity,
      terminatedBackends: terminated,
      status: res.status,
      answerMs,
      body,
      // Either untouched or the whole save (what the same save, sent again, leaves), never a mix.
      rowsBefore: before,
      rowsAfter,
      rowsRetried,
      allOrNothing: [before, rowsRetried].some((r) => JSON.stringify(r) === JSON.stringify(rowsAfter)),
      retryStatus: retry.status,
      retryApplied: rowsRetried.buffer === 25 + round,
      healthAfter,
      background: bg,
    });
    console.log(`pg round ${round}:`, pgRounds[pgRounds.length - 1]);
    // Restore the original availability for the next round.
    await fetch(base + '/api/expert/availability', { method: 'PUT', headers: json(expert), body: JSON.stringify(current) });
  }
  await admin.end();

  const out = {
    date: new Date().toISOString(),
    machine: machine(),
    uptimeBefore,
    uptimeAfter: uptime(),
    redisOutage,
    postgresDrop: pgRounds,
  };
  if (process.env.BENCH_ONLY_PG) {
    console.log(JSON.stringify(out.postgresDrop, null, 2)); // a partial run: the committed results stay as they are
  } else {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/faults.json', JSON.stringify(out, null, 2) + '\n');
    writeFileSync('bench/FAULTS.md', render(out));
    console.log('wrote bench/results/faults.json and bench/FAULTS.md');
  }
} finally {
  for (const s of sockets) s.disconnect();
  await tearDown({ server, sidecar, db, redis });
}
process.exit(0);

function render(o) {
  const r = o.redisOutage;
  const m = o.machine;
  const yes = (b) => (b ? 'yes' : '**no**');
  const ph = (p) =>
    `| ${p.name} | ${p.seconds} | ${p.rps} | ${p.ok} | ${p.non2xx} | ${p.errors} | ${p.errorRate} % | ${p.p50} | ${p.p99} |`;
  return [
    '# Fault benchmark: Redis killed while serving, Postgres connections dropped mid-request',
    '',
    `Generated by \`npm run bench:faults\` on ${o.date}, commit \`${m.commit}\`${m.dirty ? ' (with uncommitted changes)' : ''} — ${m.cpus} × ${m.cpuModel}, Node ${m.node}.`,
    `\`uptime\` before: \`${o.uptimeBefore}\`; after: \`${o.uptimeAfter}\`. Absolute rates depend on what else the machine runs (see the load average); the`,
    'error counts and the checks are what this bench is about.',
    '',
    'Setup: the production server (`server/main.mjs`) with `REALTIME_URL` set, the realtime sidecar (`npm run realtime`) as its own',
    "process, a fresh database on the machine's Postgres with the demo seed, and a redis-server of the bench's own carrying",
    'sessions, the cache, rate limits and the realtime stream. How the app degrades and recovers: docs/operations.md.',
    '',
    `## (a) Redis killed (SIGKILL) under load, started again ${r.gapSeconds} s later (empty)`,
    '',
    `autocannon, ${r.connections} connections alternating \`/experts\` and \`/learn\` (signed in as the demo learner, so both render per request), timeout 10 s.`,
    `Load average (1 min) during the gap: ${r.loadDuringGap}.`,
    '',
    '| phase | s | req/s | 2xx/3xx | 4xx/5xx | errors | error rate | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.phases.map(ph),
    '',
    `Per second (responses / failed; Redis killed at ${r.killedAtSecond} s, started at ${r.restartedAtSecond} s): ${r.timeline.map((t) => `${t.second}s ${t.responses}/${t.failed}`).join(', ')}.`,
    '"errors" are requests autocannon gave up on (10 s timeout) or whose connection failed.',
    '',
    '| check | before | during the gap | after |',
    '| --- | --- | --- | --- |',
    `| /api/health checks | ${JSON.stringify(r.checksBefore.health)} | ${JSON.stringify(r.gap.health)} | ${JSON.stringify(r.after.health)} (Redis used again ${r.after.redisBackAfterMs} ms after it started) |`,
    `| sign-in (new session) | — | ${r.gap.signIn} | ${r.after.signIn} |`,
    `| sign-in limit, 6 wrong passwords for one account | — | ${r.gap.signInLimit.join(', ')} | ${r.after.signInLimit.join(', ')} |`,
    `| lesson progress write (PATCH notes) | — | ${r.gap.progressWrite} | stored after the restart: ${yes(r.after.progressStored?.startsWith('written while Redis was down'))} |`,
    `| availability save → \`slots.changed\` via the sidecar | ${r.checksBefore.realtime.saveStatus}, delivered: ${yes(r.checksBefore.realtime.delivered)} | ${r.gap.realtime.saveStatus}, delivered: ${r.gap.realtime.delivered ? 'yes' : 'no (expected: the stream is down; watchers refetch on reconnect)'} | ${r.after.realtime.saveStatus}, delivered: ${yes(r.after.realtime.delivered)} |`,
    '',
    `## (b) Postgres backends terminated mid-request (${o.postgresDrop.length} rounds)`,
    '',
    'An availability save (`PUT /api/expert/availability`: delete the rules and overrides, insert the new ones, upsert the settings,',
    'one transaction) is held on a lock the bench takes on `availability_settings`, after its deletes and inserts ran; then',
    "`select pg_terminate_backend(pid) from pg_stat_activity where datname = '<the bench db>' and pid <> pg_backend_pid()` ends it and",
    'every pooled connection, while 5 clients keep loading `/learn`. Rows are counted before and after; "all-or-nothing" means',
    'they are either untouched or exactly what the same save leaves when sent again. A round whose save was not caught waiting',
    '(a slow machine) shows "held: no" and tests nothing. A `/learn` request whose query was cut gets Next\'s error page (500);',
    'API routes answer 503 in the error shape.',
    '',
    '| round | held | backends terminated | answer | body | rows before → after | all-or-nothing | same save again | /api/health | background /learn ok / failed |',
    '| ---: | --- | ---: | --- | --- | --- | --- | --- | ---: | --- |',
    ...o.postgresDrop.map(
      (p) =>
        `| ${p.round} | ${p.heldSaveWaiting ? 'yes' : 'no'} | ${p.terminatedBackends} | ${p.status} in ${p.answerMs} ms | ${p.body?.error ? `\`${JSON.stringify({ code: p.body.error.code, message: p.body.error.message })}\`` : p.status === 200 ? 'saved' : `\`${JSON.stringify(p.body)?.slice(0, 120)}\``} | ${p.rowsBefore.rules} rules, buffer ${p.rowsBefore.buffer} → ${p.rowsAfter.rules} rules, buffer ${p.rowsAfter.buffer} | ${yes(p.allOrNothing)} | ${p.retryStatus}, applied: ${yes(p.retryApplied)} | ${p.healthAfter} | ${p.background.ok} / ${p.background.failed}${p.background.failed ? ` ${JSON.stringify(p.background.statuses)}` : ''} |`,
    ),
    '',
    'Rerun: `npm run bench:faults` (env: `BENCH_PG`, `BENCH_REDIS_PORT`, `BENCH_PORT`, `BENCH_GAP_SECONDS`, `BENCH_PG_ROUNDS`, `BENCH_REBUILD=1`).',
    '',
  ].join('\n');
}
