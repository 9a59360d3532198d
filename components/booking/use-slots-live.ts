'use client';

import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';

// One `/public` socket per tab, shared by every component that watches an expert's slots. The server
// sends `slots.changed` `{ expertId }` to the watchers of that expert; watchers refetch. After a reconnect
// the rooms are joined again and every watcher refetches once (it may have missed a change meanwhile).
// socket.io-client loads in the effect that connects, after the page hydrated, not with the page.

type TListener = () => void;
const watchers = new Map<string, Set<TListener>>();
let socket: Promise<Socket> | null = null;
let live: Socket | null = null;

function connect(url: string | null): Promise<Socket> {
  socket ??= import('socket.io-client').then(
    ({ io }) => (live = open(io(`${url ?? ''}/public`, { path: '/socket.io/', transports: ['websocket', 'polling'] }))),
    (e: unknown) => {
      socket = null; // the chunk did not load (offline): the next watcher tries again
      throw e;
    },
  );
  return socket;
}

function open(s: Socket): Socket {
  let connectedBefore = false;
  s.on('connect', () => {
    for (const id of watchers.keys()) s.emit('watch-expert', id);
    document.documentElement.dataset.slotsLive = 'connected';
    if (connectedBefore) for (const set of watchers.values()) for (const l of set) l();
    connectedBefore = true;
  });
  s.on('disconnect', () => {
    document.documentElement.dataset.slotsLive = 'disconnected';
  });
  s.on('slots.changed', (e: { expertId?: string }) => {
    for (const l of watchers.get(String(e?.expertId ?? '').toLowerCase()) ?? []) l();
  });
  return s;
}

/** Calls onChange whenever this expert's free slots change (a hold, booking, cancellation or expiry anywhere). */
export function useSlotsLive(expertId: string | null, onChange: () => void, url: string | null = null) {
  const ref = useRef(onChange);
  useEffect(() => {
    ref.current = onChange;
  });
  useEffect(() => {
    if (!expertId) return;
    const id = expertId.toLowerCase();
    const l: TListener = () => ref.current();
    let set = watchers.get(id);
    if (!set) {
      set = new Set();
      watchers.set(id, set);
      // A socket that connects later joins every watched room in its connect handler; one already connected
      // is told here.
      connect(url).then(
        (s) => {
          if (s.connected && watchers.has(id)) s.emit('watch-expert', id);
        },
        () => undefined,
      );
    } else void connect(url).catch(() => undefined);
    set.add(l);
    return () => {
      const current = watchers.get(id);
      current?.delete(l);
      if (current && current.size === 0) {
        watchers.delete(id);
        if (live?.connected) live.emit('unwatch-expert', id);
      }
    };
  }, [expertId, url]);
}
