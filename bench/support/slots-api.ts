// The GET /api/experts/:slug/slots load run that bench/slots.ts and bench/calendar-slots.ts share: a fresh database,
// the production server on it, the bench's own seed, a probe that the API answers with slots, then 31-day months
// from today … today + 6 in viewers' zones around the world, once with answers kept (the default) and once with
// nothing kept (DIRECTORY_CACHE_SECONDS=0: every request loads and computes).
import { createBenchServer, sql, type TLoadResult } from './bench-server.mjs';

const DAY = 86_400_000;
const ZONES = ['Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles', 'UTC', 'Australia/Lord_Howe', 'America/New_York', 'Asia/Kathmandu'];

/** A deterministic pseudo-random sequence in [0, 1), so every run measures the same input. */
export function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

export type TSlotsApiOptions = {
  server: string;
  dbName: string;
  port: number;
  dataDir: string;
  connections: number;
  seconds: number;
  /** Seeds the expert (on the migrated database the server made) and says its slug. */
  seed: (databaseUrl: string, today: number) => Promise<string>;
  /** The two runs' names: answers kept, nothing kept. */
  names: [string, string];
};

export async function runSlotsApi(o: TSlotsApiOptions): Promise<{ results: TLoadResult[]; slug: string; probeSlots: number }> {
  const databaseUrl = `${o.server}/${o.dbName}`;
  await sql(`${o.server}/postgres`, `drop database if exists ${o.dbName} with (force)`);
  await sql(`${o.server}/postgres`, `create database ${o.dbName}`);
  const bench = createBenchServer({ port: o.port, databaseUrl, dataDir: o.dataDir, connections: o.connections, seconds: o.seconds });
  await bench.portFree();
  const server = bench.start();
  try {
    await bench.waitFor('/api/health');
    const today = Date.parse(new Date().toISOString().slice(0, 10));
    const slug = await o.seed(databaseUrl, today);
    await sql(databaseUrl, 'vacuum analyze public.bookings');
    await sql(databaseUrl, 'vacuum analyze public.busy_blocks');
    const probe = await fetch(`${bench.base}/api/experts/${slug}/slots?length=60&tz=UTC`);
    const body = (await probe.json()) as { slots?: unknown[] };
    if (!probe.ok || !body.slots?.length)
      throw new Error(`the slots API did not answer with slots: ${probe.status} ${JSON.stringify(body).slice(0, 200)}`);
    console.log(`probe: ${body.slots.length} slots in 31 days`);

    const dates = [0, 1, 2, 3, 4, 5, 6].map((d) => new Date(today + d * DAY).toISOString().slice(0, 10));
    const path = (i: number) => {
      const from = dates[i % dates.length];
      const to = new Date(Date.parse(from) + 31 * DAY).toISOString().slice(0, 10);
      return `/api/experts/${slug}/slots?from=${from}&to=${to}&length=${[60, 30, 90][i % 3]}&tz=${encodeURIComponent(ZONES[i % ZONES.length])}`;
    };
    const results = [await bench.load(o.names[0], path)];
    await server.stop();
    const uncached = bench.start({ DIRECTORY_CACHE_SECONDS: '0' });
    try {
      await bench.waitFor('/api/health');
      results.push(await bench.load(o.names[1], path));
    } finally {
      await uncached.stop();
    }
    return { results, slug, probeSlots: body.slots.length };
  } finally {
    await server.stop().catch(() => undefined);
  }
}
