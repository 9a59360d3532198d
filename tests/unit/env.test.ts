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
      ai: 'offline',
      email: 'outbox',
      sms: 'outbox',
      storage: 'local',
      payments: 'simulated',
      calendar: 'ics',
      video: 'builtin',
      paypal: 'off',
    });
    expect(describeModes(resolveProviders(e))).toBe('AI: offline planner · Email: dev outbox · Payments: test mode — no Stripe key set');
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
      parseEnv({ PORT: '99999', REDIS_URL: 'http://x', SUPABASE_URL: 'ftp://x' });
      expect.unreachable();
    } catch (e) {
      const vars = (e as EnvError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['PORT', 'REDIS_URL', 'SUPABASE_URL']);
    }
  });

  it('requires both halves of a credential pair', () => {
    expect(() => parseEnv({ SUPABASE_URL: 'https://x.supabase.co' })).toThrow(
      /SUPABASE_SERVICE_ROLE_KEY is required when SUPABASE_URL is set/,
    );
  });

  it('switches the implemented providers on from their variables', () => {
    const e = parseEnv({
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      OPENAI_API_KEY: 'sk-x',
      SUPABASE_URL: 'https://x.supabase.co',
      SUPABASE_SERVICE_ROLE_KEY: 'k',
    });
    const p = resolveProviders(e);
    expect(p).toEqual({
      ai: 'openai',
      email: 'outbox',
      sms: 'outbox',
      storage: 'supabase',
      payments: 'simulated',
      calendar: 'ics',
      video: 'builtin',
      paypal: 'off',
    });
    const zoom = parseEnv({ ZOOM_ACCOUNT_ID: 'acct', ZOOM_CLIENT_ID: 'id', ZOOM_CLIENT_SECRET: 'secret' });
    expect(resolveProviders(zoom).video).toBe('zoom');
    expect(describeModes(resolveProviders(zoom), ['video'])).toBe('Video: Zoom + built-in room');
    expect(() => parseEnv({ ZOOM_ACCOUNT_ID: 'acct' })).toThrow(/ZOOM_CLIENT_ID is required when ZOOM_ACCOUNT_ID is set/);
    expect(describeModes(p)).toBe('AI: OpenAI · Email: dev outbox · Payments: test mode — no Stripe key set');
    expect(describeModes(p, ['ai', 'email', 'sms', 'storage'])).toBe(
      'AI: OpenAI · Email: dev outbox · SMS: dev outbox · Files: Supabase Storage',
    );
  });
});

describe('provider credentials', () => {
  const keys = [
    'STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'GOOGLE_CLIENT_ID',
    'GOOGLE_CLIENT_SECRET',
    'ZOOM_ACCOUNT_ID',
    'ZOOM_CLIENT_ID',
    'ZOOM_CLIENT_SECRET',
  ];

  it('names every missing half at once, on one line, without echoing a Stripe secret', () => {
    try {
      parseEnv({ STRIPE_SECRET_KEY: 'sk_live_secretvalue', GOOGLE_CLIENT_ID: 'c', OPENAI_API_KEY: 'sk-x' });
      expect.unreachable();
    } catch (e) {
      expect((e as EnvError).issues.map((i) => i.variable).sort()).toEqual(['GOOGLE_CLIENT_SECRET', 'STRIPE_WEBHOOK_SECRET']);
      expect((e as Error).message).not.toContain('\n');
      expect((e as Error).message).not.toContain('sk_live_secretvalue');
    }
  });

  it('refuses a malformed Stripe key without echoing it', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'pk_live_notasecret' })).toThrow(/STRIPE_SECRET_KEY must be a Stripe secret key/);
    try {
      parseEnv({ STRIPE_SECRET_KEY: 'pk_live_notasecret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('pk_live_notasecret');
    }
  });

  it('left empty, as a copied .env.example has them, they are unset', () => {
    const e = parseEnv(Object.fromEntries(keys.map((v) => [v, ''])));
    expect(resolveProviders(e)).toEqual({
      ai: 'offline',
      email: 'outbox',
      sms: 'outbox',
      storage: 'local',
      payments: 'simulated',
      calendar: 'ics',
      video: 'builtin',
      paypal: 'off',
    });
  });
});

describe('email and SMS providers', () => {
  const sid = 'AC' + 'a'.repeat(32);
  it('SendGrid and Twilio keys switch their channel on; without them both stay on the dev outbox', () => {
    const on = parseEnv({
      SENDGRID_API_KEY: 'SG.key',
      TWILIO_ACCOUNT_SID: sid,
      TWILIO_AUTH_TOKEN: 'tokenvalue',
      TWILIO_FROM_NUMBER: '+15551234567',
    });
    expect(resolveProviders(on)).toMatchObject({ email: 'sendgrid', sms: 'twilio' });
    expect(describeModes(resolveProviders(on), ['email', 'sms'])).toBe('Email: SendGrid · SMS: Twilio');
    expect(resolveProviders(parseEnv({ SENDGRID_API_KEY: 'SG.key' }))).toMatchObject({ email: 'sendgrid', sms: 'outbox' });
  });

  it('refuses a Twilio account without its token or a sender, and malformed keys', () => {
    const issues = (vars: Record<string, string>) => {
      try {
        parseEnv(vars);
        return [];
      } catch (e) {
        return (e as EnvError).issues.map((i) => i.variable).sort();
      }
    };
    expect(issues({ TWILIO_ACCOUNT_SID: sid, TWILIO_FROM_NUMBER: '+15551234567' })).toEqual(['TWILIO_AUTH_TOKEN']);
    expect(issues({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'tokenvalue' })).toEqual(['TWILIO_FROM_NUMBER']);
    expect(
      issues({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'tokenvalue', TWILIO_MESSAGING_SERVICE_SID: 'MG' + 'b'.repeat(32) }),
    ).toEqual([]);
    expect(issues({ SENDGRID_API_KEY: 'not-a-key', TWILIO_FROM_NUMBER: '5551234' })).toEqual(['SENDGRID_API_KEY', 'TWILIO_FROM_NUMBER']);
  });
});

describe('TEST_CLOCK', () => {
  const stripe = { STRIPE_SECRET_KEY: 'sk_test_secretvalue', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
  it('is off by default and on with 1 on simulated payments', () => {
    expect(parseEnv({}).TEST_CLOCK).toBe(false);
    expect(parseEnv({ TEST_CLOCK: '' }).TEST_CLOCK).toBe(false);
    expect(parseEnv({ TEST_CLOCK: '1' }).TEST_CLOCK).toBe(true);
    expect(parseEnv({ ...stripe, TEST_CLOCK: '0' }).TEST_CLOCK).toBe(false);
  });
  it('is refused with a Stripe key (test or live), without echoing the key', () => {
    for (const key of ['sk_test_secretvalue', 'sk_live_secretvalue']) {
      try {
        parseEnv({ ...stripe, STRIPE_SECRET_KEY: key, TEST_CLOCK: '1' });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(EnvError);
        expect((e as EnvError).issues.map((i) => i.variable)).toEqual(['TEST_CLOCK']);
        expect((e as Error).message).toMatch(/TEST_CLOCK is for simulated payments only/);
        expect((e as Error).message).not.toContain(key);
      }
    }
  });
});
