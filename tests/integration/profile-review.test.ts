import { NextRequest } from 'next/server';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db/with-user';
import { getApplicationDetail } from '@/lib/experts/admin-applications';
import { decideApplication } from '@/lib/experts/decide-application';
import { decideProfileChange } from '@/lib/experts/decide-profile-change';
import { getPublicPhotoLink } from '@/lib/experts/get-document-link';
import { getOwnApplication } from '@/lib/experts/get-own-application';
import { loadPublicProfile } from '@/lib/experts/get-public-profile';
import { saveApplication } from '@/lib/experts/save-application';
import { uploadDocument } from '@/lib/experts/upload-document';
import { createLocalDiskStorage } from '@/lib/storage/local-disk-storage';
import { createUser } from '../support/factories';
import { approvedExpert, PNG_BYTES, PROFILE_STEP } from '../support/marketplace-factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
let admin: TSessionUser;
let learner: TSessionUser;
let expert: TSessionUser;
let other: TSessionUser;
let profile: { id: string; slug: string };
let dir: string;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const storage = () => createLocalDiskStorage(dir, Buffer.alloc(32, 7));
const own = async (u: TSessionUser = expert) => (await withUser(t.db, u, (tx) => getOwnApplication(tx, u.id)))!;
const editProfile = (changes: Record<string, unknown>) => saveApplication(t.db, expert, { ...PROFILE_STEP, ...changes });

/** The directory as learners get it: the cached API route. */
async function directory(q: string) {
  const { GET } = await import('@/app/api/experts/route');
  const res = await GET(new NextRequest(`http://localhost/api/experts?q=${encodeURIComponent(q)}`), { params: Promise.resolve({}) });
  return (await res.json()) as { items: { slug: string; headline: string; from_price_minor: number }[] };
}

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'pw-review-'));
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  [admin, learner, expert, other] = await Promise.all([
    createUser(t.db, { role: 'admin' }),
    createUser(t.db, { role: 'learner' }),
    createUser(t.db, { role: 'expert', name: 'Grace' }),
    createUser(t.db, { role: 'expert', name: 'Linus' }),
  ]);
  profile = await approvedExpert(t.db, admin, expert, storage());
  await approvedExpert(t.db, admin, other, storage(), {
    displayName: 'Linus Torvalds',
    headline: 'Kernels and version control for the curious',
    bio: 'I wrote a kernel and a version control system, and I enjoy explaining how both work inside.',
    tags: ['kernels'],
  });
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

