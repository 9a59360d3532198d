'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import type { TRoomInfo } from '@/lib/video/room-access';
import { ChatPanel } from './chat-panel';
import { RoomMediaContext } from './room-context';
import { RoomToolbar } from './room-toolbar';
import { useVideoCall, type TConnection } from './use-video-call';
import { VideoTile } from './video-tile';

const CONNECTION_LABEL: Record<TConnection, string> = {
  new: 'Starting',
  waiting: 'Waiting for the other side',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  failed: 'Connection failed',
  offline: 'Reconnecting to the server',
};
const CONNECTION_TONE: Record<TConnection, string> = {
  new: 'bg-slate-400',
  waiting: 'bg-slate-400',
  connecting: 'bg-amber-500',
  connected: 'bg-emerald-500',
  reconnecting: 'bg-amber-500',
  failed: 'bg-red-600',
  offline: 'bg-amber-500',
};

/**
 * The built-in 1:1 room. `extraControls` go in the toolbar and `children` below the videos; both can read the
 * streams and the signalling socket with useRoomMedia() (components/video/room-context.tsx).
 */
export function Room({
  room,
  iceServers,
  realtimeUrl,
  extraControls,
  children,
}: {
  room: TRoomInfo;
  iceServers: RTCIceServer[];
  realtimeUrl: string | null;
  extraControls?: ReactNode;
  children?: ReactNode;
}) {
  const call = useVideoCall({ bookingId: room.bookingId, iceServers, realtimeUrl });
  const me = room.role === 'learner' ? room.learner : room.expert;
  const other = room.role === 'learner' ? room.expert : room.learner;
  const when = (tz: string) =>
    new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: tz, timeZoneName: 'short' });
  const range = (tz: string) =>
    `${when(tz).format(new Date(room.start))} – ${new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: tz }).format(new Date(room.end))}`;

  if (call.phase === 'left' || call.phase === 'closed' || call.phase === 'replaced' || call.phase === 'refused') {
    const text = {
      left: 'You left the room. You can come back while it is open.',
      closed: 'The room has closed: the session’s time is over.',
      replaced: 'You opened this room in another tab or window, so this one left it.',
      refused: call.refusal ?? 'You may not enter this room.',
    }[call.phase];
    return (
      <div className="mx-auto max-w-lg px-4 py-16 text-center">
        <h1 className="text-2xl font-bold">Session with {other.name}</h1>
        <p className="mt-4" role="status">
          {text}
        </p>
        <div className="mt-6 flex justify-center gap-3">
          {call.phase === 'left' || call.phase === 'replaced' ? <Button onClick={() => window.location.reload()}>Rejoin</Button> : null}
          <Link href="/sessions" className={buttonClasses('secondary')}>
            Back to sessions
          </Link>
        </div>
      </div>
    );
  }

  return (
    <RoomMediaContext.Provider
      value={{
        bookingId: room.bookingId,
        role: call.role,
        localStream: call.localStream,
        remoteStream: call.remoteStream,
        socket: call.socket,
        peerHere: call.peerHere,
      }}
    >
      <div className="mx-auto max-w-6xl px-4 py-4 sm:py-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="text-sm">
              <Link href="/sessions" className="link">
                ← Sessions
              </Link>
            </p>
            <h1 className="mt-1 text-xl font-bold sm:text-2xl">Session with {other.name}</h1>
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="room-times">
              <span>
                {range(me.timeZone)} your time ({me.timeZone.replace(/_/g, ' ')})
              </span>
              <span className="mx-1" aria-hidden>
                ·
              </span>
              <span>
                {range(other.timeZone)} {other.name}’s time ({other.timeZone.replace(/_/g, ' ')})
              </span>
            </p>
          </div>
          <p
            role="status"
            aria-live="polite"
            className="flex items-center gap-2 text-sm font-medium"
            data-testid="connection-state"
            data-state={call.connection}
            data-detail={call.detail}
          >
            <span className={`inline-block h-2.5 w-2.5 rounded-full ${CONNECTION_TONE[call.connection]}`} aria-hidden />
            {CONNECTION_LABEL[call.connection]}
          </p>
        </div>

        {call.phase === 'media-error' && call.mediaProblem ? (
          <div className="mt-4">
            <Alert tone="error" title="Camera and microphone unavailable">
              <p>{call.mediaProblem.message}</p>
              <div className="mt-3 flex flex-wrap gap-2">
                <Button onClick={call.retryMedia}>Try again</Button>
                <Button variant="secondary" onClick={call.joinWithoutVideo}>
                  Join without video
                </Button>
              </div>
            </Alert>
          </div>
        ) : call.mediaProblem ? (
          <div className="mt-4">
            <Alert tone="warning">{call.mediaProblem.message}</Alert>
          </div>
        ) : null}

        <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_20rem]">
          <div className="space-y-3">
            <div className="relative">
              <VideoTile
                fit="contain"
                stream={call.remoteStream}
                label={other.name}
                testId="remote-video"
                placeholder={call.peerHere ? `Connecting to ${other.name}…` : `${other.name} has not joined yet.`}
              />
              <div className="absolute right-2 top-2 w-28 sm:w-44">
                <VideoTile
                  stream={call.localStream}
                  muted
                  mirrored={!call.sharing}
                  label={call.sharing ? 'You (sharing your screen)' : 'You'}
                  testId="local-video"
                  placeholder={call.phase === 'media' ? 'Starting camera…' : 'Camera off'}
                />
              </div>
            </div>
            <RoomToolbar call={call} extra={extraControls} />
            {children}
          </div>
          <ChatPanel
            messages={call.messages}
            myRole={call.role}
            disabled={call.phase !== 'in-room'}
            send={call.sendChat}
            timeZone={me.timeZone}
          />
        </div>
      </div>
    </RoomMediaContext.Provider>
  );
}
