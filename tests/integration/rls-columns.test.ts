import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '@/lib/db/with-user';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createTestDb, type TTestDb } from '../support/test-db';
import { createExpertProfile, createUser } from '../support/factories';

// Defence in depth (issue #9, migration 20261126000500_rls_columns.sql): each write below is one a signed-in user
// could send as `authenticated` with their own claims if they ever reached SQL; each must be refused with 42501
// (a missing column grant or a row-level security policy), while the writes the app makes for them still work.

let t: TTestDb;
let learner: TSessionUser;
let expert: TSessionUser;
let drafter: TSessionUser;
let admin: TSessionUser;
let expertProfile: { id: string; slug: string };
let draftProfile: { id: string; slug: string };

const refused = { code: '42501' };

beforeAll(async () => {
  t = await createTestDb();
  [learner, expert, drafter, admin] = await Promise.all([
    createUser(t.db, { role: 'learner' }),
    createUser(t.db, { role: 'expert' }),
    createUser(t.db, { role: 'expert' }),
    createUser(t.db, { role: 'admin' }),
  ]);
  expertProfile = await createExpertProfile(t.db, expert.id, { status: 'approved' });
  draftProfile = await createExpertProfile(t.db, drafter.id, { status: 'draft' });
});
afterAll(() => t.drop());

const ownUserRow = async (id: string) =>
  (
    await t.db.query<{ email: string; password_hash: string; name: string; timezone: string }>(
      'select email, password_hash, name, timezone from public.users where id = $1',
      [id],
    )
  ).rows[0];
const profileRow = async (id: string) =>
  (await t.db.query<Record<string, unknown>>('select * from public.expert_profiles where id = $1', [id])).rows[0];

describe('users: a user changes only their own name and time zone', () => {
  it('refuses their own password_hash', async () => {
    const before = await ownUserRow(learner.id);
    await expect(
      withUser(t.db, learner, (tx) => tx.query("update public.users set password_hash = 'x' where id = $1", [learner.id])),
    ).rejects.toMatchObject(refused);
    expect((await ownUserRow(learner.id)).password_hash).toBe(before.password_hash);
  });

  it('refuses their own email', async () => {
    await expect(
      withUser(t.db, learner, (tx) => tx.query("update public.users set email = 'taken-over@example.test' where id = $1", [learner.id])),
    ).rejects.toMatchObject(refused);
    expect((await ownUserRow(learner.id)).email).toBe(learner.email);
  });

  it('still lets them change their own name and time zone', async () => {
    const r = await withUser(t.db, learner, (tx) =>
      tx.query("update public.users set name = 'Renamed', timezone = 'Europe/Berlin' where id = $1", [learner.id]),
    );
    expect(r.affectedRows).toBe(1);
    expect(await ownUserRow(learner.id)).toMatchObject({ name: 'Renamed', timezone: 'Europe/Berlin' });
  });
});

describe('expert_profiles: an owner never writes what admins and reviews keep', () => {
  it.each([
    ['hidden', 'hidden = true'],
    ['rating_avg', 'rating_avg = 5'],
    ['rating_count', 'rating_count = 999'],
    ['approved_at', "approved_at = now() - interval '5 years'"],
    ['slug', "slug = 'top-expert'"],
  ])('refuses an approved expert’s own %s', async (column, set) => {
    const before = await profileRow(expertProfile.id);
    await expect(
      withUser(t.db, expert, (tx) => tx.query(`update public.expert_profiles set ${set} where user_id = $1`, [expert.id])),
    ).rejects.toMatchObject(refused);
    expect((await profileRow(expertProfile.id))[column]).toEqual(before[column]);
  });

  it('refuses the same on a draft (before approval) too', async () => {
    for (const set of ['hidden = true', 'rating_avg = 5', "slug = 'draft-renamed'", 'approved_at = now()']) {
      await expect(
        withUser(t.db, drafter, (tx) => tx.query(`update public.expert_profiles set ${set} where user_id = $1`, [drafter.id])),
      ).rejects.toMatchObject(refused);
    }
  });

  it('still lets the owner edit their own draft profile fields before approval', async () => {
    const r = await withUser(t.db, drafter, (tx) =>
      tx.query(
        "update public.expert_profiles set display_name = 'Dr Draft', headline = 'New headline', bio = 'About me' where user_id = $1",
        [drafter.id],
      ),
    );
    expect(r.affectedRows).toBe(1);
    expect(await profileRow(draftProfile.id)).toMatchObject({ display_name: 'Dr Draft', headline: 'New headline', bio: 'About me' });
  });

  it('still lets an admin hide a profile', async () => {
    const r = await withUser(t.db, admin, (tx) =>
      tx.query('update public.expert_profiles set hidden = true where id = $1', [expertProfile.id]),
    );
    expect(r.affectedRows).toBe(1);
    await t.db.query('update public.expert_profiles set hidden = false where id = $1', [expertProfile.id]);
  });
});

