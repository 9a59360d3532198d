import 'server-only';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TDb } from './types';

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 727_001;

export type TMigrationResult = { applied: string[]; alreadyApplied: string[] };
export type TMigrateOptions = { dir?: string; onProgress?: (done: number, total: number) => void };

export function migrationsDir(): string {
  return path.join(process.cwd(), 'supabase', 'migrations');
}

/**
 * Applies supabase/migrations/*.sql in file-name order, each in its own transaction, recording each in
 * schema_migrations. Holding an advisory lock makes two processes starting together take turns: the
 * second finds everything applied and does nothing.
 */
export async function migrate(db: TDb, { dir = migrationsDir(), onProgress }: TMigrateOptions = {}): Promise<TMigrationResult> {
  const files = (await readdir(/* turbopackIgnore: true */ dir)).filter((f) => f.endsWith('.sql')).sort();
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (conn) => {
    await conn.exec(
      'create table if not exists public.schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await conn.query<{ version: string }>('select version from public.schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    const pending = files.filter((f) => !done.has(f.replace(/\.sql$/, '')));
    if (pending.length) onProgress?.(0, pending.length);
    for (const file of pending) {
      const version = file.replace(/\.sql$/, '');
      const sql = await readFile(/* turbopackIgnore: true */ path.join(dir, file), 'utf8');
      await conn.exec('begin');
      try {
        await conn.exec(sql);
        await conn.query('insert into public.schema_migrations (version) values ($1)', [version]);
        await conn.exec('commit');
      } catch (e) {
        await conn.exec('rollback');
        throw new Error(`Migration ${file} failed: ${(e as Error).message}`);
      }
      applied.push(version);
      onProgress?.(applied.length, pending.length);
    }
    return { applied, alreadyApplied: [...done] };
  });
}
