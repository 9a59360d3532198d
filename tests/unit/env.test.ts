import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/config/env';
import { resolveProviders } from '@/lib/config/providers';
import { describeModes } from '@/lib/config/describe-modes';

describe('parseEnv', () => {
  it('runs on embedded defaults with nothing set', () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATA_DIR).toBe('.data');
    expect(e.PORT).toBe(3000);
    expect(resolveProviders(e)).toEqual({
      ai: 'offline', payments: 'simulated', email: 'outbox', sms: 'outbox', calendar: 'ics', video: 'webrtc', storage: 'local',
    });
  });

  it('treats empty strings as unset, as a copied .env.example has them', () => {
    expect(parseEnv({ DATABASE_URL: '', REDIS_URL: '  ', PORT: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names the variable and what is expected when a value is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'nonsense' })).toThrow(EnvError);
    try {
      parseEnv({ DATABASE_URL: 'nonsense' });
    } catch (e) {
      expect((e as Error).message).toBe(
        'Invalid environment: DATABASE_URL must be a postgres:// or postgresql:// URL (got "nonsense") (see .env.example)',
      );
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('reports every bad variable at once', () => {
    try {
      parseEnv({ PORT: '99999', REDIS_URL: 'http://x', STRIPE_SECRET_KEY: 'pk_live_1' });
      expect.unreachable();
    } catch (e) {
      const vars = (e as EnvError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['PORT', 'REDIS_URL', 'STRIPE_SECRET_KEY']);
    }
  });

  it('requires both halves of a credential pair', () => {
    expect(() => parseEnv({ GOOGLE_CLIENT_ID: 'id' })).toThrow(/GOOGLE_CLIENT_SECRET is required when GOOGLE_CLIENT_ID is set/);
  });

  it('switches each provider on from its variables', () => {
    const e = parseEnv({
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      OPENAI_API_KEY: 'sk-x',
      STRIPE_SECRET_KEY: 'sk_test_123',
      SENDGRID_API_KEY: 'SG.x',
      TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_FROM_NUMBER: '+15551234567',
    });
    const p = resolveProviders(e);
    expect(p).toMatchObject({ ai: 'openai', payments: 'stripe', email: 'sendgrid', sms: 'twilio', calendar: 'ics' });
    expect(describeModes(p)).toBe('AI: OpenAI · Payments: Stripe · Email: SendGrid');
  });
});
