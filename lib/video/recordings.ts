import 'server-only';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { requireRecordingParty } from '@/lib/auth/permissions';
import type { TSessionUser } from '@/lib/auth/schemas';
import { roleOn } from '@/lib/booking/access';
import { loadParticipants } from '@/lib/booking/participants';
import { ms } from '@/lib/booking/store';
import { env } from '@/lib/config';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { logger } from '@/lib/log/logger';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { getStorage } from '@/lib/storage/get-storage';
import { roomState } from './access-window';
import { roomRule } from './config';
import {
  bothConsented,
  consentsInForce,
  deleteAfter,
  looksLikeWebm,
  statusAfterAnswer,
  type TConsentAnswer,
  type TRecordingStatus,
  type TSide,
} from './recording-rules';

// Recordings of the built-in room (issue #13): requested by either participant, started only once BOTH have
// consented (each answer stored with its time and person in recording_consents), stopped by either or by a
// withdrawn consent, recorded in the requesting browser (MediaRecorder, WebM) and sent in parts, stored through
// lib/storage, listed for both with short-lived signed links, deleted on request or after the retention.

export const ZConsentAnswer = z.object({ granted: z.boolean({ message: 'Answer yes or no.' }) });
export const ZCompleteUpload = z.object({
  parts: z.number().int().min(1).max(100000),
  durationSeconds: z.number().int().min(0).max(86400),
});
/** Each part stays under the multipart body cap (server/request-limits.mjs, 6 MB with the envelope). */
export const MAX_PART_BYTES = 5 * 1024 * 1024;
const LINK_TTL_SECONDS = 300;

type TRecordingRow = {
  id: string;
  booking_id: string;
  requested_by: string | null;
  status: TRecordingStatus;
  started_at: Date | null;
  stopped_at: Date | null;
  stop_reason: string | null;
  storage_key: string | null;
  size_bytes: string | number | null;
  duration_seconds: number | null;
  ready_at: Date | null;
  delete_after: Date | null;
  created_at: Date;
};

export type TConsentView = { role: TSide; granted: boolean; at: string; userId: string | null };
export type TRecordingView = {
  id: string;
  status: TRecordingStatus;
  requestedBy: TSide | null;
  /** The viewer's browser records and uploads (the requester's). */
  viewerRecords: boolean;
  consent: { learner: boolean | null; expert: boolean | null };
  consents: TConsentView[];
  startedAt: string | null;
  stoppedAt: string | null;
  stopReason: string | null;
  sizeBytes: number | null;
  durationSeconds: number | null;
  readyAt: string | null;
  deleteAfter: string | null;
  downloadUrl: string | null;
};
export type TRecordingsState = {
  viewerRole: TSide;
  roomOpen: boolean;
  retentionDays: number;
  maxBytes: number;
  /** The recording being asked for or running, else one just stopped and still uploading; null when none. */
  current: TRecordingView | null;
  /** Stored recordings, newest first. */
  ready: TRecordingView[];
};

type TBookingBits = { id: string; expert_id: string; learner_id: string | null; status: string; starts_at: Date; ends_at: Date };

/** The booking and the caller's side; 403 for anyone but its learner and expert (admins included). */
async function partyOf(tx: TPrivilegedTx, user: TSessionUser, bookingId: string, lock = false) {
  const { rows } = await tx.query<TBookingBits>(
    `select id, expert_id, learner_id, status, starts_at, ends_at from public.bookings where id = $1${lock ? ' for update' : ''}`,
    [bookingId],
  );
  const b = rows[0];
  const side = requireRecordingParty(b ? await roleOn(tx, user, b) : null);
  return { b, side };
}

const roomOpen = (b: TBookingBits, now: Date) =>
  roomState({ status: b.status, startMs: ms(b.starts_at), endMs: ms(b.ends_at) }, now.getTime(), roomRule()) === 'open';

function assertRoomOpen(b: TBookingBits, now: Date) {
  if (!roomOpen(b, now)) throw new AppError('conflict', 'Recording is possible only in the session’s room, while it is open.');
}

