import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteRoute } from '@/app/api/expert/documents/[id]/route';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db';
import { deleteDocument } from '@/lib/experts/delete-document';
import { getOwnApplication } from '@/lib/experts/get-own-application';
import { saveApplication } from '@/lib/experts/save-application';
import { MAX_DOCUMENTS_PER_APPLICATION, uploadDocument } from '@/lib/experts/upload-document';
import { AppError } from '@/lib/http/app-error';
import { createLocalDiskStorage } from '@/lib/storage/local-disk-storage';
import { createUser } from '../support/factories';
import { fillApplication, PDF_BYTES, PROFILE_STEP, submittedExpert } from '../support/marketplace-factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
let dir: string;
const storage = () => createLocalDiskStorage(dir, Buffer.alloc(32, 7));
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'pw-limits-'));
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

const expert = () => createUser(t.db, { role: 'expert' });
const upload = (user: Awaited<ReturnType<typeof expert>>, maxDocuments?: number) =>
  uploadDocument(t.db, user, { kind: 'credential', filename: 'c.pdf', bytes: PDF_BYTES, storage: storage(), maxDocuments });
/** Success, or a clean AppError's code; anything else (a 500 in the app) fails the test. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: unknown) => {
      if (err instanceof AppError) return err.code;
      throw err;
    },
  );

describe('concurrent application saves', () => {
  it('two tabs saving offerings at once both succeed; the last one wins whole', async () => {
    const user = await expert();
    await saveApplication(t.db, user, PROFILE_STEP);
    const a = [
      { durationMinutes: 30, priceMinor: 4000, currency: 'USD' },
      { durationMinutes: 60, priceMinor: 7000, currency: 'USD' },
    ];
    const b = [
      { durationMinutes: 30, priceMinor: 5000, currency: 'USD' },
      { durationMinutes: 90, priceMinor: 9000, currency: 'USD' },
    ];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => outcome(saveApplication(t.db, user, { step: 'offerings', offerings: i % 2 ? b : a }))),
    );
    expect(results).toEqual(Array(6).fill('ok'));
    const own = await withUser(t.db, user, (tx) => getOwnApplication(tx, user.id));
    expect([
      [30, 60],
      [30, 90],
    ]).toContainEqual(own!.offerings.map((o) => o.duration_minutes).sort((x, y) => x - y));
  });

  it('two first saves of the profile make one profile, never a duplicate-key error', async () => {
    const user = await expert();
    const results = await Promise.all([
      outcome(saveApplication(t.db, user, PROFILE_STEP)),
      outcome(saveApplication(t.db, user, PROFILE_STEP)),
    ]);
    expect(results).toEqual(['ok', 'ok']);
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.expert_profiles where user_id = $1', [user.id]);
    expect(rows[0].n).toBe(1);
  });
});

describe('documents per application', () => {
  it(`are capped (${MAX_DOCUMENTS_PER_APPLICATION} by default) with a clear 409, in parallel too`, async () => {
    expect(MAX_DOCUMENTS_PER_APPLICATION).toBe(20);
    const user = await expert();
    await saveApplication(t.db, user, PROFILE_STEP);
    const results = await Promise.all(Array.from({ length: 8 }, () => outcome(upload(user, 3))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r !== 'ok')).toEqual(Array(5).fill('conflict'));
    await expect(upload(user, 3)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/at most 3 documents\. Remove one/),
    });
    const own = await withUser(t.db, user, (tx) => getOwnApplication(tx, user.id));
    expect(own!.documents).toHaveLength(3);
  });

  it('the default cap holds at 20', async () => {
    const user = await expert();
    await saveApplication(t.db, user, PROFILE_STEP);
    for (let i = 0; i < 20; i++) await upload(user);
    await expect(upload(user)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('removing a document', () => {
  it('the owner removes their own while a draft, which frees a place under the cap', async () => {
    const user = await expert();
    await fillApplication(t.db, user);
    const doc = await upload(user, 1);
    await expect(upload(user, 1)).rejects.toMatchObject({ code: 'conflict' });
    await deleteDocument(t.db, user, { id: doc.id, storage: storage() });
    const own = await withUser(t.db, user, (tx) => getOwnApplication(tx, user.id));
    expect(own!.documents).toHaveLength(0);
    await upload(user, 1);
  });

  it("another expert's document is not found, and stays", async () => {
    const [owner, other] = [await expert(), await expert()];
    await saveApplication(t.db, owner, PROFILE_STEP);
    await saveApplication(t.db, other, PROFILE_STEP);
    const doc = await upload(owner);
    await expect(deleteDocument(t.db, other, { id: doc.id, storage: storage() })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const own = await withUser(t.db, owner, (tx) => getOwnApplication(tx, owner.id));
    expect(own!.documents.map((d) => d.id)).toEqual([doc.id]);
  });

  it('is refused once the application is submitted — by the app, and by the database (RLS)', async () => {
    const user = await expert();
    await submittedExpert(t.db, user, storage());
    const own = await withUser(t.db, user, (tx) => getOwnApplication(tx, user.id));
    const id = own!.documents[0].id;
    await expect(deleteDocument(t.db, user, { id, storage: storage() })).rejects.toMatchObject({ code: 'conflict' });
    const { affectedRows } = await withUser(t.db, user, (tx) => tx.query('delete from public.expert_documents where id = $1', [id]));
    expect(affectedRows).toBe(0);
  });

  it('DELETE /api/expert/documents/:id: 204 for the owner, 404 for another expert', async () => {
    const [owner, other] = [await expert(), await expert()];
    await saveApplication(t.db, owner, PROFILE_STEP);
    const doc = await upload(owner);
    const call = async (userId: string) => {
      const cookie = `pw_session=${(await createSession(t.db, userId, 1)).token}`;
      const req = new NextRequest(`http://localhost:3000/api/expert/documents/${doc.id}`, {
        method: 'DELETE',
        headers: { host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin', cookie },
      });
      return deleteRoute(req, { params: Promise.resolve({ id: doc.id }) });
    };
    const refused = await call(other.id);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await call(owner.id)).status).toBe(204);
    expect((await call(owner.id)).status).toBe(404);
  });
});
