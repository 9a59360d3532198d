import { describe, expect, it } from 'vitest';
import { EnvError, NOT_IMPLEMENTED, parseEnv } from '@/lib/config/env';
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
    expect(p).toEqual({ ai: 'openai', email: 'outbox', sms: 'outbox', storage: 'supabase', payments: 'simulated' });
    expect(describeModes(p)).toBe('AI: OpenAI · Email: dev outbox · Payments: test mode — no Stripe key set');
    expect(describeModes(p, ['ai', 'email', 'sms', 'storage'])).toBe(
      'AI: OpenAI · Email: dev outbox · SMS: dev outbox · Files: Supabase Storage',
    );
  });
});

describe('provider keys with no implementation yet', () => {
  const cases: [keyof typeof NOT_IMPLEMENTED, string, string][] = [
    ['GOOGLE_CLIENT_ID', 'id.apps.googleusercontent.com', 'Google Calendar'],
    ['GOOGLE_CLIENT_SECRET', 'secretvalue', 'Google Calendar'],
    ['ZOOM_ACCOUNT_ID', 'acct', 'Zoom video'],
    ['ZOOM_CLIENT_ID', 'client', 'Zoom video'],
    ['ZOOM_CLIENT_SECRET', 'secretvalue', 'Zoom video'],
  ];

  it('covers every key the schema refuses', () => {
    expect(cases.map(([v]) => v).sort()).toEqual(Object.keys(NOT_IMPLEMENTED).sort());
  });

  it.each(cases)('%s set stops start-up with one line naming it, without echoing its value', (variable, value, what) => {
    let message = '';
    try {
      parseEnv({ [variable]: value });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      message = (e as Error).message;
    }
    expect(message).toBe(
      `Invalid environment: ${variable} is set but ${what} is not implemented yet in this version; unset it (see .env.example)`,
    );
    expect(message).not.toContain(value);
  });

  it('names every such key set at once, on one line', () => {
    try {
      parseEnv({ GOOGLE_CLIENT_ID: 'x', ZOOM_CLIENT_ID: 'c', OPENAI_API_KEY: 'sk-x' });
      expect.unreachable();
    } catch (e) {
      expect((e as EnvError).issues.map((i) => i.variable).sort()).toEqual(['GOOGLE_CLIENT_ID', 'ZOOM_CLIENT_ID']);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('left empty, as a copied .env.example has them, they are unset', () => {
    const e = parseEnv(Object.fromEntries(cases.map(([v]) => [v, ''])));
    expect(resolveProviders(e)).toEqual({ ai: 'offline', email: 'outbox', sms: 'outbox', storage: 'local', payments: 'simulated' });
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
