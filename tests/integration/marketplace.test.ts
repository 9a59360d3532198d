import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { withAnon, withUser } from '@/lib/db/with-user';
import { getApplicationDetail, listApplications, listAuditLog } from '@/lib/experts/admin-applications';
import { decideApplication } from '@/lib/experts/decide-application';
import { decideProfileChange } from '@/lib/experts/decide-profile-change';
import { getDocumentLink, getPublicPhotoLink } from '@/lib/experts/get-document-link';
import { getOwnApplication } from '@/lib/experts/get-own-application';
import { loadPublicProfile } from '@/lib/experts/get-public-profile';
import { saveApplication } from '@/lib/experts/save-application';
import { searchExperts } from '@/lib/experts/search-experts';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import { submitApplication } from '@/lib/experts/submit-application';
import { updateVerification, setExpertHidden } from '@/lib/experts/update-verification';
import { uploadDocument } from '@/lib/experts/upload-document';
import { createLocalDiskStorage } from '@/lib/storage/local-disk-storage';
import { createUser } from '../support/factories';
import { fillApplication, PDF_BYTES, PNG_BYTES } from '../support/marketplace-factories';
import { createTestDb, type TTestDb } from '../support/test-db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let t: TTestDb;
let admin: TSessionUser;
let learner: TSessionUser;
let expertA: TSessionUser;
let expertB: TSessionUser;
let dir: string;
const storage = () => createLocalDiskStorage(dir, Buffer.alloc(32, 7));
const search = (q: Record<string, string>) => withAnon(t.db, (tx) => searchExperts(tx, ZExpertSearch.parse(q)));
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'pw-uploads-'));
  // The route handlers under test use this database and a fresh in-process cache.
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  [admin, learner, expertA, expertB] = await Promise.all([
    createUser(t.db, { role: 'admin' }),
    createUser(t.db, { role: 'learner' }),
    createUser(t.db, { role: 'expert', name: 'Grace' }),
    createUser(t.db, { role: 'expert', name: 'Linus' }),
  ]);
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

