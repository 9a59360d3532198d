import { NextRequest } from 'next/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db/with-user';
import { getApplicationDetail } from '@/lib/experts/admin-applications';
import { decideApplication } from '@/lib/experts/decide-application';
import { updateVerification, type TVerificationInput } from '@/lib/experts/update-verification';
import { createLocalDiskStorage } from '@/lib/storage/local-disk-storage';
import { createUser } from '../support/factories';
import { submittedExpert } from '../support/marketplace-factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
let admin: TSessionUser;
let dir: string;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const storage = () => createLocalDiskStorage(dir, Buffer.alloc(32, 7));
const status = async (id: string) =>
  (await t.db.query<{ status: string }>('select status from public.expert_profiles where id = $1', [id])).rows[0].status;
const COMPLETE: TVerificationInput = { identityVerified: true, credentialsVerified: true, backgroundStatus: 'clear' };

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'pw-verify-'));
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  admin = await createUser(t.db, { role: 'admin', name: 'Ada Admin' });
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

describe('approval needs the verification checklist complete and the background check clear', () => {
  let id: string;
  beforeAll(async () => {
    id = (await submittedExpert(t.db, await createUser(t.db, { role: 'expert' }), storage())).id;
  });

  it('refuses with nothing checked, naming every missing item', async () => {
    await expect(decideApplication(t.db, admin, id, { action: 'approve' })).rejects.toMatchObject({
      code: 'conflict',
      fields: {
        identityVerified: 'Identity is not verified.',
        credentialsVerified: 'Credentials are not verified.',
        backgroundStatus: 'The background check has not started.',
      },
    });
    expect(await status(id)).toBe('submitted');
  });

  it.each([
    ['identity unchecked', { ...COMPLETE, identityVerified: false }, 'identityVerified'],
    ['credentials unchecked', { ...COMPLETE, credentialsVerified: false }, 'credentialsVerified'],
    ['background not started', { ...COMPLETE, backgroundStatus: 'not_started' }, 'backgroundStatus'],
    ['background pending', { ...COMPLETE, backgroundStatus: 'pending' }, 'backgroundStatus'],
    ['background flagged', { ...COMPLETE, backgroundStatus: 'flagged', backgroundNote: 'Record found' }, 'backgroundStatus'],
  ] as const)('refuses with %s', async (_name, checklist, item) => {
    await updateVerification(t.db, admin, id, checklist);
    const refused = decideApplication(t.db, admin, id, { action: 'approve' });
    await expect(refused).rejects.toMatchObject({ code: 'conflict', status: 409 });
    const fields = await refused.catch((e: { fields: Record<string, string> }) => e.fields);
    expect(Object.keys(fields)).toEqual([item]);
    expect(await status(id)).toBe('submitted');
  });

  it('refuses an override without a written reason: 422 with the field, through the route', async () => {
    await updateVerification(t.db, admin, id, { ...COMPLETE, backgroundStatus: 'flagged' });
    await expect(decideApplication(t.db, admin, id, { action: 'approve', override: true, overrideReason: '  ' })).rejects.toMatchObject({
      code: 'unprocessable',
      fields: { overrideReason: expect.stringMatching(/why/i) },
    });
    const { POST } = await import('@/app/api/admin/experts/[id]/decision/route');
    const { createSession } = await import('@/lib/auth/sessions');
    const { token } = await createSession(t.db, admin.id, 1);
    const res = await POST(
      new NextRequest(`http://localhost/api/admin/experts/${id}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `pw_session=${token}` },
        body: JSON.stringify({ action: 'approve', override: true }),
      }),
      { params: Promise.resolve({ id }) },
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'unprocessable', fields: { overrideReason: expect.any(String) } });
    expect(await status(id)).toBe('submitted');
  });

  it('approves with an override and a reason, written to the audit log', async () => {
    const reason = 'The flag is a 2009 parking fine; approved by the trust lead.';
    expect(await decideApplication(t.db, admin, id, { action: 'approve', override: true, overrideReason: reason })).toEqual({
      status: 'approved',
    });
    const detail = (await withUser(t.db, admin, (tx) => getApplicationDetail(tx, id)))!;
    expect(detail.audit[0]).toMatchObject({
      action: 'expert.approve_override',
      reason,
      actor_name: 'Ada Admin',
      data: { from: 'submitted', to: 'approved', override: true, gaps: ['backgroundStatus'] },
    });
  });

  it('approves a complete checklist without an override, as a plain approval', async () => {
    const other = await submittedExpert(t.db, await createUser(t.db, { role: 'expert' }), storage());
    await updateVerification(t.db, admin, other.id, COMPLETE);
    expect(await decideApplication(t.db, admin, other.id, { action: 'approve' })).toEqual({ status: 'approved' });
    const detail = (await withUser(t.db, admin, (tx) => getApplicationDetail(tx, other.id)))!;
    expect(detail.audit[0]).toMatchObject({ action: 'expert.approve', reason: null, data: { from: 'submitted', to: 'approved' } });
  });
});