async function loadRecording(tx: TPrivilegedTx, bookingId: string, recordingId: string, lock = false): Promise<TRecordingRow> {
  const { rows } = await tx.query<TRecordingRow>(
    `select * from public.recordings where id = $1 and booking_id = $2${lock ? ' for update' : ''}`,
    [recordingId, bookingId],
  );
  if (!rows[0]) throw new AppError('not_found', 'This recording does not exist (it may have been deleted).');
  return rows[0];
}

async function answersFor(tx: TPrivilegedTx, recordingId: string): Promise<(TConsentAnswer & { userId: string | null })[]> {
  const { rows } = await tx.query<{ role: TSide; granted: boolean; recorded_at: Date; user_id: string | null }>(
    'select role, granted, recorded_at, user_id from public.recording_consents where recording_id = $1 order by recorded_at, id',
    [recordingId],
  );
  return rows.map((r) => ({ role: r.role, granted: r.granted, at: new Date(r.recorded_at), userId: r.user_id }));
}

async function sideOfUser(tx: TPrivilegedTx, b: TBookingBits, userId: string | null): Promise<TSide | null> {
  if (!userId) return null;
  if (userId === b.learner_id) return 'learner';
  const { rows } = await tx.query('select 1 from public.expert_profiles where id = $1 and user_id = $2', [b.expert_id, userId]);
  return rows.length ? 'expert' : null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function toView(
  tx: TPrivilegedTx,
  b: TBookingBits,
  r: TRecordingRow,
  viewer: { id: string },
  link: boolean,
): Promise<TRecordingView> {
  const answers = await answersFor(tx, r.id);
  const requestedBy = await sideOfUser(tx, b, r.requested_by);
  return {
    id: r.id,
    status: r.status,
    requestedBy,
    viewerRecords: r.requested_by === viewer.id,
    consent: consentsInForce(answers),
    consents: answers.map((a) => ({ role: a.role, granted: a.granted, at: a.at.toISOString(), userId: a.userId })),
    startedAt: iso(r.started_at),
    stoppedAt: iso(r.stopped_at),
    stopReason: r.stop_reason,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    durationSeconds: r.duration_seconds,
    readyAt: iso(r.ready_at),
    deleteAfter: iso(r.delete_after),
    downloadUrl: link && r.storage_key ? await (await getStorage()).signedUrl(r.storage_key, LINK_TTL_SECONDS) : null,
  };
}

/** What the room and the session page show: the current recording with both consents, and the stored ones. */
export async function recordingsState(
  db: TDb,
  user: TSessionUser,
  bookingId: string,
  opts: { now?: Date } = {},
): Promise<TRecordingsState> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { b, side } = await partyOf(tx, user, bookingId);
    const { rows } = await tx.query<TRecordingRow>(
      `select * from public.recordings where booking_id = $1 and (status in ('requested', 'recording', 'stopped') or status = 'ready')
        order by created_at desc limit 50`,
      [bookingId],
    );
    // The live request or recording; else one stopped in the last 15 minutes whose upload may still be running.
    const open =
      rows.find((r) => r.status === 'requested' || r.status === 'recording') ??
      rows.find((r) => r.status === 'stopped' && r.stopped_at && now.getTime() - ms(r.stopped_at) < 15 * 60_000);
    const ready = rows.filter((r) => r.status === 'ready');
    const views: TRecordingView[] = [];
    for (const r of ready) views.push(await toView(tx, b, r, user, true));
    return {
      viewerRole: side,
      roomOpen: roomOpen(b, now),
      retentionDays: env().RECORDING_RETENTION_DAYS,
      maxBytes: env().RECORDING_MAX_MB * 1024 * 1024,
      current: open ? await toView(tx, b, open, user, false) : null,
      ready: views,
    };
  });
}

/**
 * Asks to record: a new request (or the open one) with the asker's own consent as its first answer. It does
 * not start until the other side consents too.
 */