describe('expert_profiles: a new application starts as a plain draft', () => {
  const insert =
    (user: TSessionUser, status: string, ratingAvg: number | null = null) =>
    (tx: { query: (sql: string, params: unknown[]) => Promise<unknown> }) =>
      tx.query(
        `insert into public.expert_profiles (user_id, slug, display_name, status, rating_avg) values ($1, $2, 'Applicant', $3, $4)`,
        [user.id, `applicant-${user.id.slice(0, 8)}`, status, ratingAvg],
      );
  const ownProfiles = async (user: TSessionUser) =>
    (await t.db.query<{ status: string }>('select status from public.expert_profiles where user_id = $1', [user.id])).rows;

  it('refuses a learner inserting their own profile as submitted', async () => {
    const applicant = await createUser(t.db, { role: 'learner' });
    await expect(withUser(t.db, applicant, insert(applicant, 'submitted'))).rejects.toMatchObject(refused);
    expect(await ownProfiles(applicant)).toEqual([]);
  });

  it('refuses a draft that arrives with a rating', async () => {
    const applicant = await createUser(t.db, { role: 'learner' });
    await expect(withUser(t.db, applicant, insert(applicant, 'draft', 5))).rejects.toMatchObject(refused);
    expect(await ownProfiles(applicant)).toEqual([]);
  });

  it('still lets a learner start a draft', async () => {
    const applicant = await createUser(t.db, { role: 'learner' });
    await withUser(t.db, applicant, insert(applicant, 'draft'));
    expect(await ownProfiles(applicant)).toEqual([{ status: 'draft' }]);
  });
});

describe('audit_log: only admins record decisions', () => {
  const approveEntry = (actor: TSessionUser, subjectId: string) => (tx: { query: (sql: string, params: unknown[]) => Promise<unknown> }) =>
    tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id) values ($1, 'expert.approve', 'expert_profile', $2)`,
      [actor.id, subjectId],
    );
  const entries = async (subjectId: string) =>
    (await t.db.query<{ action: string }>('select action from public.audit_log where subject_id = $1', [subjectId])).rows.map(
      (r) => r.action,
    );

  it('refuses an expert writing expert.approve under their own id', async () => {
    await expect(withUser(t.db, drafter, approveEntry(drafter, draftProfile.id))).rejects.toMatchObject(refused);
    expect(await entries(draftProfile.id)).toEqual([]);
  });

  it('refuses a learner writing expert.approve under their own id', async () => {
    await expect(withUser(t.db, learner, approveEntry(learner, expertProfile.id))).rejects.toMatchObject(refused);
  });

  it('refuses expert.submit for a profile that is not submitted', async () => {
    await expect(
      withUser(t.db, drafter, (tx) =>
        tx.query(
          `insert into public.audit_log (actor_id, action, subject_type, subject_id) values ($1, 'expert.submit', 'expert_profile', $2)`,
          [drafter.id, draftProfile.id],
        ),
      ),
    ).rejects.toMatchObject(refused);
  });

  it('still records an owner’s own submission, and an admin’s decision', async () => {
    const applicant = await createUser(t.db, { role: 'expert' });
    const profile = await createExpertProfile(t.db, applicant.id, { status: 'draft' });
    await withUser(t.db, applicant, async (tx) => {
      await tx.query('select public.submit_expert_application()');
      await tx.query(
        `insert into public.audit_log (actor_id, action, subject_type, subject_id) values ($1, 'expert.submit', 'expert_profile', $2)`,
        [applicant.id, profile.id],
      );
    });
    await withUser(t.db, admin, approveEntry(admin, profile.id));
    expect((await entries(profile.id)).sort()).toEqual(['expert.approve', 'expert.submit']);
  });
});
