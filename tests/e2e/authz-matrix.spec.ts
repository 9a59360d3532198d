import { randomUUID } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { appInventory } from '../authz/inventory';
import { MATRIX, PERSONAS, urlFor, type TOutcome, type TPersona, type TResources, type TRow } from '../authz/matrix';
import { DEMO_PASSWORD } from './helpers';

// The authorization matrix (tests/authz/matrix.ts) against the e2e server: one request per route × persona,
// each persona in its own API context signed in through POST /api/auth/sign-in, the way a browser would.

const OTHER_LEARNER_PASSWORD = 'a good long password';
const EMAILS: Record<Exclude<TPersona, 'anonymous' | 'otherLearner'>, string> = {
  learner: 'learner@pathwise.dev',
  expert: 'expert@pathwise.dev',
  otherExpert: 'maya.okafor@pathwise.dev',
  admin: 'admin@pathwise.dev',
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let baseURL = '';
let otherLearnerEmail = '';
const contexts = new Map<TPersona, APIRequestContext>();
let resources: TResources;

async function newContext(): Promise<APIRequestContext> {
  // The Origin a same-site browser sends: mutations without it would pass as non-browser requests, and the
  // matrix is about what a signed-in browser may do.
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
}

async function signedIn(persona: TPersona): Promise<APIRequestContext> {
  const ctx = await newContext();
  if (persona === 'anonymous') return ctx;
  const email = persona === 'otherLearner' ? otherLearnerEmail : EMAILS[persona];
  const password = persona === 'otherLearner' ? OTHER_LEARNER_PASSWORD : DEMO_PASSWORD;
  const res = await ctx.post('/api/auth/sign-in', { data: { email, password } });
  expect(res.status(), `${persona} signs in`).toBe(200);
  return ctx;
}

function match(html: string, re: RegExp, what: string): string {
  const m = html.match(re);
  if (!m) throw new Error(`authz matrix: could not find ${what}`);
  return m[1];
}

/** The rows the matrix names, looked up from the seeded server as their owners see them. */
async function lookUpResources(): Promise<TResources> {
  const learner = contexts.get('learner')!;
  const expert = contexts.get('expert')!;
  const admin = contexts.get('admin')!;

  const curriculum = match(await (await learner.get('/learn')).text(), new RegExp(`href="/learn/(${UUID})"`), "the learner's curriculum");
  const plan = (await (await learner.get(`/api/curricula/${curriculum}`)).json()) as {
    plan: { modules: { id: string; lessons: { id: string }[] }[] };
  };
  const firstModule = plan.plan.modules[0];

  const past = (await (await learner.get('/api/bookings?scope=past')).json()) as { bookings: { id: string }[] };
  const booking = past.bookings.find((b) => JSON.stringify(b).includes('Emily Carter'));
  if (!booking) throw new Error("authz matrix: could not find the learner's session with Emily Carter");

  const application = match(
    await (await admin.get('/admin')).text(),
    new RegExp(`href="/admin/applications/(${UUID})"`),
    'an application in the admin panel',
  );
  const slug = match(await (await admin.get('/api/experts')).text(), /"slug":"([a-z0-9-]+)"/, 'a listed expert');

  const up = await expert.post('/api/expert/documents', {
    multipart: { kind: 'credential', file: { name: 'authz-matrix.pdf', mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(up.status(), 'Emily uploads a credential for the document rows').toBe(201);
  const document = ((await up.json()) as { document: { id: string } }).document.id;

  return {
    curriculum,
    module: firstModule.id,
    lesson: firstModule.lessons[0].id,
    booking: booking.id,
    application,
    document,
    slug,
    missing: randomUUID(),
    fileKey: `experts/${randomUUID()}/nothing.pdf`,
  };
}

function outcomeOf(res: APIResponse): TOutcome {
  const status = res.status();
  if (status < 300 || status >= 400) return status;
  const location = res.headers()['location'] ?? '';
  return `→${new URL(location, baseURL).pathname}`;
}

/** The expected outcome, with '→/path' read as "a redirect to a path that starts with /path". */
function agrees(actual: TOutcome, expected: TOutcome): boolean {
  if (typeof expected === 'number' || typeof actual === 'number') return actual === expected;
  return expected === '→/' ? actual === '→/' : actual.startsWith(expected);
}

async function send(ctx: APIRequestContext, row: TRow): Promise<APIResponse> {
  const url = urlFor(row, resources);
  const method = row.method === 'PAGE' ? 'GET' : row.method;
  return ctx.fetch(url, { method, maxRedirects: 0, ...(row.body !== undefined ? { data: row.body } : {}) });
}

/** What the mutating rows aim at, as their owners read it. */
async function snapshot(): Promise<Record<string, unknown>> {
  const reads: [TPersona, string][] = [
    ['learner', `/api/curricula/${resources.curriculum}`],
    ['learner', `/api/bookings/${resources.booking}`],
    ['learner', '/api/bookings?scope=past'],
    ['expert', `/api/reviews?bookingId=${resources.booking}`],
    ['expert', '/api/expert/application'],
    ['expert', '/api/expert/availability'],
    ['expert', '/api/expert/sanctions'],
    ['otherExpert', '/api/expert/application'],
    ['admin', '/api/admin/policy'],
    ['admin', '/api/admin/rates'],
    ['admin', '/api/admin/sanctions'],
  ];
  const out: Record<string, unknown> = {};
  for (const [persona, url] of reads) {
    const res = await contexts.get(persona)!.get(url);
    expect(res.status(), `${persona} reads ${url}`).toBe(200);
    out[`${persona} ${url}`] = await res.json();
  }
  return out;
}

test.beforeAll(async ({ baseURL: base }) => {
  baseURL = base!;
  otherLearnerEmail = `authz-other-${randomUUID().slice(0, 8)}@example.test`;
  const signUp = await newContext();
  const res = await signUp.post('/api/auth/sign-up', {
    data: { name: 'Otto Other', email: otherLearnerEmail, password: OTHER_LEARNER_PASSWORD, accountType: 'learner', acceptTerms: true },
  });
  expect(res.status(), 'the other learner signs up').toBe(201);
  await signUp.dispose();
  for (const p of PERSONAS) contexts.set(p, await signedIn(p));
  resources = await lookUpResources();
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
});

test('every route handler and page under app/ has exactly one row in the matrix', () => {
  const served = appInventory();
  const keys = MATRIX.map((r) => r.key);
  const missing = served.filter((k) => !keys.includes(k));
  const stale = keys.filter((k) => !served.includes(k));
  const duplicated = keys.filter((k, i) => keys.indexOf(k) !== i);
  expect({ missing, stale, duplicated }, 'add a line per route to tests/authz/matrix.ts').toEqual({
    missing: [],
    stale: [],
    duplicated: [],
  });
});

test('every persona gets the answer the matrix expects from every route and page', async () => {
  test.setTimeout(180_000);
  const before = await snapshot();
  const mismatches: string[] = [];
  const seen: string[] = [];
  for (const row of MATRIX) {
    const got: TOutcome[] = [];
    for (const [i, persona] of PERSONAS.entries()) {
      const fresh = row.fresh ? await signedIn(persona) : null;
      const res = await send(fresh ?? contexts.get(persona)!, row);
      const actual = outcomeOf(res);
      got.push(actual);
      if (!agrees(actual, row.expect[i])) {
        const detail = res.status() >= 400 && res.headers()['content-type']?.includes('json') ? ` ${(await res.text()).slice(0, 160)}` : '';
        mismatches.push(`${row.key} as ${persona}: expected ${row.expect[i]}, got ${actual}${detail}`);
      }
      await fresh?.dispose();
    }
    seen.push(`${row.key.padEnd(62)} ${JSON.stringify(got)}`);
  }
  // AUTHZ_MATRIX_PRINT=1 prints what the app answers, in the table's order, for writing a new row.
  if (process.env.AUTHZ_MATRIX_PRINT) console.log(seen.join('\n'));
  expect(mismatches, `${mismatches.length} cells differ from tests/authz/matrix.ts`).toEqual([]);
  // Nothing any persona sent changed what the owners read: no write got through, allowed or not.
  expect(await snapshot()).toEqual(before);
});