export async function requestRecording(db: TDb, user: TSessionUser, bookingId: string, opts: { now?: Date } = {}): Promise<string> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { b, side } = await partyOf(tx, user, bookingId, true);
    assertRoomOpen(b, now);
    // One request or recording at a time; a stopped one still uploading does not hold up the next.
    const { rows: open } = await tx.query<{ id: string }>(
      "select id from public.recordings where booking_id = $1 and status in ('requested', 'recording')",
      [bookingId],
    );
    if (open[0]) return open[0].id;
    const { rows } = await tx.query<{ id: string }>(
      "insert into public.recordings (booking_id, requested_by, status, created_at) values ($1, $2, 'requested', $3) returning id",
      [bookingId, user.id, now],
    );
    await tx.query(
      'insert into public.recording_consents (booking_id, recording_id, user_id, role, granted, recorded_at) values ($1, $2, $3, $4, true, $5)',
      [bookingId, rows[0].id, user.id, side, now],
    );
    return rows[0].id;
  });
}

/** Records the caller's yes or no (a no while recording withdraws consent and stops it). */
export async function answerConsent(
  db: TDb,
  user: TSessionUser,
  bookingId: string,
  recordingId: string,
  input: unknown,
  opts: { now?: Date } = {},
): Promise<TRecordingStatus> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { b, side } = await partyOf(tx, user, bookingId, true);
    const { granted } = parseOrThrow(ZConsentAnswer, input);
    const r = await loadRecording(tx, bookingId, recordingId, true);
    if (r.status !== 'requested' && r.status !== 'recording')
      throw new AppError('conflict', `This recording is already ${r.status === 'declined' ? 'declined' : 'finished'}.`);
    if (granted) assertRoomOpen(b, now);
    await tx.query(
      'insert into public.recording_consents (booking_id, recording_id, user_id, role, granted, recorded_at) values ($1, $2, $3, $4, $5, $6)',
      [bookingId, recordingId, user.id, side, granted, now],
    );
    const answers = await answersFor(tx, recordingId);
    const next = statusAfterAnswer(r.status, answers);
    if (next === 'recording' && r.status === 'requested') {
      if (!bothConsented(answers)) throw new Error('unreachable: recording without both consents');
      await tx.query("update public.recordings set status = 'recording', started_at = $2 where id = $1", [recordingId, now]);
    } else if (next === 'stopped') {
      await tx.query(
        "update public.recordings set status = 'stopped', stopped_at = $2, stopped_by = $3, stop_reason = 'consent_withdrawn' where id = $1",
        [recordingId, now, user.id],
      );
    } else if (next === 'declined') {
      await tx.query("update public.recordings set status = 'declined', stopped_at = $2, stopped_by = $3 where id = $1", [
        recordingId,
        now,
        user.id,
      ]);
    }
    return next;
  });
}

/** Either participant stops a running recording (or withdraws a request not yet started). */
export async function stopRecording(
  db: TDb,
  user: TSessionUser,
  bookingId: string,
  recordingId: string,
  opts: { now?: Date; reason?: 'stopped' | 'left' } = {},
): Promise<TRecordingStatus> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    await partyOf(tx, user, bookingId, true);
    const r = await loadRecording(tx, bookingId, recordingId, true);
    if (r.status === 'requested') {
      await tx.query("update public.recordings set status = 'declined', stopped_at = $2, stopped_by = $3 where id = $1", [
        recordingId,
        now,
        user.id,
      ]);
      return 'declined';
    }
    if (r.status !== 'recording') return r.status;
    await tx.query("update public.recordings set status = 'stopped', stopped_at = $2, stopped_by = $3, stop_reason = $4 where id = $1", [
      recordingId,
      now,
      user.id,
      opts.reason ?? 'stopped',
    ]);
    return 'stopped';
  });
}

async function uploadable(tx: TPrivilegedTx, user: TSessionUser, bookingId: string, recordingId: string) {
  await partyOf(tx, user, bookingId);
  const r = await loadRecording(tx, bookingId, recordingId);
  if (r.requested_by !== user.id) throw new AppError('forbidden', 'Only the browser that made the recording uploads it.');
  if (!r.started_at) throw new AppError('conflict', 'Nothing was recorded: both participants must consent first.');
  if (r.status !== 'recording' && r.status !== 'stopped') throw new AppError('conflict', 'This recording is already saved or was deleted.');
  return r;
}

/** 403 unless the user is the booking's learner or expert (the upload route asks before reading the body). */
export async function assertRecordingParty(db: TDb, user: TSessionUser, bookingId: string): Promise<void> {
  await db.transaction((tx) => partyOf(tx, user, bookingId));
}

