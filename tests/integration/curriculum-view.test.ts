import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdminHome } from '@/lib/admin/load-admin-pages';
import { listAttachableCurricula } from '@/lib/curriculum/as-learner';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow, listCurricula, viewCurricula, viewCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { offlineProvider } from '@/lib/curriculum/get-provider';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { loadApplicationEditor } from '@/lib/experts/load-own';
import { upsertSpecialty } from '@/lib/experts/taxonomy';
import { loadSettingsPage } from '@/lib/privacy/consents';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The Learn pages' read-only views (lib/curriculum/get-curriculum.ts, issue #15): parsed plans are kept per row
// version, so they must change the moment the row does, and the database still decides who may read a row.
let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

async function readyCurriculum(user: Awaited<ReturnType<typeof createUser>>, goal = 'Learn Go') {
  const request = ZCurriculumRequest.parse({ goal, level: 'beginner', hoursPerWeek: 3, weeks: 4, materials: ['reading', 'practice'] });
  const { id } = await withUser(t.db, user, (tx) =>
    createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 5 }),
  );
  expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  return id;
}

describe('viewCurriculumOrThrow and viewCurricula', () => {
  it('read what the full reads read, and parse a row version once', async () => {
    const user = await createUser(t.db);
    const id = await readyCurriculum(user);
    const full = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    const first = await withUser(t.db, user, (tx) => viewCurriculumOrThrow(tx, { id, userId: user.id }));
    const second = await withUser(t.db, user, (tx) => viewCurriculumOrThrow(tx, { id, userId: user.id }));
    expect(first).toEqual(full);
    expect(second.plan).toBe(first.plan); // the kept parse, not a new one
    expect(Object.isFrozen(second.plan!.modules[0].lessons[0])).toBe(true);
    expect(await withUser(t.db, user, (tx) => viewCurricula(tx, user.id))).toEqual(
      await withUser(t.db, user, (tx) => listCurricula(tx, user.id)),
    );
  });

  it('show a change at once, even two changes made in one transaction', async () => {
    const user = await createUser(t.db);
    const id = await readyCurriculum(user);
    const view = () => withUser(t.db, user, (tx) => viewCurriculumOrThrow(tx, { id, userId: user.id }));
    const list = () => withUser(t.db, user, (tx) => viewCurricula(tx, user.id));
    await view();
    await list();
    await t.db.query(`update public.curricula set plan = jsonb_set(plan, '{title}', '"Renamed once"') where id = $1`, [id]);
    expect((await view()).plan!.title).toBe('Renamed once');
    expect((await list())[0].plan!.title).toBe('Renamed once');
    // Status changes (no plan change) show too: they are read on every view.
    await t.db.query(`update public.curricula set status = 'failed', error = 'planned' where id = $1`, [id]);
    expect(await view()).toMatchObject({ status: 'failed', error: 'planned' });
    await t.db.transaction(async (tx) => {
      await tx.query(`update public.curricula set plan = jsonb_set(plan, '{title}', '"Mid-transaction"') where id = $1`, [id]);
      await tx.query(`update public.curricula set plan = jsonb_set(plan, '{title}', '"Renamed twice"') where id = $1`, [id]);
    });
    expect((await view()).plan!.title).toBe('Renamed twice');
  });

  it('never hand a kept plan to another learner', async () => {
    const owner = await createUser(t.db);
    const other = await createUser(t.db);
    const id = await readyCurriculum(owner);
    await withUser(t.db, owner, (tx) => viewCurriculumOrThrow(tx, { id, userId: owner.id })); // kept now
    await expect(withUser(t.db, other, (tx) => viewCurriculumOrThrow(tx, { id, userId: other.id }))).rejects.toMatchObject({
      code: 'not_found',
    });
    // Even asked with the owner's id inside the other learner's transaction, row-level security hides the row.
    await expect(withUser(t.db, other, (tx) => viewCurriculumOrThrow(tx, { id, userId: owner.id }))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await withUser(t.db, other, (tx) => viewCurricula(tx, owner.id))).toEqual([]);
  });
});

describe('listAttachableCurricula', () => {
  it("lists each planned curriculum's title and modules, newest first, and nobody else's", async () => {
    const user = await createUser(t.db);
    const older = await readyCurriculum(user, 'Learn Go');
    const newer = await readyCurriculum(user, 'Learn SQL');
    await readyCurriculum(await createUser(t.db), 'Learn Rust');
    const full = await withUser(t.db, user, (tx) => listCurricula(tx, user.id));
    const expected = full.map((c) => ({
      id: c.id,
      title: c.plan!.title,
      modules: c.plan!.modules.map((m) => ({ id: m.id, title: m.title })),
    }));
    const listed = await listAttachableCurricula(t.db, user);
    expect(listed).toEqual(expected);
    expect(listed.map((c) => c.id)).toEqual([newer, older]);
    expect(listed[0].modules.length).toBeGreaterThan(2);
  });
});

describe('loadSettingsPage', () => {
  it("reads the consents and the account's time zone in one transaction", async () => {
    const user = await createUser(t.db);
    await t.db.query(`update public.users set timezone = 'Europe/Berlin' where id = $1`, [user.id]);
    const page = await loadSettingsPage(t.db, user);
    expect(page.timeZone).toBe('Europe/Berlin');
    expect(page.current.map((c) => c.kind)).toEqual(expect.arrayContaining(['terms', 'privacy']));
  });
});

describe('cachedSpecialties (the editor and admin pages read the taxonomy from the directory cache)', () => {
  it('shows a new or retired specialty at once', async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    const expert = await createUser(t.db, { role: 'expert' });
    const labels = async () => (await loadApplicationEditor(t.db, expert)).specialties.map((s) => s.label);
    const adminLabels = async () =>
      (await loadAdminHome(t.db, admin, { status: 'submitted' })).specialties.map((s) => `${s.label}:${s.active}`);
    expect(await labels()).not.toContain('Cache Testing');
    await adminLabels(); // both lists kept now
    await upsertSpecialty(t.db, admin, { label: 'Cache Testing' });
    expect(await labels()).toContain('Cache Testing');
    expect(await adminLabels()).toContain('Cache Testing:true');
    await upsertSpecialty(t.db, admin, { label: 'Cache Testing', active: false });
    expect(await labels()).not.toContain('Cache Testing');
    expect(await adminLabels()).toContain('Cache Testing:false');
  });
});
