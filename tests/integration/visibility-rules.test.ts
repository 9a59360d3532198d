import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, getSessionUser } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { getPublicPhotoLink } from '@/lib/experts/get-document-link';
import { withAnon, type TAnonTx } from '@/lib/db';
import { getPublicProfile, loadPublicProfile } from '@/lib/experts/get-public-profile';
import { searchExperts } from '@/lib/experts/search-experts';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import type { TStorage } from '@/lib/storage/types';
import { createTestDb, type TTestDb } from '../support/test-db';
import { createUser } from '../support/factories';
import { createExpert } from '../support/rls-factories';

// Issue #9: product rules that no test caught before — a public profile that ignores `hidden`, a session lookup that
// ignores `expires_at` (the third, a `realtime_events` policy of `true`, fails rls-tables.test.ts). Each is checked
// where lib applies it, on the privileged connection the app uses today, and the public reads again as `anon`,
// where row-level security must agree.

let t: TTestDb;
// On purpose, the privileged connection passed where a visitor's is typed: it checks lib's own filter with
// row-level security out of the way (the app reads these as anon, through withAnon: see docs/db-access.md).
const withoutRls = () => t.db as unknown as TAnonTx;
let experts: Record<'listed' | 'hidden' | 'suspended' | 'draft', Awaited<ReturnType<typeof createExpert>>>;

// Links are what the storage would sign; only whether one is given matters here.
const storage: TStorage = {
  kind: 'local',
  put: async () => undefined,
  signedUrl: async (key) => `signed:${key}`,
  remove: async () => undefined,
};

beforeAll(async () => {
  t = await createTestDb();
  experts = {
    listed: await createExpert(t.db, { status: 'approved' }),
    hidden: await createExpert(t.db, { status: 'approved', hidden: true }),
    suspended: await createExpert(t.db, { status: 'suspended' }),
    draft: await createExpert(t.db, { status: 'draft' }),
  };
  for (const e of Object.values(experts)) {
    const { rows } = await t.db.query<{ id: string }>(
      `insert into public.expert_documents (expert_id, owner_id, kind, storage_key, filename, content_type, size_bytes)
       values ($1, $2, 'photo', $3, 'me.png', 'image/png', 10) returning id`,
      [e.profileId, e.user.id, `photo-${e.slug}`],
    );
    await t.db.query('update public.expert_profiles set photo_document_id = $2 where id = $1', [e.profileId, rows[0].id]);
  }
});
afterAll(() => t.drop());

describe('only listed experts are public: approved and not hidden', () => {
  it('the public profile of a hidden, suspended or draft expert is not found', async () => {
    expect(await getPublicProfile(withoutRls(), experts.listed.slug)).toMatchObject({
      slug: experts.listed.slug,
      offerings: [{ duration_minutes: 60 }],
    });
    expect(await loadPublicProfile(t.db, experts.listed.slug)).toMatchObject({
      slug: experts.listed.slug,
      offerings: [{ duration_minutes: 60 }],
    });
    for (const name of ['hidden', 'suspended', 'draft'] as const) {
      expect(await getPublicProfile(withoutRls(), experts[name].slug), name).toBeNull();
      expect(await loadPublicProfile(t.db, experts[name].slug), name).toBeNull();
    }
  });

  it('the same profile read as anon agrees (row-level security hides the row itself)', async () => {
    expect(await withAnon(t.db, (tx) => getPublicProfile(tx, experts.listed.slug))).not.toBeNull();
    for (const name of ['hidden', 'suspended', 'draft'] as const) {
      expect(await withAnon(t.db, (tx) => getPublicProfile(tx, experts[name].slug)), name).toBeNull();
    }
  });

  it('the directory lists only the listed expert', async () => {
    for (const r of [
      await searchExperts(withoutRls(), ZExpertSearch.parse({ perPage: '50' })),
      await withAnon(t.db, (tx) => searchExperts(tx, ZExpertSearch.parse({ perPage: '50' }))),
    ]) {
      expect(r.items.map((x) => x.slug)).toEqual([experts.listed.slug]);
      expect(r.total).toBe(1);
    }
  });

  it('the public photo link is given for the listed expert only', async () => {
    expect(await getPublicPhotoLink(t.db, experts.listed.slug, storage)).toBe(`signed:photo-${experts.listed.slug}`);
    for (const name of ['hidden', 'suspended', 'draft'] as const) {
      expect(await getPublicPhotoLink(t.db, experts[name].slug, storage), name).toBeNull();
    }
  });
});

describe('a session ends at expires_at', () => {
  it('signs in until expires_at, and not a moment after', async () => {
    const user = await createUser(t.db, { role: 'learner' });
    const session = await createSession(t.db, user.id, 1);
    // A fresh cache for each lookup: the database's answer is what is tested, not the minute-long cache.
    expect(await getSessionUser(t.db, session.token, createMemoryCache())).toMatchObject({ id: user.id });
    await t.db.query(`update public.sessions set expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
    expect(await getSessionUser(t.db, session.token, createMemoryCache())).toBeNull();
  });

  it('a kept lookup does not outlive the session (the cache expires with it)', async () => {
    const user = await createUser(t.db, { role: 'learner' });
    const session = await createSession(t.db, user.id, 1);
    await t.db.query(`update public.sessions set expires_at = now() + interval '1500 milliseconds' where user_id = $1`, [user.id]);
    const cache = createMemoryCache();
    expect(await getSessionUser(t.db, session.token, cache)).toMatchObject({ id: user.id });
    await new Promise((r) => setTimeout(r, 1600));
    expect(await getSessionUser(t.db, session.token, cache)).toBeNull();
  });

  it('a session created already expired never signs in', async () => {
    const user = await createUser(t.db, { role: 'learner' });
    const session = await createSession(t.db, user.id, -1);
    expect(await getSessionUser(t.db, session.token, createMemoryCache())).toBeNull();
  });
});
