import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationsDir } from '@/lib/db/migrate';
import { createDbStartupReporter, dbStartupState } from '@/lib/db/startup-progress';
import { createTestDb, type TTestDb } from '../support/test-db';

const total = readdirSync(migrationsDir()).filter((f) => f.endsWith('.sql')).length;
let t: TTestDb | undefined;
afterEach(async () => {
  await t?.drop();
  t = undefined;
});

describe('first-run progress', () => {
  it('prints each step of a first start in order and records it for the waiting page', async () => {
    t = await createTestDb({ migrate: false });
    const lines: string[] = [];
    const progress = createDbStartupReporter({ print: (l) => lines.push(l) });
    progress.opening(true);
    expect(dbStartupState()).toMatchObject({ step: 'creating', firstRun: true });
    await migrate(t.db, {
      onProgress: (done, n) => {
        progress.migrating(done, n);
        expect(dbStartupState()?.step).toBe('migrating');
      },
    });
    progress.seeding();
    progress.ready('http://localhost:3104');
    expect(lines).toEqual([
      '  database · Creating the database (first run, about 30 s)…',
      ...Array.from({ length: total + 1 }, (_, i) => `  database · Applying migrations (${i}/${total})…`),
      '  database · Seeding demo data…',
      expect.stringMatching(/^ {2}database · Ready in \d+\.\d s at http:\/\/localhost:3104$/),
    ]);
    expect(dbStartupState()).toMatchObject({ step: 'ready', firstRun: true });
  });

  it('reports nothing to migrate on a second start, and a failure by its message', async () => {
    t = await createTestDb();
    const calls: number[][] = [];
    await migrate(t.db, { onProgress: (done, n) => calls.push([done, n]) });
    expect(calls).toEqual([]);
    const lines: string[] = [];
    const progress = createDbStartupReporter({ print: (l) => lines.push(l) });
    progress.opening(false);
    progress.failed(new Error('disk full'));
    expect(lines[0]).toBe('  database · Opening the database…');
    expect(lines[1]).toMatch(/Failed after \d+\.\d s: disk full$/);
    expect(dbStartupState()).toMatchObject({ step: 'failed', firstRun: false });
  });
});
