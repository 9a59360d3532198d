'use client';

import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import type { Room } from './room';

// The room's client code (WebRTC, devices, chat, socket.io-client) loads only on this page, after hydration.
const LazyRoom = dynamic(() => import('./room').then((m) => m.Room), { ssr: false, loading: () => <RoomSkeleton /> });

export function RoomLoader(props: ComponentProps<typeof Room>) {
  return <LazyRoom {...props} />;
}

export function RoomSkeleton() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-6" aria-busy="true" aria-label="Loading the room">
      <div className="h-7 w-64 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="aspect-video animate-pulse rounded-2xl bg-slate-200 dark:bg-slate-800" />
        <div className="h-64 animate-pulse rounded-2xl bg-slate-200 dark:bg-slate-800" />
      </div>
    </div>
  );
}
