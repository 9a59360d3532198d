import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { demoSeedingWarning, isDemoSeedingOn } from '@/lib/seed/seed-policy';
import { checkReset, describeTarget } from '@/scripts/db-guard';

describe('demo seeding policy', () => {
  it('is off in production unless SEED_DEMO=true, and on elsewhere unless SEED_DEMO=false', () => {
    expect(isDemoSeedingOn(parseEnv({ NODE_ENV: 'production' }))).toBe(false);
    expect(isDemoSeedingOn(parseEnv({ NODE_ENV: 'production', SEED_DEMO: '' }))).toBe(false);
    expect(isDemoSeedingOn(parseEnv({ NODE_ENV: 'production', SEED_DEMO: 'true' }))).toBe(true);
    expect(isDemoSeedingOn(parseEnv({ NODE_ENV: 'development' }))).toBe(true);
    expect(isDemoSeedingOn(parseEnv({ NODE_ENV: 'development', SEED_DEMO: 'false' }))).toBe(false);
  });

  it('warns loudly only when production seeds demo accounts', () => {
    expect(demoSeedingWarning(parseEnv({ NODE_ENV: 'production', SEED_DEMO: 'true' }))).toMatch(/PUBLIC password/);
    expect(demoSeedingWarning(parseEnv({ NODE_ENV: 'production' }))).toBeNull();
    expect(demoSeedingWarning(parseEnv({ NODE_ENV: 'development' }))).toBeNull();
  });
});

describe('db:reset guard', () => {
  const target = describeTarget('postgres://app:secret@db.example.com:5432/pathwise', '.data');

  it('names the target without its password', () => {
    expect(target).toBe('the Postgres database pathwise on db.example.com:5432');
  });

  it('refuses in production even with --yes', () => {
    expect(checkReset({ nodeEnv: 'production', argv: ['--yes'], target })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/production/),
    });
  });

  it('asks for --yes elsewhere, and proceeds with it', () => {
    expect(checkReset({ nodeEnv: 'development', argv: [], target })).toMatchObject({ ok: false, message: expect.stringMatching(/--yes/) });
    expect(checkReset({ nodeEnv: 'development', argv: ['--yes'], target })).toEqual({ ok: true });
  });
});
