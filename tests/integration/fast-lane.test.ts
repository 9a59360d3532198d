import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { readViewerCookie } from '@/lib/auth/viewer-cookie';
import { createMemoryCache } from '@/lib/cache/cache';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { searchDirectory } from '@/lib/experts/search-directory';
import { createPageStore, fastLane } from '@/lib/http/fast-lane';
import { ROLE_SHELL_HEADER, roleShellSecret } from '@/lib/http/role-shell';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The lane in front of Next (lib/http/fast-lane.ts) on a real HTTP server and a real database. "Next" is a
// stand-in that numbers its answers, so a page served from the cache is told apart from a fresh render.
let t: TTestDb;
let server: Server;
let base: string;
let renders: string[] = [];
// For each render: whether the lane marked it as a copy kept for a role (the layout then leaves the name out).
let shells: boolean[] = [];
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown; __pathwisePageStore?: unknown };

async function fakeNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  renders.push(req.url!);
  const marked = req.headers[ROLE_SHELL_HEADER];
  shells.push(marked === roleShellSecret());
  if (marked !== undefined && marked !== roleShellSecret()) {
    res.writeHead(500).end('a role-shell header the lane did not set reached Next');
    return;
  }
  const html = `<!doctype html><title>${req.url}</title><p>render #${renders.length}</p>`;
  res.statusCode = req.url!.includes('missing') ? 404 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('vary', 'rsc, accept-encoding');
  if (req.url!.includes('welcome')) res.setHeader('set-cookie', 'flash=hello; Path=/');
  if (req.url!.includes('account=deleted') && req.headers.cookie) res.appendHeader('set-cookie', 'flash=bye; Path=/');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('content-encoding', 'gzip');
    res.end(gzipSync(html));
  } else {
    res.write(html.slice(0, 20)); // streamed in two chunks, as Next does
    res.end(html.slice(20));
  }
}

type TRaw = { status: number; headers: IncomingMessage['headers']; body: Buffer };
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<TRaw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const text = (r: TRaw) => r.body.toString('utf8');

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  const expert = await createUser(t.db, { role: 'expert' });
  const { id } = await createExpertProfile(t.db, expert.id, { slug: 'ada-lovelace' });
  await t.db.query(
    `update public.expert_profiles set display_name = 'Ada Lovelace', headline = 'Analytical engines and notes', specialties = '{Python}' where id = $1`,
    [id],
  );
  await createExpertProfile(t.db, (await createUser(t.db, { role: 'expert' })).id, { slug: 'still-draft', status: 'draft' });
  for (let i = 0; i < 5; i++) await createExpertProfile(t.db, (await createUser(t.db, { role: 'expert' })).id, { slug: `listed-${i}` });
  server = createServer((req, res) => void fastLane(req, res, fakeNext));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  holder.__pathwiseDb = undefined;
  await t.drop();
});
beforeEach(() => {
  holder.__pathwiseCache = createMemoryCache();
  holder.__pathwisePageStore = undefined;
  renders = [];
  shells = [];
});