describe('an approved expert’s public changes wait for review', () => {
  it('an edit leaves the public profile and the (cached) directory unchanged, and shows the expert what is pending', async () => {
    expect((await directory('compilers')).items).toMatchObject([{ slug: profile.slug, headline: PROFILE_STEP.headline }]);
    const saved = await editProfile({ headline: 'Compilers and quantum walruses for beginners' });
    await saveApplication(t.db, expert, { step: 'offerings', offerings: [{ durationMinutes: 30, priceMinor: 2500, currency: 'USD' }] });

    expect(saved.headline).toBe(PROFILE_STEP.headline);
    expect((await loadPublicProfile(t.db, profile.slug))?.headline).toBe(PROFILE_STEP.headline);
    expect((await directory('compilers')).items).toMatchObject([
      { slug: profile.slug, headline: PROFILE_STEP.headline, from_price_minor: 4000 },
    ]);
    expect((await directory('walruses')).items).toEqual([]);

    const mine = await own();
    expect(mine.pending).toMatchObject({
      revision: 2,
      proposed: { profile: { headline: 'Compilers and quantum walruses for beginners' }, offerings: [{ priceMinor: 2500 }] },
    });
    const detail = (await withUser(t.db, admin, (tx) => getApplicationDetail(tx, profile.id)))!;
    expect(detail.pending_change?.changes).toEqual([
      { field: 'headline', label: 'Headline', live: PROFILE_STEP.headline, proposed: 'Compilers and quantum walruses for beginners' },
      { field: 'offerings', label: 'Prices', live: '30 min $40 · 60 min $70', proposed: '30 min $25' },
    ]);
  });

  it('acceptance applies the whole proposal at once: profile, prices and the directory', async () => {
    const { revision } = (await own()).pending!;
    await expect(decideProfileChange(t.db, admin, profile.id, { action: 'accept', revision: revision - 1 })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await decideProfileChange(t.db, admin, profile.id, { action: 'accept', revision })).toEqual({ status: 'accepted' });

    expect(await loadPublicProfile(t.db, profile.slug)).toMatchObject({
      headline: 'Compilers and quantum walruses for beginners',
      offerings: [{ duration_minutes: 30, price_minor: 2500 }],
    });
    expect((await directory('walruses')).items).toMatchObject([{ slug: profile.slug, from_price_minor: 2500 }]);
    const mine = await own();
    expect(mine.pending).toBeNull();
    expect(mine.last_change).toMatchObject({ status: 'accepted' });
    const detail = (await withUser(t.db, admin, (tx) => getApplicationDetail(tx, profile.id)))!;
    expect(detail.audit[0]).toMatchObject({ action: 'expert.profile_change.accept', data: { fields: ['headline', 'offerings'] } });
    const notes = await withUser(t.db, expert, (tx) =>
      tx.query<{ title: string }>('select title from public.notifications order by created_at desc limit 1'),
    );
    expect(notes.rows[0].title).toBe('Your profile changes are live');
    const mail = await t.db.query(
      "select 1 from public.outbox_messages where recipient = $1 and template = 'expert-profile-change-accept'",
      [expert.email],
    );
    expect(mail.rows).toHaveLength(1);
  });

  it('rejection needs a reason, keeps the live profile, and tells the expert why', async () => {
    const { pending } = await editProfile({
      headline: 'Compilers and quantum walruses for beginners',
      bio: 'A new bio that the review team will not accept, because it promises guaranteed job offers.',
    });
    await expect(decideProfileChange(t.db, admin, profile.id, { action: 'reject', revision: pending!.revision })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { reason: 'Give the expert a reason.' },
    });
    const reason = 'We cannot list guaranteed job offers.';
    expect(await decideProfileChange(t.db, admin, profile.id, { action: 'reject', revision: pending!.revision, reason })).toEqual({
      status: 'rejected',
    });
    expect((await loadPublicProfile(t.db, profile.slug))?.bio).toBe(PROFILE_STEP.bio);
    const mine = await own();
    expect(mine).toMatchObject({ bio: PROFILE_STEP.bio, pending: null, last_change: { status: 'rejected', reason } });
    const notes = await withUser(t.db, expert, (tx) =>
      tx.query<{ title: string; body: string }>('select title, body from public.notifications order by created_at desc limit 1'),
    );
    expect(notes.rows[0]).toMatchObject({ title: 'Your profile changes were not accepted', body: expect.stringContaining(reason) });
    const mail = await t.db.query<{ body: string }>(
      "select body from public.outbox_messages where recipient = $1 and template = 'expert-profile-change-reject'",
      [expert.email],
    );
    expect(mail.rows[0].body).toContain(reason);
  });

  it('a proposal that matches the live profile is withdrawn', async () => {
    await editProfile({
      headline: 'Compilers and quantum walruses for beginners',
      bio: 'Another bio, long enough to be valid for the schema and to be proposed.',
    });
    expect((await own()).pending).not.toBeNull();
    await editProfile({ headline: 'Compilers and quantum walruses for beginners' });
    expect((await own()).pending).toBeNull();
  });

  it('a new photo waits for review too', async () => {
    const doc = await uploadDocument(t.db, expert, { kind: 'photo', filename: 'me.png', bytes: PNG_BYTES, storage: storage() });
    expect(await getPublicPhotoLink(t.db, profile.slug, storage())).toBeNull();
    expect((await own()).pending?.proposed).toEqual({ photoDocumentId: doc.id });
  });
});

