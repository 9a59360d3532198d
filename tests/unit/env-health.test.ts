import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOT_IMPLEMENTED } from '@/lib/config/env';
import type { TDb } from '@/lib/db';
import { outboxFileText } from '@/lib/notifications/enqueue-message';

// /api/health returns checkHealth(db) as is: its `providers` must name only parts this version implements.
const fakeDb = { kind: 'pglite', query: async () => ({ rows: [] }) } as unknown as TDb;

async function healthWith(vars: Record<string, string>) {
  for (const v of [...Object.keys(NOT_IMPLEMENTED), 'REDIS_URL', 'OPENAI_API_KEY', 'SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'])
    vi.stubEnv(v, '');
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules(); // env() is parsed once per process: start from a fresh module
  const { checkHealth } = await import('@/lib/health/check-health');
  return checkHealth(fakeDb);
}

describe('/api/health providers', () => {
  beforeEach(() => vi.unstubAllEnvs());
  afterEach(() => vi.unstubAllEnvs());

  it('reports only implemented parts, each in an implemented mode', async () => {
    const h = await healthWith({ OPENAI_API_KEY: 'sk-x' });
    expect(h.status).toBe('ok');
    expect(h.providers).toEqual({ ai: 'openai', email: 'outbox', sms: 'outbox', storage: 'local', payments: 'simulated' });
  });

  it('never reports an unimplemented provider: its key stops the app before health can answer', async () => {
    await expect(healthWith({ ZOOM_CLIENT_ID: 'c' })).rejects.toThrow(/ZOOM_CLIENT_ID is set but Zoom video is not implemented yet/);
  });
});

describe('dev outbox file', () => {
  it('gives email the EMAIL_FROM sender, and SMS no From line', () => {
    expect(outboxFileText({ channel: 'email', recipient: 'a@b.c', template: 't', subject: 'Hi', body: 'Body' }, 'team@pathwise.dev')).toBe(
      'From: team@pathwise.dev\nTo: a@b.c\nSubject: Hi\n\nBody\n',
    );
    expect(outboxFileText({ channel: 'sms', recipient: '+15551234567', template: 't', body: 'Code' }, 'team@pathwise.dev')).not.toContain(
      'From:',
    );
  });
});