/** One part of the file (index from 0), at most MAX_PART_BYTES; sending a part again replaces it (a retried request). */
export async function uploadRecordingPart(
  db: TDb,
  user: TSessionUser,
  bookingId: string,
  recordingId: string,
  index: number,
  bytes: Uint8Array,
): Promise<{ receivedBytes: number }> {
  if (!Number.isInteger(index) || index < 0 || index > 100000)
    throw new AppError('invalid_input', 'Bad part number.', { index: 'Bad part number.' });
  if (bytes.byteLength === 0) throw new AppError('invalid_input', 'The part is empty.', { file: 'The part is empty.' });
  if (bytes.byteLength > MAX_PART_BYTES) throw new AppError('payload_too_large', 'A part may hold at most 5 MB.');
  if (index === 0 && !looksLikeWebm(bytes))
    throw new AppError('unprocessable', 'Recordings are WebM video: this file is not.', { file: 'Recordings are WebM video.' });
  const max = env().RECORDING_MAX_MB * 1024 * 1024;
  return db.transaction(async (tx) => {
    await uploadable(tx, user, bookingId, recordingId);
    await tx.query('select id from public.recordings where id = $1 for update', [recordingId]);
    const { rows } = await tx.query<{ total: string }>(
      'select coalesce(sum(length(bytes)), 0)::bigint as total from public.recording_parts where recording_id = $1 and idx <> $2',
      [recordingId, index],
    );
    const total = Number(rows[0].total) + bytes.byteLength;
    if (total > max) throw new AppError('payload_too_large', `The recording is larger than the ${env().RECORDING_MAX_MB} MB limit.`);
    await tx.query(
      `insert into public.recording_parts (recording_id, idx, bytes) values ($1, $2, $3)
       on conflict (recording_id, idx) do update set bytes = excluded.bytes, created_at = now()`,
      [recordingId, index, Buffer.from(bytes)],
    );
    return { receivedBytes: total };
  });
}

/**
 * Joins the parts (0…parts-1, none missing), checks the whole is WebM, stores it through lib/storage, marks the
 * recording ready with its deletion date, and tells both participants (recording.ready).
 */
export async function completeRecording(
  db: TDb,
  user: TSessionUser,
  bookingId: string,
  recordingId: string,
  input: unknown,
  opts: { now?: Date } = {},
): Promise<void> {
  const now = opts.now ?? new Date();
  let parsed: z.infer<typeof ZCompleteUpload> | undefined;
  const { rows } = await db.transaction(async (tx) => {
    await partyOf(tx, user, bookingId);
    parsed = parseOrThrow(ZCompleteUpload, input);
    await uploadable(tx, user, bookingId, recordingId);
    return tx.query<{ idx: number; bytes: Uint8Array }>(
      'select idx, bytes from public.recording_parts where recording_id = $1 order by idx',
      [recordingId],
    );
  });
  const { parts, durationSeconds } = parsed!;
  if (rows.length !== parts || rows.some((r, i) => r.idx !== i))
    throw new AppError('conflict', `Some parts have not arrived (${rows.length} of ${parts}); send them again.`);
  const file = Buffer.concat(rows.map((r) => Buffer.from(r.bytes)));
  const type = await fileTypeFromBuffer(file.subarray(0, 64 * 1024));
  if (!looksLikeWebm(file) || (type && type.mime !== 'video/webm' && type.mime !== 'audio/webm' && type.mime !== 'video/x-matroska'))
    throw new AppError('unprocessable', 'Recordings are WebM video: this file is not.', { file: 'Recordings are WebM video.' });
  const key = `recordings/${bookingId}/${recordingId}.webm`;
  const storage = await getStorage();
  await storage.remove(key).catch(() => undefined); // a completion retried after the put but before the commit
  await storage.put(key, file, 'video/webm');
  try {
    await db.transaction(async (tx) => {
      const { b } = await partyOf(tx, user, bookingId, true);
      const r = await loadRecording(tx, bookingId, recordingId, true);
      if (r.status !== 'recording' && r.status !== 'stopped')
        throw new AppError('conflict', 'This recording is already saved or was deleted.');
      await tx.query(
        `update public.recordings set status = 'ready', storage_key = $2, content_type = 'video/webm', size_bytes = $3, duration_seconds = $4,
                ready_at = $5, delete_after = $6, stopped_at = coalesce(stopped_at, $5), stop_reason = coalesce(stop_reason, 'stopped')
          where id = $1`,
        [recordingId, key, file.byteLength, durationSeconds, now, deleteAfter(now, env().RECORDING_RETENTION_DAYS)],
      );
      await tx.query('delete from public.recording_parts where recording_id = $1', [recordingId]);
      const p = await loadParticipants(tx, b);
      const link = `/sessions/${bookingId}`;
      for (const u of [p.expert.userId, p.learner?.userId].filter((x): x is string => !!x))
        await notifyEvent(tx, {
          userId: u,
          event: 'recording.ready',
          title: 'Your session recording is ready',
          body: `The recording of your session is saved and can be downloaded from the session page for ${env().RECORDING_RETENTION_DAYS} days.`,
          link,
        });
    });
  } catch (e) {
    await storage.remove(key).catch(() => undefined);
    throw e;
  }
}

