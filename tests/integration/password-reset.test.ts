import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { createSignInLimiters } from '@/lib/auth/rate-limit';
import { createResetLimiters } from '@/lib/auth/reset-limit';
import { createSession, getSessionUser } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { createMemoryCache } from '@/lib/cache/cache';
import { AppError } from '@/lib/http/app-error';
import { createTestDb, type TTestDb } from '../support/test-db';
import { createUser, TEST_PASSWORD, uniqueEmail, uniqueIp } from '../support/factories';

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const outboxFor = (email: string) =>
  // secret_body: the deliverable text with the live link (admins see `body`, with the token masked).
  t.db.query<{ body: string; subject: string; template: string; status: string }>(
    'select secret_body as body, subject, template, status from public.outbox_messages where recipient = $1',
    [email],
  );

const resetOpts = (appUrl: string) => ({ appUrl, ip: uniqueIp(), limiters: createResetLimiters() });

describe('password reset', () => {
  it('mails a link through the dev outbox; the link sets a new password once and ends old sessions', async () => {
    const user = await createUser(t.db);
    const old = await createSession(t.db, user.id, 1);
    await requestPasswordReset(t.db, { email: user.email }, resetOpts('http://localhost:3000'));

    const { rows } = await outboxFor(user.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ template: 'password-reset', status: 'pending', subject: 'Reset your Pathwise password' });
    const token = /reset-password\?token=([\w-]+)/.exec(rows[0].body)![1];

    await resetPassword(t.db, { token, password: 'a brand new password' });
    expect(await getSessionUser(t.db, old.token, createMemoryCache())).toBeNull();

    const limiters = createSignInLimiters({ perAccount: 10, perIp: 10, windowSeconds: 60 });
    const opts = { ttlDays: 1, meta: { ip: uniqueIp() }, limiters };
    await expect(signIn(t.db, { email: user.email, password: TEST_PASSWORD }, opts)).rejects.toThrow(AppError);
    await expect(signIn(t.db, { email: user.email, password: 'a brand new password' }, opts)).resolves.toBeDefined();

    await expect(resetPassword(t.db, { token, password: 'yet another password' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('answers the same for an unknown email and writes nothing', async () => {
    const email = uniqueEmail();
    await expect(requestPasswordReset(t.db, { email }, resetOpts('http://localhost:3000'))).resolves.toBeUndefined();
    expect((await outboxFor(email)).rows).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    const user = await createUser(t.db);
    await requestPasswordReset(t.db, { email: user.email }, resetOpts('http://x'));
    const token = /token=([\w-]+)/.exec((await outboxFor(user.email)).rows[0].body)![1];
    await t.db.query("update public.password_reset_tokens set expires_at = now() - interval '1 minute' where user_id = $1", [user.id]);
    await expect(resetPassword(t.db, { token, password: 'a brand new password' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
