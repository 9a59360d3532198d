'use client';

import { useCallback, useRef, useState } from 'react';
import { completeUpload, uploadPart } from './recording-api';

// Records the call in this browser with MediaRecorder (WebM): the other participant's video (this side's own when
// the other has no video) and both sides' audio mixed through Web Audio. Data arrives every 2 s; parts of about
// 4 MB go up while recording (each under the server's 5 MB part limit), the rest when it stops, then `complete`.

const PART_BYTES = 4 * 1024 * 1024;
const TIMESLICE_MS = 2000;

export type TRecorderState = { phase: 'idle' | 'recording' | 'saving' | 'saved' | 'failed'; sentBytes: number; error: string | null };

function pickMime(): string {
  for (const m of ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'])
    if (typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(m)) return m;
  return 'video/webm';
}

/** The stream to record: one video track and one mixed audio track. */
function mixedStream(local: MediaStream | null, remote: MediaStream | null): { stream: MediaStream; close(): void } {
  const ctx = new AudioContext();
  const dest = ctx.createMediaStreamDestination();
  for (const s of [local, remote]) {
    if (s && s.getAudioTracks().length) ctx.createMediaStreamSource(new MediaStream(s.getAudioTracks())).connect(dest);
  }
  const video = remote?.getVideoTracks()[0] ?? local?.getVideoTracks()[0];
  const tracks = [...(video ? [video] : []), ...dest.stream.getAudioTracks()];
  return { stream: new MediaStream(tracks), close: () => void ctx.close().catch(() => undefined) };
}

export function useRecorder(bookingId: string) {
  const [state, setState] = useState<TRecorderState>({ phase: 'idle', sentBytes: 0, error: null });
  const run = useRef<{
    recordingId: string;
    recorder: MediaRecorder;
    close(): void;
    buffer: Blob[];
    buffered: number;
    index: number;
    sent: number;
    startedAt: number;
    queue: Promise<void>;
    failed: string | null;
  } | null>(null);

  const flush = useCallback(
    (final: boolean) => {
      const r = run.current;
      if (!r || (!final && r.buffered < PART_BYTES) || r.buffered === 0) return;
      const blob = new Blob(r.buffer, { type: 'video/webm' });
      r.buffer = [];
      r.buffered = 0;
      const index = r.index++;
      r.queue = r.queue.then(async () => {
        if (r.failed) return;
        // A part is retried twice before the upload is given up.
        for (let attempt = 0; attempt < 3; attempt++) {
          const res = await uploadPart(bookingId, r.recordingId, index, blob);
          if (res.ok) {
            r.sent += blob.size;
            setState((s) => ({ ...s, sentBytes: r.sent }));
            return;
          }
          if (res.status >= 400 && res.status < 500) {
            r.failed = res.message;
            return;
          }
          await new Promise((ok) => setTimeout(ok, 1000 * (attempt + 1)));
        }
        r.failed = 'The recording could not be uploaded.';
      });
    },
    [bookingId],
  );

  const start = useCallback(
    (recordingId: string, local: MediaStream | null, remote: MediaStream | null) => {
      if (run.current) return;
      try {
        const mixed = mixedStream(local, remote);
        const recorder = new MediaRecorder(mixed.stream, { mimeType: pickMime(), videoBitsPerSecond: 800_000, audioBitsPerSecond: 64_000 });
        const r = {
          recordingId,
          recorder,
          close: mixed.close,
          buffer: [] as Blob[],
          buffered: 0,
          index: 0,
          sent: 0,
          startedAt: Date.now(),
          queue: Promise.resolve(),
          failed: null as string | null,
        };
        run.current = r;
        recorder.ondataavailable = (e) => {
          if (!e.data.size) return;
          r.buffer.push(e.data);
          r.buffered += e.data.size;
          flush(false);
        };
        recorder.onstop = () => {
          flush(true);
          r.close();
          setState((s) => ({ ...s, phase: 'saving' }));
          void r.queue.then(async () => {
            run.current = null;
            if (r.failed) return setState((s) => ({ ...s, phase: 'failed', error: r.failed }));
            if (r.index === 0) return setState((s) => ({ ...s, phase: 'failed', error: 'Nothing was recorded.' }));
            const done = await completeUpload(bookingId, recordingId, r.index, Math.round((Date.now() - r.startedAt) / 1000));
            setState((s) => (done.ok ? { ...s, phase: 'saved' } : { ...s, phase: 'failed', error: done.message }));
          });
        };
        recorder.start(TIMESLICE_MS);
        setState({ phase: 'recording', sentBytes: 0, error: null });
      } catch (e) {
        setState({ phase: 'failed', sentBytes: 0, error: `This browser cannot record: ${(e as Error).message}` });
      }
    },
    [bookingId, flush],
  );

  /** Stops the local recorder (the upload of what is left follows). */
  const stop = useCallback(() => {
    const r = run.current;
    if (r && r.recorder.state !== 'inactive') r.recorder.stop();
  }, []);

  return { state, start, stop, activeId: () => run.current?.recordingId ?? null };
}