describe('who can do what (lib and row-level security)', () => {
  it('an expert cannot accept their own pending change, nor write public fields straight to the table', async () => {
    const { pending } = await own();
    await expect(decideProfileChange(t.db, expert, profile.id, { action: 'accept', revision: pending!.revision })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(decideProfileChange(t.db, other, profile.id, { action: 'accept', revision: pending!.revision })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      withUser(t.db, expert, (tx) => tx.query("update public.expert_profile_changes set status = 'accepted' where id = $1", [pending!.id])),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withUser(t.db, expert, (tx) =>
        tx.query("update public.expert_profiles set headline = 'Sneaky headline straight to live' where id = $1", [profile.id]),
      ),
    ).rejects.toThrow(/through review/);
    await expect(
      withUser(t.db, expert, (tx) =>
        tx.query('update public.expert_profiles set photo_document_id = $2 where id = $1', [profile.id, pending!.proposed.photoDocumentId]),
      ),
    ).rejects.toThrow(/through review/);
    await expect(
      withUser(t.db, expert, (tx) =>
        tx.query('update public.expert_offerings set price_minor = 100 where expert_id = $1 returning 1', [profile.id]),
      ),
    ).resolves.toMatchObject({ rows: [] });
    expect((await loadPublicProfile(t.db, profile.slug))?.offerings[0].price_minor).toBe(2500);
    // Terms are not public: still the owner's to change.
    await expect(
      withUser(t.db, expert, (tx) => tx.query('update public.expert_profiles set terms_accepted_at = now() where id = $1', [profile.id])),
    ).resolves.toBeDefined();
  });

  it('a learner or another expert cannot read someone’s pending change; admins can', async () => {
    const read = (u: TSessionUser) =>
      withUser(t.db, u, (tx) => tx.query('select id from public.expert_profile_changes where expert_id = $1', [profile.id]));
    expect((await read(learner)).rows).toHaveLength(0);
    expect((await read(other)).rows).toHaveLength(0);
    expect((await read(expert)).rows.length).toBeGreaterThan(0);
    expect((await read(admin)).rows.length).toBeGreaterThan(0);
  });

  it('a suspended expert cannot change anything public, photo included, through lib or the database', async () => {
    await decideApplication(t.db, admin, profile.id, { action: 'suspend', reason: 'Complaints under review' });
    await expect(editProfile({ headline: 'A suspended expert tries a new headline' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      saveApplication(t.db, expert, { step: 'offerings', offerings: [{ durationMinutes: 30, priceMinor: 900, currency: 'USD' }] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const stored = () => readdirSync(path.join(dir, 'experts', profile.id)).length;
    const before = stored();
    await expect(
      uploadDocument(t.db, expert, { kind: 'photo', filename: 'new.png', bytes: PNG_BYTES, storage: storage() }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(stored()).toBe(before);

    const photo = (await own()).documents.find((d) => d.kind === 'photo')!;
    await expect(
      withUser(t.db, expert, (tx) =>
        tx.query('update public.expert_profiles set photo_document_id = $2 where id = $1', [profile.id, photo.id]),
      ),
    ).rejects.toThrow(/through review/);
    await expect(
      withUser(t.db, expert, (tx) => tx.query("update public.expert_profiles set display_name = 'Renamed' where id = $1", [profile.id])),
    ).rejects.toThrow(/through review/);
    await expect(
      withUser(t.db, expert, (tx) => tx.query('delete from public.expert_profile_changes where expert_id = $1', [profile.id])),
    ).resolves.toBeDefined();
    await expect(
      withUser(t.db, expert, (tx) =>
        tx.query("insert into public.expert_profile_changes (expert_id, proposed) values ($1, '{}')", [profile.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withUser(t.db, expert, (tx) =>
        tx.query('insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 45, 100, $2)', [
          profile.id,
          'USD',
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await t.db.query<{ headline: string; photo_document_id: string | null }>(
      'select headline, photo_document_id from public.expert_profiles where id = $1',
      [profile.id],
    );
    expect(rows[0]).toEqual({ headline: 'Compilers and quantum walruses for beginners', photo_document_id: null });
  });
});