describe('GET /api/experts on the fast lane', () => {
  it('answers the same search as the route, without Next', async () => {
    const res = await get('/api/experts?q=analytical');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(text(res));
    expect(body.items.map((x: { slug: string }) => x.slug)).toEqual(['ada-lovelace']);
    expect(body).toEqual(await searchDirectory(t.db, { q: 'analytical' }));
    expect(renders).toEqual([]);
  });

  it('lists approved experts only, and refuses bad input with the one error shape', async () => {
    const all = JSON.parse(text(await get('/api/experts?perPage=50')));
    expect(all.items.map((x: { slug: string }) => x.slug).sort()).toEqual([
      'ada-lovelace',
      'listed-0',
      'listed-1',
      'listed-2',
      'listed-3',
      'listed-4',
    ]);
    const bad = await get('/api/experts?sort=cheapest', { 'x-request-id': 'req-1' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(text(bad))).toMatchObject({
      error: { code: 'invalid_input', fields: { sort: expect.any(String) }, requestId: 'req-1' },
    });
  });

  it('gzips an answer over 1 KB for a client that accepts it', async () => {
    const plain = await get('/api/experts?perPage=50');
    const gz = await get('/api/experts?perPage=50', { 'accept-encoding': 'gzip, br' });
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(text(plain));
  });
});

describe('directory and profile pages for signed-out visitors', () => {
  it('renders once, then answers from the cache with the same bytes', async () => {
    const first = await get('/experts?q=python');
    const second = await get('/experts?q=python');
    expect(renders).toEqual(['/experts?q=python']);
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['miss', 'hit']);
    expect(text(second)).toBe(text(first));
    expect(second.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(second.headers.vary).toBe('rsc, accept-encoding');
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await get('/experts/ada-lovelace');
    await get('/experts/ada-lovelace');
    await get('/experts?q=other');
    expect(renders).toEqual(['/experts?q=python', '/experts/ada-lovelace', '/experts?q=other']);
  });

  it('drops every kept page when a profile, status or price changes', async () => {
    await get('/experts');
    await get('/experts/ada-lovelace');
    expect(text(await get('/experts'))).toContain('render #1');
    await invalidateExpertCache('ada-lovelace');
    expect(text(await get('/experts'))).toContain('render #3');
    expect(text(await get('/experts/ada-lovelace'))).toContain('render #4');
  });

  it('never keeps a signed-in page, a client navigation, a cookie, an error or another path', async () => {
    const twice = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
      await get(path, headers, method);
      return get(path, headers, method);
    };
    expect((await twice('/experts', { cookie: 'theme=dark; pw_session=abc' })).headers['x-cache']).toBeUndefined();
    await twice('/experts', { rsc: '1' });
    await twice('/experts?welcome=1');
    await twice('/experts/missing');
    await twice('/experts/a/b');
    await twice('/learn');
    await twice('/experts', {}, 'HEAD');
    expect(renders).toHaveLength(14);
  });

  it('keeps gzip and plain answers apart', async () => {
    await get('/experts', { 'accept-encoding': 'gzip, deflate' });
    const gz = await get('/experts', { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['x-cache']).toBe('hit');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('render #1');
    const plain = await get('/experts');
    expect(plain.headers['x-cache']).toBe('miss');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(text(plain)).toContain('render #2');
  });
});

describe('public pages for signed-out visitors (issue #15)', () => {
  it('keeps the landing, sign-in, sign-up, forgot-password and privacy pages, each query it reads apart', async () => {
    const paths = [
      '/',
      '/sign-in',
      '/sign-in?next=%2Flearn',
      '/sign-in?reset=1',
      '/sign-up',
      '/sign-up?as=expert',
      '/forgot-password',
      '/privacy',
      '/privacy?account=deleted',
    ];
    for (const path of paths) expect((await get(path)).headers['x-cache']).toBe('miss');
    for (const path of paths) {
      const again = await get(path);
      expect(again.headers['x-cache']).toBe('hit');
      expect(text(again)).toContain(`<title>${path}</title>`);
    }
    expect(renders).toEqual(paths);
  });

  it('never answers a visitor with a session cookie from a kept page, nor keeps what they were shown', async () => {
    await get('/sign-in');
    const signedIn = await get('/sign-in', { cookie: 'pw_session=abc' });
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect(text(signedIn)).toContain('render #2');
    // The reverse order: a page rendered for a signed-in visitor first is not what the next signed-out one gets.
    await get('/privacy', { cookie: 'theme=dark; pw_session=abc' });
    const signedOut = await get('/privacy');
    expect(signedOut.headers['x-cache']).toBe('miss');
    expect(text(signedOut)).toContain('render #4');
    expect(renders).toEqual(['/sign-in', '/sign-in', '/privacy', '/privacy']);
  });

  it('renders a parameter the page does not read, or one given twice, and keeps neither', async () => {
    for (const path of ['/?utm_source=x', '/sign-in?next=%2Fa&next=%2Fb', '/forgot-password?email=a', '/reset-password?token=abc']) {
      await get(path);
      expect((await get(path)).headers['x-cache']).toBeUndefined();
    }
    expect(renders).toHaveLength(8);
  });

  it('drops them with the directory when data changes', async () => {
    await get('/');
    expect((await get('/')).headers['x-cache']).toBe('hit');
    await invalidateExpertCache(null);
    expect((await get('/')).headers['x-cache']).toBe('miss');
  });
});

describe('kept pages stay bounded (issue #9: 3,000 ?zz=N requests grew RSS from 309 to 866 MB)', () => {
  it('keys a page on what the page reads: parameters it ignores, or their order, do not make new pages', async () => {
    for (let i = 0; i < 300; i++) expect((await get(`/experts?zz=${i}`)).status).toBe(200);
    await get('/experts?q=python&sort=rating');
    await get('/experts?sort=rating&q=python&utm_source=x');
    await get('/experts?q=%20python%20&sort=rating');
    await get('/experts/ada-lovelace?ref=1');
    await get('/experts/ada-lovelace?ref=2');
    expect(renders).toEqual(['/experts?zz=0', '/experts?q=python&sort=rating', '/experts/ada-lovelace?ref=1']);
  });

  it('does not keep a search the page refuses (it renders a warning for it)', async () => {
    await get('/experts?page=0');
    await get('/experts?page=0');
    expect(renders).toHaveLength(2);
  });

  it('holds kept pages within a byte budget, dropping the least recently used', async () => {
    const store = createPageStore(100_000);
    for (let i = 0; i < 200; i++) await store.set(`p${i}`, { headers: {}, body: 'x'.repeat(4_000) }, 60);
    expect(store.bytes()).toBeLessThanOrEqual(100_000);
    expect(await store.get('p0')).toBeUndefined();
    expect(await store.get('p199')).toBeDefined();
  });
});

describe('pages kept per role for signed-in visitors (issue #15)', () => {
  const cookieFor = async (role: 'learner' | 'expert' | 'admin', name: string) => {
    const u = await createUser(t.db, { role, name });
    return `theme=dark; pw_session=${(await createSession(t.db, u.id, 1)).token}`;
  };
  const nameSent = (r: TRaw) => {
    const set = r.headers['set-cookie'] ?? [];
    expect(set.length).toBeLessThanOrEqual(1);
    return set[0] ? readViewerCookie(set[0].split(';')[0]!) : null;
  };

  it('renders one copy per role without the name, and sends each visitor their own name with it', async () => {
    const ada = await cookieFor('learner', 'Ada Byron');
    const grace = await cookieFor('learner', 'Grace Hopper; “Amazing”');
    const emily = await cookieFor('expert', 'Emily Carter');
    for (const path of ['/privacy', '/forgot-password', '/experts?q=python']) {
      renders = [];
      shells = [];
      const first = await get(path, { cookie: ada });
      const second = await get(path, { cookie: grace });
      expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['miss', 'hit']);
      expect(text(second)).toBe(text(first));
      expect([nameSent(first), nameSent(second)]).toEqual(['Ada Byron', 'Grace Hopper; “Amazing”']);
      // The expert gets the expert's copy, a signed-out visitor the signed-out one (and no name).
      const expert = await get(path, { cookie: emily });
      expect([expert.headers['x-cache'], nameSent(expert)]).toEqual(['miss', 'Emily Carter']);
      expect((await get(path, { cookie: emily })).headers['x-cache']).toBe('hit');
      const out = await get(path);
      expect([out.headers['x-cache'], nameSent(out)]).toEqual(['miss', null]);
      expect(renders).toEqual([path, path, path]);
      expect(shells).toEqual([true, true, false]);
    }
  });

  it('keeps a profile per role, learners included (their own packages and curricula come after hydration)', async () => {
    const lena = await cookieFor('learner', 'Lena Park');
    const noa = await cookieFor('learner', 'Noa Kealoha');
    const admin = await cookieFor('admin', 'Ari Admin');
    const answers = [];
    for (const cookie of [lena, noa, admin, admin]) answers.push((await get('/experts/ada-lovelace', { cookie })).headers['x-cache']);
    expect(answers).toEqual(['miss', 'hit', 'miss', 'hit']);
    expect(shells).toEqual([true, true]);
  });

  it('sends the landing, sign-in and sign-up to Next for a signed-in visitor, and an unknown session too', async () => {
    const learner = await cookieFor('learner', 'Lena Park');
    for (const [path, cookie] of [
      ['/', learner],
      ['/sign-in', learner],
      ['/sign-up', learner],
      ['/privacy', 'pw_session=not-a-session'],
      ['/privacy', 'pw_session=%E0%A4%A'],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const r = await get(path, { cookie });
        expect([r.headers['x-cache'], nameSent(r)]).toEqual([undefined, null]);
      }
    }
    expect(shells).toEqual(Array(10).fill(false));
  });

  it('keeps no copy of a render that sets a cookie of its own', async () => {
    const learner = await cookieFor('learner', 'Lena Park');
    for (let i = 0; i < 2; i++) expect((await get('/privacy?account=deleted', { cookie: learner })).headers['x-cache']).toBe('miss');
    expect(renders).toHaveLength(2);
  });

  it('removes a role-shell header the visitor sent, even one with the secret', async () => {
    expect((await get('/privacy', { [ROLE_SHELL_HEADER]: 'guess' })).status).toBe(200);
    expect((await get('/learn', { [ROLE_SHELL_HEADER]: roleShellSecret() })).status).toBe(200);
    expect(shells).toEqual([false, false]);
  });
});