describe('an expert applies', () => {
  it('saves steps as a draft, and cannot submit without a credential', async () => {
    const app = await fillApplication(t.db, expertA);
    expect(app).toMatchObject({
      status: 'draft',
      display_name: 'Grace Hopper',
      offerings: [{ duration_minutes: 30 }, { duration_minutes: 60 }],
    });
    expect(app.terms_accepted_at).not.toBeNull();
    await expect(submitApplication(t.db, expertA)).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { documents: expect.stringMatching(/credential/) },
    });
  });

  it('refuses an incomplete step with field messages, keeping what was saved', async () => {
    await expect(
      saveApplication(t.db, expertA, {
        step: 'profile',
        displayName: 'G',
        headline: 'short',
        bio: '',
        specialties: [],
        languages: [],
        yearsExperience: -1,
        country: 'USA',
        timezone: 'Nowhere',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { displayName: expect.any(String), bio: expect.any(String), timezone: 'Choose a time zone, like Europe/Berlin.' },
    });
    const own = await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id));
    expect(own?.headline).toBe('Compilers, COBOL and debugging for beginners');
  });

  it('refuses an upload of the wrong type, or too large, with a clear message', async () => {
    await expect(
      uploadDocument(t.db, expertA, {
        kind: 'credential',
        filename: 'cv.pdf',
        bytes: new TextEncoder().encode('just text pretending to be a pdf'),
        storage: storage(),
      }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      status: 422,
      message: expect.stringMatching(/^Upload a PDF, PNG, JPEG or WebP file\./),
      fields: { file: 'Upload a PDF, PNG, JPEG or WebP file.' },
    });
    await expect(
      uploadDocument(t.db, expertA, { kind: 'photo', filename: 'me.pdf', bytes: PDF_BYTES, storage: storage() }),
    ).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringContaining('application/pdf') });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PDF_BYTES);
    await expect(
      uploadDocument(t.db, expertA, { kind: 'credential', filename: 'big.pdf', bytes: big, storage: storage() }),
    ).rejects.toMatchObject({ code: 'unprocessable', message: 'The file is too large: the limit is 5 MB.' });
    const own = await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id));
    expect(own?.documents).toHaveLength(0);
  });

  it('stores a credential under an unguessable key and submits', async () => {
    const doc = await uploadDocument(t.db, expertA, { kind: 'credential', filename: 'diploma.pdf', bytes: PDF_BYTES, storage: storage() });
    expect(doc).toMatchObject({ kind: 'credential', content_type: 'application/pdf', filename: 'diploma.pdf' });
    const { rows } = await t.db.query<{ storage_key: string }>('select storage_key from public.expert_documents where id = $1', [doc.id]);
    expect(rows[0].storage_key).toMatch(/^experts\/[0-9a-f-]{36}\/[0-9a-f]{48}\.pdf$/);
    const app = await submitApplication(t.db, expertA);
    expect(app.status).toBe('submitted');
    await expect(submitApplication(t.db, expertA)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('authorization', () => {
  it('an expert cannot approve themselves, through lib or straight through RLS', async () => {
    const { id } = (await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id)))!;
    await expect(decideApplication(t.db, expertA, id, { action: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      withUser(t.db, expertA, (tx) => tx.query("update public.expert_profiles set status = 'approved' where id = $1", [id])),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withUser(t.db, expertA, (tx) =>
        tx.query('insert into public.expert_verifications (expert_id, identity_verified) values ($1, true)', [id]),
      ),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await t.db.query<{ status: string }>('select status from public.expert_profiles where id = $1', [id]);
    expect(rows[0].status).toBe('submitted');
  });

  it('an expert cannot read another expert’s documents; the owner and admins can', async () => {
    const own = (await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id)))!;
    const docId = own.documents[0].id;
    await fillApplication(t.db, expertB, { displayName: 'Linus Torvalds' });
    await expect(getDocumentLink(t.db, expertB, docId, storage())).rejects.toMatchObject({ code: 'not_found' });
    await expect(getDocumentLink(t.db, learner, docId, storage())).rejects.toMatchObject({ code: 'not_found' });
    const seen = await withUser(t.db, expertB, (tx) => tx.query('select id from public.expert_documents'));
    expect(seen.rows).toHaveLength(0);
    const ownerLink = await getDocumentLink(t.db, expertA, docId, storage());
    const adminLink = await getDocumentLink(t.db, admin, docId, storage());
    for (const link of [ownerLink, adminLink]) expect(link).toMatch(/^\/api\/files\/experts\/.+\.pdf\?exp=\d+&sig=/);
  });

  it('signed links expire and cannot be forged', async () => {
    let now = Date.now();
    const s = createLocalDiskStorage(dir, Buffer.alloc(32, 7), () => now);
    const url = new URL(await s.signedUrl('experts/x/abc.pdf', 300), 'http://x');
    const key = 'experts/x/abc.pdf';
    expect(s.verify(key, url.searchParams.get('exp'), url.searchParams.get('sig'))).toBe(true);
    expect(s.verify('experts/x/other.pdf', url.searchParams.get('exp'), url.searchParams.get('sig'))).toBe(false);
    expect(s.verify(key, String(Number(url.searchParams.get('exp')) + 1000), url.searchParams.get('sig'))).toBe(false);
    now += 301_000;
    expect(s.verify(key, url.searchParams.get('exp'), url.searchParams.get('sig'))).toBe(false);
  });
});

describe('admins verify and decide', () => {
  it('the queue lists submitted applications oldest first', async () => {
    const q = await withUser(t.db, admin, (tx) => listApplications(tx, { status: 'submitted' }));
    expect(q.map((x) => x.display_name)).toEqual(['Grace Hopper']);
    expect(q[0].documents).toBe(1);
    const none = await withUser(t.db, learner, (tx) => listApplications(tx, { status: 'all' }));
    expect(none).toEqual([]);
  });

  it('records the checklist, refuses a rejection without a reason, and tells the expert about the decision', async () => {
    const { id } = (await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id)))!;
    await updateVerification(t.db, admin, id, {
      identityVerified: true,
      credentialsVerified: true,
      backgroundStatus: 'clear',
      backgroundNote: 'Checked passport',
    });
    await expect(decideApplication(t.db, admin, id, { action: 'reject' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { reason: 'Give the expert a reason.' },
    });
    await expect(decideApplication(t.db, admin, id, { action: 'reinstate' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await decideApplication(t.db, admin, id, { action: 'approve' })).toEqual({ status: 'approved' });

    const detail = (await withUser(t.db, admin, (tx) => getApplicationDetail(tx, id)))!;
    expect(detail.verification).toMatchObject({ identity_verified: true, background_status: 'clear', background_note: 'Checked passport' });
    expect(detail.audit.map((a) => a.action)).toEqual(['expert.approve', 'expert.verification', 'expert.submit']);
    expect(detail.audit[0]).toMatchObject({ data: { from: 'submitted', to: 'approved' } });
    const notes = await withUser(t.db, expertA, (tx) => tx.query<{ title: string }>('select title from public.notifications'));
    expect(notes.rows.map((n) => n.title)).toEqual(['Your expert application is approved']);
    const mail = await t.db.query<{ recipient: string; template: string }>(
      "select recipient, template from public.outbox_messages where template = 'application.decided'",
    );
    expect(mail.rows).toEqual([{ recipient: expertA.email, template: 'application.decided' }]);
    expect(await withUser(t.db, expertB, (tx) => listAuditLog(tx))).toEqual([]);
  });
});

describe('learners find experts', () => {
  beforeEach(() => {
    holder.__pathwiseCache = createMemoryCache();
  });

  it('search finds the approved expert by full text and filters; never a draft', async () => {
    expect((await search({ q: 'compilers' })).items.map((x) => x.display_name)).toEqual(['Grace Hopper']);
    expect((await search({ q: 'linus' })).items).toEqual([]);
    expect((await search({ q: 'compiler', maxPrice: '30' })).items).toEqual([]);
    expect((await search({ q: 'compiler', minPrice: '40', language: 'en' })).items).toHaveLength(1);
    expect((await search({ topics: 'debugging,haskell' })).items.map((x) => x.slug)).toHaveLength(1);
    expect(await loadPublicProfile(t.db, (await withUser(t.db, expertB, (tx) => getOwnApplication(tx, expertB.id)))!.slug)).toBeNull();
  });

  it('ranks a name and specialty match above a bio mention', async () => {
    const other = await createUser(t.db, { role: 'expert' });
    await fillApplication(
      t.db,
      other,
      {
        displayName: 'Barbara Liskov',
        headline: 'Abstraction and distributed systems mentor',
        bio: 'Happy to talk about compilers now and then, but mostly data abstraction and distributed systems.',
        specialties: ['Cloud computing'],
        tags: [],
      },
      [{ durationMinutes: 30, priceMinor: 2500, currency: 'USD' }],
    );
    await uploadDocument(t.db, other, { kind: 'credential', filename: 'c.png', bytes: PNG_BYTES, storage: storage() });
    await submitApplication(t.db, other);
    const { id } = (await withUser(t.db, other, (tx) => getOwnApplication(tx, other.id)))!;
    await updateVerification(t.db, admin, id, { identityVerified: true, credentialsVerified: true, backgroundStatus: 'clear' });
    await decideApplication(t.db, admin, id, { action: 'approve' });
    expect((await search({ q: 'compilers' })).items.map((x) => x.display_name)).toEqual(['Grace Hopper', 'Barbara Liskov']);
    expect((await search({ q: 'compilers', sort: 'price_desc' })).items[0].display_name).toBe('Grace Hopper');
    expect((await search({ perPage: '1', page: '2' })).total).toBeGreaterThanOrEqual(2);
  });

  it('GET /api/experts hides suspended and hidden experts, and the cache follows each change', async () => {
    const { GET } = await import('@/app/api/experts/route');
    const call = async (qs: string) => {
      const res = await GET(new NextRequest(`http://localhost/api/experts${qs}`), { params: Promise.resolve({}) });
      return { status: res.status, body: await res.json() };
    };
    const { id, slug } = (await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id)))!;
    expect((await call('?q=compilers')).body.items.map((x: { slug: string }) => x.slug)).toContain(slug);

    await decideApplication(t.db, admin, id, { action: 'suspend', reason: 'Complaints under review' });
    expect((await call('?q=compilers')).body.items.map((x: { slug: string }) => x.slug)).not.toContain(slug);
    expect(await loadPublicProfile(t.db, slug)).toBeNull();
    const { GET: PROFILE } = await import('@/app/api/experts/[slug]/photo/route');
    expect(
      (await PROFILE(new NextRequest(`http://localhost/api/experts/${slug}/photo`), { params: Promise.resolve({ slug }) })).status,
    ).toBe(404);

    await decideApplication(t.db, admin, id, { action: 'reinstate' });
    expect((await call('?q=compilers')).body.total).toBe(2);
    await setExpertHidden(t.db, admin, id, { hidden: true, reason: 'Photo under review' });
    expect((await call('?q=compilers')).body.total).toBe(1);
    await setExpertHidden(t.db, admin, id, { hidden: false });

    // A price change waits for review, then shows at once when accepted, though the search was cached.
    expect((await call('?q=compilers&sort=price_asc')).body.items[1]).toMatchObject({ slug, from_price_minor: 4000 });
    const proposed = await saveApplication(t.db, expertA, {
      step: 'offerings',
      offerings: [{ durationMinutes: 60, priceMinor: 1000, currency: 'USD' }],
    });
    expect((await call('?q=compilers&sort=price_asc')).body.items[1]).toMatchObject({ slug, from_price_minor: 4000 });
    await decideProfileChange(t.db, admin, id, { action: 'accept', revision: proposed.pending!.revision });
    expect((await call('?q=compilers&sort=price_asc')).body.items[0]).toMatchObject({ slug, from_price_minor: 1000 });

    const bad = await call('?sort=cheapest&perPage=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ sort: expect.any(String), perPage: 'At most 50 per page.' });
  });

  it('an unapproved or suspended expert is invisible to a learner at the database too (RLS)', async () => {
    const rows = await withUser(t.db, learner, (tx) =>
      tx.query<{ display_name: string }>('select display_name from public.expert_profiles order by display_name'),
    );
    expect(rows.rows.map((r) => r.display_name)).toEqual(['Barbara Liskov', 'Grace Hopper']);
  });

  it('a photo shows on a listed profile only, through a signed link', async () => {
    const a = (await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id)))!;
    await uploadDocument(t.db, expertA, { kind: 'photo', filename: 'me.png', bytes: PNG_BYTES, storage: storage() });
    // An approved expert's new photo waits for review.
    expect(await getPublicPhotoLink(t.db, a.slug, storage())).toBeNull();
    const pending = (await withUser(t.db, expertA, (tx) => getOwnApplication(tx, expertA.id)))!.pending!;
    await decideProfileChange(t.db, admin, a.id, { action: 'accept', revision: pending.revision });
    expect(await getPublicPhotoLink(t.db, a.slug, storage())).toMatch(/^\/api\/files\/experts\/.+\.png\?exp=\d+&sig=/);
    expect((await loadPublicProfile(t.db, a.slug))?.has_photo).toBe(true);
    const b = (await withUser(t.db, expertB, (tx) => getOwnApplication(tx, expertB.id)))!;
    await uploadDocument(t.db, expertB, { kind: 'photo', filename: 'me.png', bytes: PNG_BYTES, storage: storage() });
    expect(await getPublicPhotoLink(t.db, b.slug, storage())).toBeNull();
  });
});
