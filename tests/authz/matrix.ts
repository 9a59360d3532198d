// The authorization matrix: every route handler and page × six personas → the expected answer.
// Driven by tests/e2e/authz-matrix.spec.ts against the e2e server (seeded demo data); that spec also fails
// when a route.ts export or a page.tsx under app/ has no row here, or a row names a route that is gone.
//
// FORMAT — one line per route handler method or page:
//
//   r('<METHOD> <route>', [anonymous, learner, otherLearner, expert, otherExpert, admin], { params, query, body, fresh })
//
// - <METHOD> is GET, POST, PUT, PATCH or DELETE for an export of app/**/route.ts, or PAGE for app/**/page.tsx.
// - <route> is the file's folder under app/ with route groups dropped: app/(app)/learn/[id]/page.tsx is
//   '/learn/[id]', app/api/curricula/[id]/route.ts is '/api/curricula/[id]'.
// - The six outcomes are, in this order (PERSONAS below):
//     anonymous     no session
//     learner       learner@pathwise.dev — owns the resources below (curriculum, booking)
//     otherLearner  a learner the spec signs up; owns nothing, so it must be refused the learner's rows
//     expert        expert@pathwise.dev (Emily Carter) — the expert of the learner's booking, owns `document`
//     otherExpert   maya.okafor@pathwise.dev, another approved expert; must be refused Emily's rows
//     admin         admin@pathwise.dev
//   An outcome is an HTTP status (200, 401, 403, 404, …) or '→/path': a redirect (3xx) whose Location path
//   starts with /path (`SIGN_IN` is '→/sign-in', where pages send signed-out visitors).
// - params maps each [segment] of <route> to a resource the spec looks up at run time from the seeded server
//   (never a hard-coded id): see TResourceKey. Unlisted segments default to `missing` (a fresh random uuid).
// - body is sent as JSON on POST/PUT/PATCH/DELETE. Mutations must leave shared seeded data alone: use a body
//   that fails validation for the personas allowed through (400 is then their expected answer), or a
//   resource whose state makes the owner's request fail harmlessly (a completed booking cannot be cancelled:
//   409). What the row proves is that refused personas get 401/403/404 and nothing else.
// - fresh: the request ends the session (sign-out), so it is sent from a freshly signed-in context.
//
// Adding a route: add its line here with what each persona should get. If a persona's answer differs from
// what the app does, the spec names the row and shows both.

export const PERSONAS = ['anonymous', 'learner', 'otherLearner', 'expert', 'otherExpert', 'admin'] as const;
export type TPersona = (typeof PERSONAS)[number];

/** A status code, or '→/path' for a 3xx redirect whose Location path starts with /path. */
export type TOutcome = number | `→${string}`;
export type TOutcomes = readonly [TOutcome, TOutcome, TOutcome, TOutcome, TOutcome, TOutcome];

/**
 * What the spec looks up before the matrix runs:
 * curriculum — the learner's seeded curriculum; module, lesson — its first module and lesson;
 * booking — the learner's completed session with Emily (seeded, ended yesterday);
 * application — the expert application waiting for review (Tomás Rivera), from the admin panel;
 * document — a credential Emily uploads for this spec; slug — a listed expert's slug from /api/experts;
 * missing — a random uuid that names nothing; fileKey — a storage key with no valid signature.
 */
export type TResourceKey = 'curriculum' | 'module' | 'lesson' | 'booking' | 'application' | 'document' | 'slug' | 'missing' | 'fileKey';
export type TResources = Record<TResourceKey, string>;

export type TMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'PAGE';
export type TRow = {
  key: string;
  method: TMethod;
  route: string;
  expect: TOutcomes;
  params?: Record<string, TResourceKey>;
  query?: string;
  body?: unknown;
  fresh?: boolean;
};

function r(key: string, expect: TOutcomes, opts: Omit<TRow, 'key' | 'method' | 'route' | 'expect'> = {}): TRow {
  const [method, route] = key.split(' ') as [TMethod, string];
  return { key, method, route, expect, ...opts };
}