/** Deletes a recording's file and row, at either participant's request (the UI asks them to confirm first). */
export async function deleteRecording(db: TDb, user: TSessionUser, bookingId: string, recordingId: string): Promise<void> {
  const key = await db.transaction(async (tx) => {
    await partyOf(tx, user, bookingId, true);
    const r = await loadRecording(tx, bookingId, recordingId, true);
    if (r.status === 'recording') throw new AppError('conflict', 'Stop the recording first.');
    await tx.query('delete from public.recordings where id = $1', [recordingId]);
    await tx.query(
      "insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'recording.delete', 'recording', $2, $3)",
      [user.id, recordingId, JSON.stringify({ bookingId, by: 'participant' })],
    );
    return r.storage_key;
  });
  if (key) await (await getStorage()).remove(key);
}

/**
 * The retention job: deletes every ready recording past its delete_after (file, then row), and leftovers of
 * uploads abandoned for a day. Returns how many recordings it deleted.
 */
export async function deleteExpiredRecordings(db: TDb, opts: { now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const { rows } = await db.query<{ id: string; storage_key: string | null }>(
    "select id, storage_key from public.recordings where status = 'ready' and delete_after <= $1 order by delete_after limit 200",
    [now],
  );
  const storage = await getStorage();
  let n = 0;
  for (const r of rows) {
    try {
      if (r.storage_key) await storage.remove(r.storage_key);
      await db.query('delete from public.recordings where id = $1', [r.id]);
      n++;
    } catch (err) {
      logger().warn({ err, recordingId: r.id }, 'recording retention: delete failed; retried on the next run');
    }
  }
  // Abandoned uploads (the browser closed before completing) and requests never answered.
  await db.query(`delete from public.recordings where (status in ('stopped', 'recording', 'requested', 'declined')) and created_at < $1`, [
    new Date(now.getTime() - 86_400_000),
  ]);
  return n;
}

/**
 * The audited admin path: an admin who must see a recording (a dispute, a legal request) gives a reason, which
 * is written to the audit log with their id before a short-lived link is made. Nothing else lets an admin in.
 */
export async function adminRecordingLink(db: TDb, admin: TSessionUser, recordingId: string, input: unknown): Promise<{ url: string }> {
  const { reason } = parseOrThrow(z.object({ reason: z.string().trim().min(10, 'Say why (at least 10 characters).').max(1000) }), input);
  if (admin.role !== 'admin') throw new AppError('forbidden', 'Only admins use the audited view.');
  const key = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ storage_key: string | null; booking_id: string }>(
      "select storage_key, booking_id from public.recordings where id = $1 and status = 'ready'",
      [recordingId],
    );
    if (!rows[0]?.storage_key) throw new AppError('not_found', 'No stored recording with this id.');
    await tx.query(
      "insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, 'recording.admin_access', 'recording', $2, $3, $4)",
      [admin.id, recordingId, reason, JSON.stringify({ bookingId: rows[0].booking_id })],
    );
    return rows[0].storage_key;
  });
  return { url: await (await getStorage()).signedUrl(key, LINK_TTL_SECONDS) };
}
