import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/config/env';

describe('JOBS_IN_PROCESS', () => {
  it('defaults to running jobs in the app process', () => {
    expect(parseEnv({}).JOBS_IN_PROCESS).toBe(true);
    expect(parseEnv({ JOBS_IN_PROCESS: '' }).JOBS_IN_PROCESS).toBe(true);
  });

  it('may be turned off on Postgres, where npm run worker runs the jobs', () => {
    expect(parseEnv({ JOBS_IN_PROCESS: '0', DATABASE_URL: 'postgres://u@h/db' }).JOBS_IN_PROCESS).toBe(false);
  });

  it('stops start-up when turned off on PGlite, where no other process could run them', () => {
    expect(() => parseEnv({ JOBS_IN_PROCESS: 'false' })).toThrow(EnvError);
    expect(() => parseEnv({ JOBS_IN_PROCESS: 'false' })).toThrow(/JOBS_IN_PROCESS is 0 but DATABASE_URL is not set/);
  });

  it('names a wrong value', () => {
    expect(() => parseEnv({ JOBS_IN_PROCESS: 'sometimes' })).toThrow(/JOBS_IN_PROCESS/);
  });
});
