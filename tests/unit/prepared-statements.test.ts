import { describe, expect, it } from 'vitest';
import { createStatementNamer, preparedStatementsOn } from '@/lib/db/prepared-statements';

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('auto: on for a direct connection, off through a transaction-mode pooler', () => {
    expect(preparedStatementsOn('postgres://postgres@127.0.0.1:5432/app', 'auto')).toBe(true);
    expect(preparedStatementsOn('postgresql://u:p@db.abc.supabase.co:5432/postgres', 'auto')).toBe(true);
    // Supabase's Supavisor in transaction mode listens on 6543; Prisma-style ?pgbouncer=true marks PgBouncer.
    expect(preparedStatementsOn('postgres://u.ref:p@aws-0-eu-west-1.pooler.supabase.com:6543/postgres', 'auto')).toBe(false);
    expect(preparedStatementsOn('postgres://u:p@bouncer:5432/app?pgbouncer=true', 'auto')).toBe(false);
  });

  it('auto on PGlite (no DATABASE_URL): on', () => {
    expect(preparedStatementsOn(undefined, 'auto')).toBe(true);
    expect(preparedStatementsOn(undefined, 'off')).toBe(false);
  });

  it('on and off override the guess', () => {
    expect(preparedStatementsOn('postgres://u:p@pooler:6543/postgres', 'on')).toBe(true);
    expect(preparedStatementsOn('postgres://postgres@127.0.0.1:5432/app', 'off')).toBe(false);
  });
});

describe('statement names', () => {
  it('names a query text the same way each time, and different texts differently', () => {
    const name = createStatementNamer();
    const a = name('select 1 where $1::int > 0');
    expect(a).toMatch(/^pw_[\w-]{24}$/);
    expect(name('select 1 where $1::int > 0')).toBe(a);
    // Stable across processes (a hash, not a counter): two namers agree.
    expect(createStatementNamer()('select 1 where $1::int > 0')).toBe(a);
    expect(name('select 2 where $1::int > 0')).not.toBe(a);
  });

  it('stops naming new texts past its limit, and keeps the names it gave', () => {
    const name = createStatementNamer(2);
    const a = name('select $1::int');
    const b = name('select $1::text');
    expect(a && b).toBeTruthy();
    expect(name('select $1::date')).toBeUndefined();
    expect(name('select $1::int')).toBe(a);
  });
});
