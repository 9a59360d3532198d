import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '@/lib/db/with-user';
import { createTestDb, type TTestDb } from '../support/test-db';
import { createExpertProfile, createUser } from '../support/factories';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import type { TSessionUser } from '@/lib/auth/schemas';

let t: TTestDb;
let learner: TSessionUser;
let admin: TSessionUser;
let expert: TSessionUser;
let pendingExpert: TSessionUser;

beforeAll(async () => {
  t = await createTestDb();
  [learner, admin, expert, pendingExpert] = await Promise.all([
    createUser(t.db, { role: 'learner' }),
    createUser(t.db, { role: 'admin' }),
    createUser(t.db, { role: 'expert' }),
    createUser(t.db, { role: 'expert' }),
  ]);
  await createExpertProfile(t.db, expert.id, { status: 'approved' });
  await createExpertProfile(t.db, pendingExpert.id, { status: 'submitted' });
  await enqueueMessage(t.db, { channel: 'email', recipient: learner.email, template: 't', body: 'hello' });
});
afterAll(() => t.drop());

describe('row-level security through withUser (Supabase-style claims)', () => {
  it('runs as role authenticated with the user id from request.jwt.claims', async () => {
    const r = await withUser(t.db, learner, (tx) =>
      tx.query<{ role: string; uid: string }>('select current_user as role, auth.uid()::text as uid'),
    );
    expect(r.rows[0]).toEqual({ role: 'authenticated', uid: learner.id });
  });

  it('a learner sees only their own account; an admin sees all', async () => {
    const mine = await withUser(t.db, learner, (tx) => tx.query<{ id: string }>('select id from public.users'));
    expect(mine.rows.map((r) => r.id)).toEqual([learner.id]);
    const all = await withUser(t.db, admin, (tx) => tx.query<{ id: string }>('select id from public.users'));
    expect(all.rows.length).toBeGreaterThanOrEqual(4);
  });

  it('only admins read the outbox, and not its live secrets', async () => {
    const cols = 'select id, recipient, subject, body from public.outbox_messages';
    expect((await withUser(t.db, learner, (tx) => tx.query(cols))).rows).toHaveLength(0);
    expect((await withUser(t.db, admin, (tx) => tx.query(cols))).rows.length).toBeGreaterThan(0);
    // secret_body (a reset link's live token) is for the service that delivers mail (migration 20261126000400).
    await expect(withUser(t.db, admin, (tx) => tx.query('select secret_body from public.outbox_messages'))).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('a learner cannot see an expert profile that is not approved', async () => {
    const { rows } = await withUser(t.db, learner, (tx) => tx.query<{ user_id: string }>('select user_id from public.expert_profiles'));
    expect(rows.map((r) => r.user_id)).toEqual([expert.id]);
  });

  it('an expert cannot approve themselves, nor promote their account to admin', async () => {
    await expect(
      withUser(t.db, pendingExpert, (tx) =>
        tx.query("update public.expert_profiles set status = 'approved' where user_id = $1", [pendingExpert.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    // role has no update grant (20261126000500_rls_columns.sql) on top of policy users_update_self.
    await expect(
      withUser(t.db, pendingExpert, (tx) => tx.query("update public.users set role = 'admin' where id = $1", [pendingExpert.id])),
    ).rejects.toMatchObject({ code: '42501' });
    // …but may edit their own headline.
    const r = await withUser(t.db, pendingExpert, (tx) =>
      tx.query("update public.expert_profiles set headline = 'New headline' where user_id = $1", [pendingExpert.id]),
    );
    expect(r.affectedRows).toBe(1);
  });

  it('a user cannot touch another user’s row: the update matches nothing', async () => {
    const r = await withUser(t.db, learner, (tx) => tx.query("update public.users set name = 'hacked' where id = $1", [admin.id]));
    expect(r.affectedRows).toBe(0);
  });
});