export const SIGN_IN = '→/sign-in';
const ANY_SIGNED_IN = [401, 200, 200, 200, 200, 200] as const;
const EVERYONE = (o: TOutcome): TOutcomes => [o, o, o, o, o, o];
/** Admin-only API: 401 signed out, 403 for every other role, `admin` for the admin. */
const ADMIN = (admin: TOutcome): TOutcomes => [401, 403, 403, 403, 403, admin];
/** Expert-only API, the same answer for both experts (their own rows). */
const EXPERTS = (o: TOutcome): TOutcomes => [401, 403, 403, o, o, 403];
/** Learner-only API, the same answer for both learners. */
const LEARNERS = (o: TOutcome): TOutcomes => [401, o, o, 403, 403, 403];
/** Role pages: signed-out visitors go to sign in, other roles get the 403 page. */
const ADMIN_PAGE: TOutcomes = [SIGN_IN, 403, 403, 403, 403, 200];
const EXPERT_PAGE: TOutcomes = [SIGN_IN, 403, 403, 200, 200, 403];
const LEARNER_PAGE: TOutcomes = [SIGN_IN, 200, 200, 403, 403, 403];
/** Signed-in visitors of the public entry pages are sent to their role's home. */
const ENTRY_PAGE: TOutcomes = [200, '→/learn', '→/learn', '→/dashboard', '→/dashboard', '→/admin'];

const INVALID = {};
const id = (k: TResourceKey) => ({ id: k });

