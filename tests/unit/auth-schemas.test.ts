import { describe, expect, it } from 'vitest';
import { homeFor, ZSignIn, ZSignUp } from '@/lib/auth/schemas';
import { fieldErrors, parseOrThrow } from '@/lib/http/zod-fields';
import { AppError } from '@/lib/http/app-error';

describe('sign-up schema', () => {
  it('normalises the email and defaults to a learner account', () => {
    const v = ZSignUp.parse({ name: ' Ada ', email: ' Ada@Example.COM ', password: 'long enough pw', acceptTerms: true });
    expect(v).toEqual({ name: 'Ada', email: 'ada@example.com', password: 'long enough pw', accountType: 'learner', acceptTerms: true });
  });

  it('gives a message per field for bad input', () => {
    const r = ZSignUp.safeParse({ name: '', email: 'not-an-email', password: 'short', accountType: 'admin' });
    expect(r.success).toBe(false);
    const fields = fieldErrors(r.error!);
    expect(fields.name).toBe('Tell us your name.');
    expect(fields.email).toMatch(/valid email/);
    expect(fields.password).toBe('Use at least 10 characters.');
    expect(fields.accountType).toBeDefined(); // nobody signs up as an admin
    expect(fields.acceptTerms).toMatch(/Agree to the terms/); // no account without the terms and privacy notice
  });

  it('parseOrThrow raises a 400 AppError carrying the fields', () => {
    try {
      parseOrThrow(ZSignIn, { email: 'x', password: '' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect(Object.keys((e as AppError).fields!).sort()).toEqual(['email', 'password']);
    }
  });

  it('sends each role to its home', () => {
    expect([homeFor('learner'), homeFor('expert'), homeFor('admin')]).toEqual(['/learn', '/dashboard', '/admin']);
  });
});
