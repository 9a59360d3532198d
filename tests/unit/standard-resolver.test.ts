import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import { standardResolver } from '@/components/forms/standard-resolver';
import { ZRequestReset, ZResetPassword, ZSignIn, ZSignUp } from '@/lib/auth/schemas';

// The auth forms validate with standardResolver instead of zodResolver (which would load react-hook-form on
// first use): for their schemas it must give the same field messages and the same parsed values.
const opts = { fields: {}, shouldUseNativeValidation: false } as const;
const messages = (errors: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, (v as { message?: string }).message]));

const cases: [string, unknown, Record<string, unknown>][] = [
  ['sign-in, empty', ZSignIn, { email: '', password: '' }],
  ['sign-in, bad email', ZSignIn, { email: 'not-an-email', password: 'x' }],
  ['sign-in, valid', ZSignIn, { email: '  Lena@Example.com ', password: 'secret' }],
  ['sign-up, everything wrong', ZSignUp, { name: '', email: 'nope', password: 'short', accountType: 'learner' }],
  [
    'sign-up, terms not accepted',
    ZSignUp,
    { name: 'Dup', email: 'a@b.co', password: 'a good long password', accountType: 'learner', acceptTerms: false },
  ],
  ['sign-up, valid', ZSignUp, { name: 'Dup', email: 'a@b.co', password: 'a good long password', accountType: 'expert', acceptTerms: true }],
  ['reset request, empty', ZRequestReset, { email: '' }],
  ['new password, short', ZResetPassword, { token: 't', password: 'short' }],
];

describe('standardResolver matches zodResolver on the auth schemas', () => {
  for (const [name, schema, values] of cases)
    it(name, async () => {
      const ours = await standardResolver(schema as Parameters<typeof standardResolver>[0])(values, undefined, opts);
      const theirs = await zodResolver(schema as Parameters<typeof zodResolver>[0])(values as never, undefined, opts);
      expect(messages(ours.errors)).toEqual(messages(theirs.errors));
      expect(ours.values).toEqual(theirs.values);
    });

  it('reports the first message of each field', async () => {
    const r = await standardResolver(ZSignUp)({ name: '', email: 'nope', password: 'short' } as never, undefined, opts);
    expect(Object.keys(r.errors).sort()).toEqual(['acceptTerms', 'email', 'name', 'password']);
  });
});
