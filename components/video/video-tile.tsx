'use client';

import { useEffect, useRef, useState } from 'react';

/** A <video> showing a stream; says so when the browser blocks playback until a click. */
export function VideoTile({
  stream,
  muted,
  label,
  testId,
  mirrored,
  placeholder,
  fit = 'cover',
}: {
  stream: MediaStream | null;
  muted?: boolean;
  label: string;
  testId: string;
  mirrored?: boolean;
  placeholder: string;
  /** contain for the other side (a shared screen must not be cropped), cover for the small self view. */
  fit?: 'cover' | 'contain';
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    if (stream)
      v.play().then(
        () => setBlocked(false),
        () => setBlocked(true),
      );
  }, [stream]);
  const hasVideo = !!stream?.getVideoTracks().length;
  return (
    <figure className="relative overflow-hidden rounded-2xl bg-slate-900 text-white">
      <video
        ref={ref}
        data-testid={testId}
        autoPlay
        playsInline
        muted={muted}
        aria-label={label}
        className={`aspect-video h-full w-full ${fit === 'contain' ? 'object-contain' : 'object-cover'} ${mirrored ? '-scale-x-100' : ''} ${hasVideo ? '' : 'invisible'}`}
      />
      {!hasVideo ? (
        <p className="absolute inset-0 flex items-center justify-center p-4 text-center text-sm text-slate-300">{placeholder}</p>
      ) : null}
      {blocked ? (
        <button
          type="button"
          className="absolute inset-0 flex items-center justify-center bg-slate-900/70 text-sm font-semibold focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-400"
          onClick={() => void ref.current?.play().then(() => setBlocked(false))}
        >
          Your browser paused the video: click to play
        </button>
      ) : null}
      <figcaption className="absolute bottom-2 left-2 rounded-md bg-slate-950/70 px-2 py-0.5 text-xs">{label}</figcaption>
    </figure>
  );
}
