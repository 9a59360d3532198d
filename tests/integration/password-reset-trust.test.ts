import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset, resetPassword, type TDefer } from '@/lib/auth/password-reset';
import { createResetLimiters } from '@/lib/auth/reset-limit';
import { withUser } from '@/lib/db';
import type { TPrivilegedTx } from '@/lib/db';
import { listOutbox } from '@/lib/notifications/list-outbox';
import { createUser, uniqueEmail, uniqueIp } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// Issue #9: reset links, throttling, enumeration, and what admins can read in the outbox.
let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const limiters = () => createResetLimiters({ perAccount: 3, perIp: 100 });
const secretLinks = async (email: string) =>
  (
    await t.db.query<{ secret_body: string }>('select secret_body from public.outbox_messages where recipient = $1 order by created_at', [
      email,
    ])
  ).rows.map((r) => /reset-password\?token=([\w-]+)/.exec(r.secret_body)![1]);

describe('password reset links', () => {
  it('stops every older link working once one of them is used', async () => {
    const user = await createUser(t.db);
    const l = limiters();
    await requestPasswordReset(t.db, { email: user.email }, { appUrl: 'http://x', ip: uniqueIp(), limiters: l });
    await requestPasswordReset(t.db, { email: user.email }, { appUrl: 'http://x', ip: uniqueIp(), limiters: l });
    const [first, second] = await secretLinks(user.email);
    await resetPassword(t.db, { token: second, password: 'a brand new password' });
    await expect(resetPassword(t.db, { token: first, password: 'the attackers password' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('throttles per address: the 4th request in an hour is a 429 and sends nothing, known account or not', async () => {
    const user = await createUser(t.db);
    const l = limiters();
    for (const email of [user.email, uniqueEmail()]) {
      for (let i = 0; i < 3; i++) await requestPasswordReset(t.db, { email }, { appUrl: 'http://x', ip: uniqueIp(), limiters: l });
      await expect(requestPasswordReset(t.db, { email }, { appUrl: 'http://x', ip: uniqueIp(), limiters: l })).rejects.toMatchObject({
        code: 'rate_limited',
      });
    }
    expect(await secretLinks(user.email)).toHaveLength(3);
  });

  it('throttles per IP across addresses', async () => {
    const l = createResetLimiters({ perAccount: 100, perIp: 5 });
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) await requestPasswordReset(t.db, { email: uniqueEmail() }, { appUrl: 'http://x', ip, limiters: l });
    await expect(requestPasswordReset(t.db, { email: uniqueEmail() }, { appUrl: 'http://x', ip, limiters: l })).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });
});

describe('enumeration: a reset request looks the same for any address', () => {
  it('does the same database work before answering, whether or not the account exists', async () => {
    const user = await createUser(t.db);
    const counted = (log: string[]): TPrivilegedTx =>
      ({
        query: ((sql: string, params?: unknown[]) => {
          log.push(sql.trim().split(/\s+/)[0]);
          return t.db.query(sql, params);
        }) as TPrivilegedTx['query'],
        exec: (sql: string) => t.db.exec(sql),
        afterCommit: (fn: () => void) => t.db.afterCommit(fn),
      }) as TPrivilegedTx;
    const run = async (email: string) => {
      const log: string[] = [];
      const tasks: (() => Promise<void>)[] = [];
      const defer: TDefer = (task) => void tasks.push(task);
      await requestPasswordReset(counted(log), { email }, { appUrl: 'http://x', ip: uniqueIp(), limiters: limiters(), defer });
      const beforeAnswer = [...log];
      await Promise.all(tasks.map((task) => task()));
      return { beforeAnswer, after: log.slice(beforeAnswer.length) };
    };
    const known = await run(user.email);
    const unknown = await run(uniqueEmail());
    expect(known.beforeAnswer).toEqual(unknown.beforeAnswer);
    expect(known.after.length).toBeGreaterThan(unknown.after.length); // the mail is still written, afterwards
  });
});

describe('the outbox admins read', () => {
  it('shows the reset email with its token masked, and the database refuses admins the live copy', async () => {
    const user = await createUser(t.db);
    const admin = await createUser(t.db, { role: 'admin' });
    await requestPasswordReset(t.db, { email: user.email }, { appUrl: 'http://x', ip: uniqueIp(), limiters: limiters() });
    const [token] = await secretLinks(user.email);
    const shown = (await withUser(t.db, admin, (tx) => listOutbox(tx))).find((m) => m.recipient === user.email)!;
    expect(shown.body).toContain('/reset-password?token=');
    expect(shown.body).not.toContain(token);
    await expect(withUser(t.db, admin, (tx) => tx.query('select secret_body from public.outbox_messages'))).rejects.toMatchObject({
      code: '42501',
    });
    // The masked text is useless as a link.
    const masked = /token=(\S+)/.exec(shown.body)![1];
    await expect(resetPassword(t.db, { token: masked.padEnd(20, 'x'), password: 'a brand new password' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
