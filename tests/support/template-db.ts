import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate, migrationsDir } from '@/lib/db/migrate';
import { openPglite, pgliteDb } from '@/lib/db/pglite-client';
import { createPostgresDb } from '@/lib/db/postgres-client';

// Migrating a fresh database for every test file cost most of the integration suite's time. Instead one
// migrated template per migration set is built once and every test database is a copy of it.

const DAY_MS = 24 * 60 * 60 * 1000;
// Any constant; it only has to be the same in every test run that may build a template on this server.
const TEMPLATE_LOCK_KEY = 727_009;
const PGLITE_CACHE_DIR = path.join(process.cwd(), '.data', 'test-templates');

/** A short hash of supabase/migrations (names and contents): a template is reused only for the same migrations. */
export function migrationsHash(): string {
  const dir = migrationsDir();
  const h = createHash('sha256');
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    h.update(f)
      .update('\0')
      .update(readFileSync(path.join(dir, f)))
      .update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitForNoConnections(admin: pg.Client, name: string): Promise<void> {
  // pg-pool's end() resolves before its sockets have closed, and `create database … template` refuses a
  // template anyone is still connected to.
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`connections to ${name} did not close`);
}

/**
 * On the server TEST_DATABASE_URL names: makes sure `pw_tpl_<hash>` exists and is migrated, and returns its
 * name. Concurrent runs (parallel CI jobs, several checkouts on one machine) take turns on an advisory lock;
 * the template is built under a temporary name and renamed when complete, so a crash never leaves a
 * half-migrated template behind. Templates no run has used for a day are dropped (each use stamps a comment).
 */
export async function ensurePostgresTemplate(server: string): Promise<string> {
  const name = `pw_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const db = createPostgresDb(databaseUrl(server, building), 2);
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
      await waitForNoConnections(admin, building);
      await admin.query(`alter database ${building} rename to ${name}`);
    }
    await admin.query(`comment on database ${name} is '${new Date().toISOString()}'`);
    await dropStaleTemplates(admin, name);
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
  } finally {
    await admin.end();
  }
  return name;
}

async function dropStaleTemplates(admin: pg.Client, keep: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string; used: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as used from pg_database where datname like 'pw\\_tpl\\_%' and datname <> $1`,
    [keep],
  );
  for (const { datname, used } of rows) {
    const last = used ? Date.parse(used) : NaN;
    // A template without a stamp is a build that crashed; one with an old stamp belongs to old migrations.
    if (Number.isNaN(last) || Date.now() - last > DAY_MS) {
      await admin.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
    }
  }
}

function pgliteVersion(): string {
  const pkg = path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export type TPgliteTemplates = { migrated: string; empty: string };

/**
 * PGlite data directories as uncompressed tarballs, cached under .data/test-templates by PGlite version (and,
 * for the migrated one, the migrations hash); returns their paths. Each test database loads one
 * (`loadDataDir`): even the empty one, since loading a tarball is several times faster than PGlite's initdb.
 */
export async function ensurePgliteTemplates(): Promise<TPgliteTemplates> {
  const version = pgliteVersion();
  const migrated = path.join(PGLITE_CACHE_DIR, `pglite-${version}-${migrationsHash()}.tar`);
  const empty = path.join(PGLITE_CACHE_DIR, `pglite-${version}-empty.tar`);
  if (existsSync(migrated) && existsSync(empty)) return { migrated, empty };
  mkdirSync(PGLITE_CACHE_DIR, { recursive: true });
  const pglite = await openPglite();
  try {
    await writeTarball(empty, await pglite.dumpDataDir('none'));
    await migrate(pgliteDb(pglite));
    await writeTarball(migrated, await pglite.dumpDataDir('none'));
  } finally {
    await pglite.close();
  }
  for (const f of readdirSync(PGLITE_CACHE_DIR)) {
    const p = path.join(PGLITE_CACHE_DIR, f);
    if (p !== migrated && p !== empty && Date.now() - statSync(p).mtimeMs > DAY_MS) rmSync(p, { force: true });
  }
  return { migrated, empty };
}

async function writeTarball(file: string, tar: Blob): Promise<void> {
  // Written under a unique name and renamed: another run reading the cache never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await tar.arrayBuffer()));
  renameSync(tmp, file);
}
