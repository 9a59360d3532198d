'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { useRealtime } from '@/components/realtime/use-realtime';

type TInfo = { unread: number; url: string | null; sinceSeq: number };

/** Tells the bells of this tab about a count it learned first (the centre marked some read). */
export const UNREAD_EVENT = 'pathwise:unread';

function Live({ info, onUnread }: { info: TInfo; onUnread: (n: number) => void }) {
  useRealtime(
    (e) => {
      if (e.type === 'notifications.unread' && typeof e.payload.unread === 'number') onUnread(e.payload.unread);
    },
    { url: info.url, sinceSeq: info.sinceSeq },
  );
  return null;
}

/**
 * The header's bell: a link to /notifications with the unread count. The count is fetched after hydration
 * (no query on the server render of every page: docs/performance.md) and then kept live over Socket.IO by the
 * `notifications.unread` events every tab and device of the user receives.
 */
export function NotificationBell() {
  const [info, setInfo] = useState<TInfo | null>(null);
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch('/api/notifications/unread', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<TInfo>) : null))
      .then((i) => {
        if (cancelled || !i) return;
        setInfo(i);
        setUnread((u) => u ?? i.unread);
      })
      .catch(() => undefined);
    const local = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    window.addEventListener(UNREAD_EVENT, local);
    return () => {
      cancelled = true;
      window.removeEventListener(UNREAD_EVENT, local);
    };
  }, []);
  const n = unread ?? 0;
  const label = unread === null ? 'Notifications' : n === 0 ? 'Notifications, none unread' : `Notifications, ${n} unread`;
  return (
    <>
      {info ? <Live info={info} onUnread={setUnread} /> : null}
      <Link
        href="/notifications"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        className="relative inline-flex h-10 w-10 items-center justify-center rounded-xl text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span
          data-testid="unread-count"
          aria-hidden="true"
          className={cn(
            'absolute -right-0.5 -top-0.5 min-w-[1.25rem] rounded-full bg-red-600 px-1 text-center text-xs font-bold leading-5 text-white',
            n === 0 && 'hidden',
          )}
        >
          {n > 99 ? '99+' : n}
        </span>
      </Link>
    </>
  );
}
