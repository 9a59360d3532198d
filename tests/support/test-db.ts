import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgliteDb } from '@/lib/db/pglite-client';
import { createPostgresDb } from '@/lib/db/postgres-client';
import type { TDb } from '@/lib/db/types';
import { databaseUrl, ensurePgliteTemplates, ensurePostgresTemplate } from './template-db';

export type TTestDb = { db: TDb; url: string | null; drop(): Promise<void> };

// tests/support/global-setup.ts builds the templates once per run and provides them; a test run without it
// (a project that has no globalSetup) builds them here, once per file.
const pgliteTemplates = new Map<'migrated' | 'empty', Promise<Blob>>();
let postgresTemplate: Promise<string> | undefined;

function pgliteTemplateBlob(kind: 'migrated' | 'empty'): Promise<Blob> {
  let blob = pgliteTemplates.get(kind);
  if (!blob) {
    blob = (async () => {
      const files = inject('pgliteTemplates') ?? (await ensurePgliteTemplates());
      return new Blob([readFileSync(files[kind])]);
    })();
    pgliteTemplates.set(kind, blob);
  }
  return blob;
}

function postgresTemplateName(server: string): Promise<string> {
  postgresTemplate ??= (async () => inject('postgresTemplate') ?? (await ensurePostgresTemplate(server)))();
  return postgresTemplate;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or — when
 * TEST_DATABASE_URL is set — a new database on that server, dropped afterwards, so parallel
 * workers and reruns never collide. Both are copies of one migrated template (template-db.ts);
 * `{ migrate: false }` gives an empty database instead; `{ preparedStatements: false }` one whose queries are not
 * named prepared statements (DATABASE_PREPARED_STATEMENTS=off); `{ engine: 'pglite' }` PGlite even when a server is set.
 */
export async function createTestDb(options: { migrate?: boolean; preparedStatements?: boolean; engine?: 'pglite' } = {}): Promise<TTestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server || options.engine === 'pglite') {
    const db = await createPgliteDb(undefined, {
      loadDataDir: await pgliteTemplateBlob(options.migrate === false ? 'empty' : 'migrated'),
      preparedStatements: options.preparedStatements,
    });
    return { db, url: null, drop: () => db.close() };
  }
  const name = `pw_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  const template = options.migrate === false ? null : await postgresTemplateName(server);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = databaseUrl(server, name);
  // As the app opens a direct connection (DATABASE_PREPARED_STATEMENTS=auto): queries run as named prepared statements.
  const db = createPostgresDb(url, 5, { preparedStatements: options.preparedStatements ?? true });
  return {
    db,
    url,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      // pg-pool's end() resolves before its connections have closed; forcing the drop while one is still
      // closing sends it a FATAL 57P01 that surfaces as an unhandled error. Wait (briefly) for them to go.
      for (let i = 0; i < 40; i++) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
