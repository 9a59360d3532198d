import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as STATE, POST as REQUEST } from '@/app/api/bookings/[id]/recordings/route';
import { POST as PARTS } from '@/app/api/bookings/[id]/recordings/[recordingId]/parts/route';
import { DELETE as DELETE_ONE } from '@/app/api/bookings/[id]/recordings/[recordingId]/route';
import { POST as ADMIN_ACCESS } from '@/app/api/admin/recordings/[id]/access/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createLocalDiskStorage } from '@/lib/storage/local-disk-storage';
import {
  adminRecordingLink,
  answerConsent,
  completeRecording,
  deleteExpiredRecordings,
  deleteRecording,
  recordingsState,
  requestRecording,
  stopRecording,
  uploadRecordingPart,
} from '@/lib/video/recordings';
import { createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { callRoute as call, closeRouteDb, openRouteDb, sessionCookie, type TCall, type TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// Recording with consent (issue #13): it starts only once BOTH participants consented (each answer stored with time
// and person), either can stop it, a withdrawn consent stops it, the file goes through lib/storage in parts, is
// listed with signed links for the two participants only (403 for anyone else, admins only via the audited path),
// and is deleted on request or by the retention job.

const callRoute = (handler: unknown, c: TCall) => call(handler as TRouteHandler, c);

let t: TTestDb;
let root: string;
let learner: TSessionUser;
let expert: TSessionUser;
let otherLearner: TSessionUser;
let otherExpert: TSessionUser;
let admin: TSessionUser;
let bookingId: string;
const storageHolder = globalThis as unknown as { __pathwiseStorage?: unknown };

// A WebM file starts with the EBML header; the rest is opaque to the server.
const EBML = Buffer.from([
  0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d,
]);
const part0 = new Uint8Array(Buffer.concat([EBML, randomBytes(2000)]));
const part1 = new Uint8Array(randomBytes(3000));

beforeAll(async () => {
  t = await openRouteDb();
  root = mkdtempSync(path.join(tmpdir(), 'pw-rec-'));
  storageHolder.__pathwiseStorage = Promise.resolve(createLocalDiskStorage(root, randomBytes(32)));
  [learner, expert, otherLearner, otherExpert, admin] = [
    await createUser(t.db, { role: 'learner', name: 'Lena Learner' }),
    await createUser(t.db, { role: 'expert', name: 'Eve Expert' }),
    await createUser(t.db, { role: 'learner' }),
    await createUser(t.db, { role: 'expert' }),
    await createUser(t.db, { role: 'admin' }),
  ];
  const profile = await createExpertProfile(t.db, expert.id);
  await createExpertProfile(t.db, otherExpert.id);
  // Started 5 minutes ago, ends in 55: the room is open.
  bookingId = (await createBooking(t.db, profile.id, learner.id, { status: 'confirmed', endedHoursAgo: -55 / 60 })).id;
});
afterAll(async () => {
  storageHolder.__pathwiseStorage = undefined;
  rmSync(root, { recursive: true, force: true });
  await closeRouteDb(t);
});

const consents = async (recordingId: string) =>
  (
    await t.db.query<{ user_id: string; role: string; granted: boolean; recorded_at: Date }>(
      'select user_id, role, granted, recorded_at from public.recording_consents where recording_id = $1 order by recorded_at, id',
      [recordingId],
    )
  ).rows;

let readyId: string;

describe('consent', () => {
  let rid: string;
  it('one consent is not enough: the request waits, and nothing can be uploaded', async () => {
    rid = await requestRecording(t.db, learner, bookingId);
    const s = await recordingsState(t.db, expert, bookingId);
    expect(s.current).toMatchObject({ id: rid, status: 'requested', requestedBy: 'learner', consent: { learner: true, expert: null } });
    await expect(uploadRecordingPart(t.db, learner, bookingId, rid, 0, part0)).rejects.toMatchObject({ code: 'conflict' });
    // Asking again returns the same request; consenting twice on one side still is one side.
    expect(await requestRecording(t.db, learner, bookingId)).toBe(rid);
    expect(await answerConsent(t.db, learner, bookingId, rid, { granted: true })).toBe('requested');
  });

  it('starts once the other side consents; each answer is stored with its person and time', async () => {
    expect(await answerConsent(t.db, expert, bookingId, rid, { granted: true })).toBe('recording');
    const rows = await consents(rid);
    expect(rows.map((r) => [r.user_id, r.role, r.granted])).toEqual([
      [learner.id, 'learner', true],
      [learner.id, 'learner', true],
      [expert.id, 'expert', true],
    ]);
    expect(rows.every((r) => r.recorded_at instanceof Date)).toBe(true);
    expect((await recordingsState(t.db, learner, bookingId)).current).toMatchObject({ status: 'recording', viewerRecords: true });
    expect((await recordingsState(t.db, expert, bookingId)).current).toMatchObject({ status: 'recording', viewerRecords: false });
  });

  it('the recording browser uploads parts; a non-WebM file, an oversized part and the other side are refused', async () => {
    await expect(
      uploadRecordingPart(t.db, learner, bookingId, rid, 0, new TextEncoder().encode('%PDF-1.7 not a video')),
    ).rejects.toMatchObject({
      code: 'unprocessable',
    });
    await expect(uploadRecordingPart(t.db, learner, bookingId, rid, 1, new Uint8Array(5 * 1024 * 1024 + 1))).rejects.toMatchObject({
      code: 'payload_too_large',
    });
    await expect(uploadRecordingPart(t.db, expert, bookingId, rid, 0, part0)).rejects.toMatchObject({ code: 'forbidden' });
    await uploadRecordingPart(t.db, learner, bookingId, rid, 0, part0);
    await uploadRecordingPart(t.db, learner, bookingId, rid, 0, part0); // a retried part replaces itself
    await uploadRecordingPart(t.db, learner, bookingId, rid, 1, part1);
  });

  it('either side stops it; completing stores the file, lists it for both with a signed link, and tells both', async () => {
    expect(await stopRecording(t.db, expert, bookingId, rid)).toBe('stopped');
    await expect(completeRecording(t.db, learner, bookingId, rid, { parts: 3, durationSeconds: 40 })).rejects.toMatchObject({
      code: 'conflict',
    });
    await completeRecording(t.db, learner, bookingId, rid, { parts: 2, durationSeconds: 40 });
    const file = path.join(root, 'recordings', bookingId, `${rid}.webm`);
    expect(readFileSync(file).equals(Buffer.concat([part0, part1]))).toBe(true);
    for (const u of [learner, expert]) {
      const s = await recordingsState(t.db, u, bookingId);
      expect(s.current).toBeNull();
      expect(s.ready).toHaveLength(1);
      expect(s.ready[0]).toMatchObject({ id: rid, status: 'ready', sizeBytes: part0.length + part1.length, durationSeconds: 40 });
      expect(s.ready[0].downloadUrl).toMatch(new RegExp(`^/api/files/recordings/${bookingId}/${rid}\\.webm\\?exp=\\d+&sig=`));
    }
    const { rows } = await t.db.query<{ user_id: string }>(
      "select user_id from public.notifications where kind = 'recording.ready' order by user_id",
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([learner.id, expert.id].sort());
    const { rows: parts } = await t.db.query('select 1 from public.recording_parts where recording_id = $1', [rid]);
    expect(parts).toHaveLength(0);
    readyId = rid;
  });

  it('a no declines a request, and withdrawing consent mid-recording stops it', async () => {
    const declined = await requestRecording(t.db, expert, bookingId);
    expect(await answerConsent(t.db, learner, bookingId, declined, { granted: false })).toBe('declined');
    const r2 = await requestRecording(t.db, expert, bookingId);
    expect(r2).not.toBe(declined);
    expect(await answerConsent(t.db, learner, bookingId, r2, { granted: true })).toBe('recording');
    expect(await answerConsent(t.db, learner, bookingId, r2, { granted: false })).toBe('stopped');
    const { rows } = await t.db.query<{ status: string; stop_reason: string; stopped_by: string }>(
      'select status, stop_reason, stopped_by from public.recordings where id = $1',
      [r2],
    );
    expect(rows[0]).toEqual({ status: 'stopped', stop_reason: 'consent_withdrawn', stopped_by: learner.id });
    await expect(answerConsent(t.db, learner, bookingId, r2, { granted: true })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('outside the room window nothing can be requested', async () => {
    await expect(requestRecording(t.db, learner, bookingId, { now: new Date(Date.now() + 3 * 3_600_000) })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('only the two participants', () => {
  it('refuses everyone else with 403 on the routes: another learner, another expert, an admin, and signed-out gets 401', async () => {
    const params = { id: bookingId };
    for (const u of [otherLearner, otherExpert, admin]) {
      const cookie = await sessionCookie(t.db, u);
      expect((await callRoute(STATE, { method: 'GET', path: `/api/bookings/${bookingId}/recordings`, params, cookie })).status).toBe(403);
      expect((await callRoute(REQUEST, { method: 'POST', path: `/api/bookings/${bookingId}/recordings`, params, cookie })).status).toBe(
        403,
      );
      const form = new FormData();
      form.set('index', '0');
      form.set('file', new Blob([part0], { type: 'video/webm' }), 'p0.webm');
      const up = await callRoute(PARTS, {
        method: 'POST',
        path: `/api/bookings/${bookingId}/recordings/${readyId}/parts`,
        params: { id: bookingId, recordingId: readyId },
        body: { form },
        cookie,
      });
      expect(up.status).toBe(403);
      const del = await callRoute(DELETE_ONE, {
        method: 'DELETE',
        path: `/api/bookings/${bookingId}/recordings/${readyId}`,
        params: { id: bookingId, recordingId: readyId },
        cookie,
      });
      expect(del.status).toBe(403);
    }
    expect((await callRoute(STATE, { method: 'GET', path: '/x', params })).status).toBe(401);
    const mine = await callRoute(STATE, { method: 'GET', path: '/x', params, cookie: await sessionCookie(t.db, expert) });
    expect(mine.status).toBe(200);
    expect(JSON.parse(mine.text).ready).toHaveLength(1);
    expect(existsSync(path.join(root, 'recordings', bookingId, `${readyId}.webm`))).toBe(true);
  });

  it('an admin reaches a recording only through the audited path, with a reason', async () => {
    const cookie = await sessionCookie(t.db, admin);
    const noReason = await callRoute(ADMIN_ACCESS, { method: 'POST', path: '/x', params: { id: readyId }, body: { json: {} }, cookie });
    expect(noReason.status).toBe(400);
    const learnerTry = await callRoute(ADMIN_ACCESS, {
      method: 'POST',
      path: '/x',
      params: { id: readyId },
      body: { json: { reason: 'I would like to watch it please' } },
      cookie: await sessionCookie(t.db, learner),
    });
    expect(learnerTry.status).toBe(403);
    const { url } = await adminRecordingLink(t.db, admin, readyId, { reason: 'Dispute #42: learner says the expert left early' });
    expect(url).toContain(`/recordings/${bookingId}/${readyId}.webm`);
    const { rows } = await t.db.query<{ actor_id: string; reason: string }>(
      "select actor_id, reason from public.audit_log where action = 'recording.admin_access' and subject_id = $1",
      [readyId],
    );
    expect(rows).toEqual([{ actor_id: admin.id, reason: 'Dispute #42: learner says the expert left early' }]);
  });
});

describe('deletion', () => {
  async function readyRecording(now = new Date()): Promise<string> {
    const rid = await requestRecording(t.db, expert, bookingId, { now });
    await answerConsent(t.db, learner, bookingId, rid, { granted: true }, { now });
    await uploadRecordingPart(t.db, expert, bookingId, rid, 0, part0);
    await stopRecording(t.db, learner, bookingId, rid, { now });
    await completeRecording(t.db, expert, bookingId, rid, { parts: 1, durationSeconds: 3 }, { now });
    return rid;
  }

  it('either participant deletes one on request: file and row go, the consents stay as evidence', async () => {
    const rid = await readyRecording();
    const file = path.join(root, 'recordings', bookingId, `${rid}.webm`);
    expect(existsSync(file)).toBe(true);
    await deleteRecording(t.db, learner, bookingId, rid);
    expect(existsSync(file)).toBe(false);
    expect((await t.db.query('select 1 from public.recordings where id = $1', [rid])).rows).toHaveLength(0);
    const { rows } = await t.db.query<{ n: number }>(
      'select count(*)::int as n from public.recording_consents where booking_id = $1 and recording_id is null',
      [bookingId],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('the retention job deletes recordings past RECORDING_RETENTION_DAYS (file and row), and keeps younger ones', async () => {
    const rid = await readyRecording();
    const file = path.join(root, 'recordings', bookingId, `${rid}.webm`);
    expect(await deleteExpiredRecordings(t.db, { now: new Date(Date.now() + 29 * 86_400_000) })).toBe(0);
    expect(existsSync(file)).toBe(true);
    const n = await deleteExpiredRecordings(t.db, { now: new Date(Date.now() + 31 * 86_400_000) });
    expect(n).toBe(2); // this one and the first test's
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(root, 'recordings', bookingId, `${readyId}.webm`))).toBe(false);
    expect((await t.db.query("select 1 from public.recordings where status = 'ready'")).rows).toHaveLength(0);
  });
});
