'use client';

import { createContext, useContext } from 'react';
import type { Socket } from 'socket.io-client';
import type { TRoomRole } from '@/lib/video/protocol';

/**
 * What controls added to the room (recording, for one) need: the booking, this side's role, both streams and the
 * room's signalling socket (`/video` namespace, already joined). Read it with useRoomMedia() inside <Room>'s
 * `extraControls` or `children`.
 */
export type TRoomMedia = {
  bookingId: string;
  role: TRoomRole | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  socket: Socket | null;
  /** True once the other participant is in the room. */
  peerHere: boolean;
};

export const RoomMediaContext = createContext<TRoomMedia | null>(null);

export function useRoomMedia(): TRoomMedia {
  const v = useContext(RoomMediaContext);
  if (!v) throw new Error('useRoomMedia() is only available inside <Room>');
  return v;
}
