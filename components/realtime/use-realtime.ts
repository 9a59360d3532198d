'use client';

import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import type { TRealtimeEvent } from '@/lib/realtime/events';

// One socket per tab, shared by every component that listens. Events carry the user's sequence
// number: duplicates are dropped, and when Socket.IO cannot recover a session the gap is read back
// from /api/realtime/events in one request. socket.io-client (13 kB gzip) loads after the page hydrated, in
// the effect that connects, not with the page (docs/performance.md, "JavaScript budget").

type TListener = (e: TRealtimeEvent) => void;
const listeners = new Set<TListener>();
let socket: Promise<Socket> | null = null;
let lastSeq = 0;

function dispatch(e: TRealtimeEvent) {
  if (e.seq <= lastSeq) return;
  lastSeq = e.seq;
  for (const l of listeners) l(e);
}

async function catchUp() {
  try {
    const res = await fetch(`/api/realtime/events?after=${lastSeq}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const { events } = (await res.json()) as { events: TRealtimeEvent[] };
    for (const e of events) dispatch(e);
  } catch {
    // offline: the next reconnect tries again
  }
}

function connect(url: string | null): Promise<Socket> {
  socket ??= import('socket.io-client').then(
    ({ io }) => open(io(url ?? undefined, { path: '/socket.io/', withCredentials: true, transports: ['websocket', 'polling'] })),
    (e: unknown) => {
      socket = null; // the chunk did not load (offline): the next page that listens tries again
      throw e;
    },
  );
  return socket;
}

function open(s: Socket): Socket {
  s.on('connect', () => {
    document.documentElement.dataset.realtime = 'connected';
    if (!s.recovered) void catchUp();
  });
  s.on('disconnect', () => {
    document.documentElement.dataset.realtime = 'disconnected';
  });
  s.on('event', (e: TRealtimeEvent) => dispatch(e));
  return s;
}

/** Calls onEvent for each of the signed-in user's events; `sinceSeq` is the sequence the page was rendered at. */
export function useRealtime(onEvent: TListener, o: { url: string | null; sinceSeq: number }) {
  const ref = useRef(onEvent);
  useEffect(() => {
    ref.current = onEvent;
  });
  useEffect(() => {
    if (lastSeq === 0 || o.sinceSeq > lastSeq) lastSeq = Math.max(lastSeq, o.sinceSeq);
    const l: TListener = (e) => ref.current(e);
    listeners.add(l);
    connect(o.url).then(
      (s) => {
        if (s.connected) void catchUp();
      },
      () => undefined,
    );
    return () => {
      listeners.delete(l);
    };
  }, [o.url, o.sinceSeq]);
}