export const MATRIX: TRow[] = [
  // ── auth (public; invalid bodies: 400 for everyone, nothing signs in, up or out) ──────────────
  r('POST /api/auth/sign-in', EVERYONE(400), { body: INVALID }),
  r('POST /api/auth/sign-up', EVERYONE(400), { body: INVALID }),
  r('POST /api/auth/sign-out', EVERYONE('→/'), { fresh: true }),
  r('POST /api/auth/password-reset/request', EVERYONE(400), { body: INVALID }),
  r('POST /api/auth/password-reset/confirm', EVERYONE(400), { body: INVALID }),

  // ── public reads ───────────────────────────────────────────────────────────────────────────────
  r('GET /api/health', EVERYONE(200)),
  r('GET /api/experts', EVERYONE(200)),
  r('GET /api/experts/[slug]/slots', EVERYONE(200), { params: { slug: 'slug' } }),
  r('GET /api/experts/[slug]/photo', EVERYONE(404), { params: { slug: 'slug' } }),
  r('GET /api/experts/[slug]/mine', LEARNERS(200), { params: { slug: 'slug' } }),
  r('GET /api/files/[...key]', EVERYONE(403), { params: { key: 'fileKey' } }),
  r('GET /api/notifications', ANY_SIGNED_IN),
  r('GET /api/notifications/unread', ANY_SIGNED_IN),
  r('POST /api/notifications/read', [401, 400, 400, 400, 400, 400], { body: INVALID }),
  r('GET /api/notifications/preferences', ANY_SIGNED_IN),
  r('PUT /api/notifications/preferences', [401, 400, 400, 400, 400, 400], { body: INVALID }),
  r('POST /api/notifications/phone', [401, 400, 400, 400, 400, 400], { body: INVALID }),
  // Removes the caller's own number (the seeded accounts have none): harmless for each persona.
  r('DELETE /api/notifications/phone', ANY_SIGNED_IN),
  r('POST /api/notifications/phone/verify', [401, 400, 400, 400, 400, 400], { body: INVALID }),
  // Twilio's webhook: no session; a JSON body is refused (415) before the signature is even read.
  r('POST /api/webhooks/twilio', EVERYONE(415), { body: INVALID }),
  r('GET /api/realtime/events', ANY_SIGNED_IN, { query: 'after=0' }),

  // Privacy: each route acts on the caller's own account only, so the "other" personas answer like their role.
  r('GET /api/account/export', ANY_SIGNED_IN),
  r('DELETE /api/account', [401, 400, 400, 400, 400, 400], { body: {} }),
  r('GET /api/account/consents', ANY_SIGNED_IN),
  r('POST /api/account/consents', [401, 400, 400, 400, 400, 400], { body: INVALID }),

  // ── calendars: the private ICS feed is each user's own; the feed URL's token is the credential ───
  r('GET /api/calendar/feed', ANY_SIGNED_IN),
  r('POST /api/calendar/feed', [401, 201, 201, 201, 201, 201]),
  r('DELETE /api/calendar/feed', ANY_SIGNED_IN),
  r('GET /api/calendar/feed/[token]', EVERYONE(404), { params: { token: 'missing' } }),
  // Outlook and Calendly: experts connect (unconfigured on the e2e server: no sign-in page → 404; a callback without
  // the state cookie goes back to /availability with the error); provider callbacks are public and answer by their own rules.
  r('GET /api/calendar/outlook/start', [401, 403, 403, 404, 404, 403]),
  r('GET /api/calendar/outlook/callback', [401, 403, 403, '→/availability', '→/availability', 403], { query: 'code=x&state=y' }),
  r('POST /api/calendar/outlook/notify', EVERYONE(202), { body: {} }),
  r('GET /api/calendar/calendly/start', [401, 403, 403, 404, 404, 403]),
  r('GET /api/calendar/calendly/callback', [401, 403, 403, '→/availability', '→/availability', 403], { query: 'code=x&state=y' }),
  r('POST /api/calendar/calendly/connect', EXPERTS(400), { body: INVALID }),
  r('POST /api/calendar/calendly/webhook', EVERYONE(400), { body: {} }),

  // ── curricula: learners only; the other learner is refused the learner's curriculum (404) ─────
  r('POST /api/curricula', LEARNERS(400), { body: INVALID }),
  r('GET /api/curricula/[id]', [401, 200, 404, 403, 403, 403], { params: id('curriculum') }),
  r('POST /api/curricula/[id]/retry', [401, 409, 404, 403, 403, 403], { params: id('curriculum') }),
  r('POST /api/curricula/[id]/extend', LEARNERS(400), { params: id('curriculum'), body: { weeks: 0 } }),
  r('PATCH /api/curricula/[id]/lessons/[lessonId]', LEARNERS(400), { params: { id: 'curriculum', lessonId: 'lesson' }, body: INVALID }),
  r('POST /api/curricula/[id]/modules/[moduleId]/checkpoint', LEARNERS(400), {
    params: { id: 'curriculum', moduleId: 'module' },
    body: INVALID,
  }),
  r('POST /api/curricula/[id]/review', LEARNERS(400), { params: id('curriculum'), body: INVALID }),
  r('POST /api/curricula/[id]/modules/[moduleId]/regenerate', LEARNERS(404), { params: { id: 'curriculum', moduleId: 'missing' } }),

  // ── bookings: the learner and Emily are its sides, admins see all, the others get 404 ──────────
  r('GET /api/bookings', [401, 200, 200, 200, 200, 403], { query: 'scope=past' }),
  r('POST /api/bookings', [401, 400, 400, 403, 403, 403], { body: INVALID }),
  r('GET /api/bookings/[id]', [401, 200, 404, 200, 404, 200], { params: id('booking') }),
  r('GET /api/bookings/[id]/cancel-preview', [401, 200, 404, 200, 404, 200], { params: id('booking') }),
  r('GET /api/bookings/[id]/ics', [401, 200, 404, 200, 404, 200], { params: id('booking') }),
  r('POST /api/bookings/[id]/cancel', [401, 409, 404, 409, 404, 409], { params: id('booking'), body: INVALID }),
  r('GET /api/bookings/[id]/pay', [401, 200, 404, 403, 404, 403], { params: id('booking') }),
  r('POST /api/bookings/[id]/pay', [401, 409, 404, 403, 404, 403], { params: id('booking') }),
  r('POST /api/payments/[id]/simulate', LEARNERS(400), { body: INVALID }),
  // No webhook secret on the e2e server: the endpoints say so (404) to everyone and store nothing.
  r('POST /api/webhooks/stripe', EVERYONE(404), { body: INVALID }),
  r('POST /api/webhooks/stripe-connect', EVERYONE(404), { body: INVALID }),
  r('POST /api/bookings/[id]/reschedule', [401, 409, 404, 409, 404, 409], {
    params: id('booking'),
    body: { start: '2030-01-07T10:00:00.000Z' },
  }),
  r('POST /api/bookings/[id]/no-show', [401, 400, 400, 400, 400, 403], { params: id('booking'), body: { note: 5 } }),
  r('PUT /api/bookings/[id]/notes', [401, 400, 400, 400, 400, 400], { params: id('booking'), body: INVALID }),
  // Recordings: the session's two participants only; everyone else (admins included) 403. The seeded booking's room has
  // closed, so asking to record is a 409 for its own learner and expert; no recording exists, so one by id is a 404.
  r('GET /api/bookings/[id]/recordings', [401, 200, 403, 200, 403, 403], { params: id('booking') }),
  r('POST /api/bookings/[id]/recordings', [401, 409, 403, 409, 403, 403], { params: id('booking') }),
  r('DELETE /api/bookings/[id]/recordings/[recordingId]', [401, 404, 403, 404, 403, 403], {
    params: { id: 'booking', recordingId: 'missing' },
  }),
  r('POST /api/bookings/[id]/recordings/[recordingId]/consent', [401, 400, 403, 400, 403, 403], {
    params: { id: 'booking', recordingId: 'missing' },
    body: INVALID,
  }),
  r('POST /api/bookings/[id]/recordings/[recordingId]/stop', [401, 404, 403, 404, 403, 403], {
    params: { id: 'booking', recordingId: 'missing' },
  }),
  r('POST /api/bookings/[id]/recordings/[recordingId]/parts', [401, 400, 403, 400, 403, 403], {
    params: { id: 'booking', recordingId: 'missing' },
    body: INVALID,
  }),
  r('POST /api/bookings/[id]/recordings/[recordingId]/complete', [401, 400, 403, 400, 403, 403], {
    params: { id: 'booking', recordingId: 'missing' },
    body: INVALID,
  }),

  // ── reviews ────────────────────────────────────────────────────────────────────────────────────
  r('GET /api/reviews', [401, 200, 404, 200, 404, 403], { query: 'bookingId={booking}' }),
  r('POST /api/reviews', [401, 400, 400, 400, 400, 403], { body: INVALID }),
  r('GET /api/reviews/pending', [401, 200, 200, 200, 200, 403]),
  r('POST /api/reviews/[id]/reply', EXPERTS(400), { body: INVALID }),

  // ── the expert's own application, documents, availability, standing ─────────────────────────────
  r('GET /api/expert/application', EXPERTS(200)),
  r('PUT /api/expert/application', EXPERTS(400), { body: INVALID }),
  r('POST /api/expert/application/submit', EXPERTS(409)),
  r('POST /api/expert/documents', EXPERTS(400), { body: INVALID }),
  r('DELETE /api/expert/documents/[id]', [401, 403, 403, 409, 404, 403], { params: id('document') }),
  r('GET /api/documents/[id]', [401, 403, 403, '→/api/files/', 404, '→/api/files/'], { params: id('document') }),
  r('GET /api/expert/availability', EXPERTS(200)),
  r('PUT /api/expert/availability', EXPERTS(400), { body: INVALID }),
  r('GET /api/expert/availability/week', EXPERTS(200)),
  r('GET /api/expert/sanctions', EXPERTS(200)),
  r('GET /api/expert/video-settings', EXPERTS(200)),
  r('PUT /api/expert/video-settings', EXPERTS(400), { body: INVALID }),
  // Payouts (simulated mode in e2e: no Stripe key, PayPal off): Stripe onboarding has nothing to set up (409) and
  // its redirects lead back to the dashboard; the PayPal choice validates first (400).
  r('GET /api/expert/earnings.csv', EXPERTS(200)),
  r('POST /api/expert/payouts/stripe', EXPERTS(409), { body: { country: 'US' } }),
  r('GET /api/expert/payouts/stripe/refresh', EXPERTS('→/dashboard')),
  r('GET /api/expert/payouts/stripe/return', EXPERTS('→/dashboard')),
  r('GET /api/expert/payouts/stripe/dashboard', EXPERTS('→/dashboard')),
  r('PUT /api/expert/payouts/paypal', EXPERTS(400), { body: INVALID }),
  // Webhooks authenticate by signature, not session: with PayPal off the endpoint does not exist for anyone.
  r('POST /api/webhooks/paypal', EVERYONE(404), { body: INVALID }),
  r('POST /api/expert/sanctions/[id]/appeal', EXPERTS(400), { body: INVALID }),

  // ── the expert's calendar connections (a fresh uuid names none: 404 for experts, refused for the rest) ──
  r('GET /api/calendar/connections', EXPERTS(200)),
  r('PATCH /api/calendar/connections/[id]', EXPERTS(404), { body: INVALID }),
  r('DELETE /api/calendar/connections/[id]', EXPERTS(404)),
  r('POST /api/calendar/connections/[id]/sync', EXPERTS(404)),
  // The e2e server has no Google client configured (unless E2E_FAKE_GOOGLE=1): start says so, the callback
  // sends the expert back to the availability page with the error.
  r('GET /api/calendar/google/start', EXPERTS(404)),
  r('GET /api/calendar/google/callback', [401, 403, 403, '→/availability', '→/availability', 403], { query: 'code=x&state=y' }),
  // Google's push carries no session; without a known channel id every caller gets 404.
  r('POST /api/calendar/google/push', EVERYONE(404)),

  // ── admin API ──────────────────────────────────────────────────────────────────────────────────
  r('POST /api/admin/experts/[id]/decision', ADMIN(400), { params: id('application'), body: INVALID }),
  r('POST /api/admin/experts/[id]/profile-change', ADMIN(400), { params: id('application'), body: INVALID }),
  r('PUT /api/admin/experts/[id]/verification', ADMIN(400), { params: id('application'), body: INVALID }),
  r('POST /api/admin/experts/[id]/visibility', ADMIN(400), { params: id('application'), body: INVALID }),
  r('GET /api/admin/policy', ADMIN(200)),
  r('PUT /api/admin/policy', ADMIN(400), { body: INVALID }),
  r('GET /api/admin/payments', ADMIN(200)),
  r('POST /api/admin/payments/[id]/refund', ADMIN(400), { body: INVALID }),
  r('POST /api/admin/payments/[id]/retry-payout', ADMIN(400), { body: { reason: 42 } }),
  // Tests only: the e2e server runs with TEST_CLOCK=1 (playwright.config.ts); without it every persona gets 404
  // (tests/integration/test-clock.test.ts, and the fuzz, which runs with it off).
  r('POST /api/test-clock/complete', ADMIN(400), { body: INVALID }),
  r('GET /api/admin/rates', ADMIN(200)),
  r('PUT /api/admin/rates', ADMIN(400), { body: INVALID }),
  r('GET /api/admin/commission-rules', ADMIN(200)),
  r('PUT /api/admin/commission-rules', ADMIN(400), { body: INVALID }),
  r('GET /api/admin/payments.csv', ADMIN(200)),
  r('POST /api/admin/reviews/[id]/hide', ADMIN(400), { body: INVALID }),
  // A fresh uuid names no message: the admin gets 404, everyone else is refused first.
  r('POST /api/admin/outbox/[id]/retry', ADMIN(404)),
  // The audited admin path to a recording (a reason is required), and the attendance review of a no-show report
  // (the seeded booking has none: 409).
  r('POST /api/admin/recordings/[id]/access', ADMIN(400), { body: INVALID }),
  r('POST /api/admin/bookings/[id]/no-show-review', ADMIN(409), { params: id('booking') }),
  r('GET /api/admin/sanctions', ADMIN(200)),
  r('POST /api/admin/sanctions/[id]/decision', ADMIN(400), { body: INVALID }),
  r('POST /api/admin/specialties', ADMIN(400), { body: INVALID }),

  // ── pages ──────────────────────────────────────────────────────────────────────────────────────
  r('PAGE /', ENTRY_PAGE),
  r('PAGE /sign-in', ENTRY_PAGE),
  r('PAGE /sign-up', ENTRY_PAGE),
  r('PAGE /forgot-password', EVERYONE(200)),
  r('PAGE /reset-password', EVERYONE(200)),
  r('PAGE /experts', EVERYONE(200)),
  r('PAGE /experts/[slug]', EVERYONE(200), { params: { slug: 'slug' } }),
  r('PAGE /settings', [SIGN_IN, 200, 200, 200, 200, 200]),
  r('PAGE /notifications', [SIGN_IN, 200, 200, 200, 200, 200]),
  r('PAGE /privacy', EVERYONE(200)),
  r('PAGE /learn', LEARNER_PAGE),
  r('PAGE /learn/new', LEARNER_PAGE),
  r('PAGE /learn/progress', LEARNER_PAGE),
  r('PAGE /learn/[id]', [SIGN_IN, 200, 404, 403, 403, 403], { params: id('curriculum') }),
  // ── packages (#12): ids name nothing seeded (`missing`), so owners get 404/400 and nothing changes ──
  r('GET /api/expert/packages', EXPERTS(200)),
  r('POST /api/expert/packages', EXPERTS(400), { body: INVALID }),
  r('PATCH /api/expert/packages/[id]', EXPERTS(400), { body: INVALID }),
  r('POST /api/packages/[id]/purchase', LEARNERS(404)),
  r('GET /api/packages/purchases', [401, 200, 200, 200, 200, 403]),
  r('POST /api/packages/purchases/[id]/pay', LEARNERS(404)),
  r('POST /api/packages/purchases/[id]/redeem', LEARNERS(400), { body: INVALID }),
  r('POST /api/packages/purchases/[id]/refund', [401, 404, 404, 403, 403, 404]),
  r('PAGE /packages/checkout/[id]', [SIGN_IN, 404, 404, 403, 403, 403]),
  r('PAGE /sessions', [SIGN_IN, 200, 200, 200, 200, 403]),
  r('PAGE /sessions/[id]/review', [SIGN_IN, 200, 404, 200, 404, 403], { params: id('booking') }),
  // The built-in video room: only the booking's learner and expert, only in its window (the seeded booking ended
  // yesterday, so its own learner and expert are refused too); the open room is driven by tests/e2e/video-room.spec.ts.
  r('PAGE /sessions/[id]/room', [SIGN_IN, 403, 403, 403, 403, 403], { params: id('booking') }),
  r('PAGE /dashboard', EXPERT_PAGE),
  r('PAGE /dashboard/preview', EXPERT_PAGE),
  r('PAGE /dashboard/profile', EXPERT_PAGE),
  r('PAGE /availability', EXPERT_PAGE),
  r('PAGE /earnings', EXPERT_PAGE),
  r('PAGE /admin', ADMIN_PAGE),
  r('PAGE /admin/applications/[id]', ADMIN_PAGE, { params: id('application') }),
  r('PAGE /admin/policy', ADMIN_PAGE),
  r('PAGE /admin/rates', ADMIN_PAGE),
  r('PAGE /admin/payments', ADMIN_PAGE),
  r('PAGE /admin/payments/all', ADMIN_PAGE),
  r('PAGE /pay/[paymentId]', [SIGN_IN, 404, 404, 404, 404, 404]),
  r('PAGE /admin/reviews', ADMIN_PAGE),
  r('PAGE /admin/sanctions', ADMIN_PAGE),
];

/** The concrete URL of a row: each [segment] (or [...segment]) of its route filled from the resources. */
export function urlFor(row: TRow, res: TResources): string {
  const path = row.route.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, seg: string) => {
    const value = res[row.params?.[seg] ?? 'missing'];
    // A catch-all segment takes a path: its slashes stay.
    return rest ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
  const query = row.query?.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(res[k as TResourceKey]));
  return query ? `${path}?${query}` : path;
}
