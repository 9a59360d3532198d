'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { sendJson } from '@/components/auth/api-client';
import { useRealtime } from '@/components/realtime/use-realtime';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { UNREAD_EVENT } from './notification-bell';

export type TNotificationView = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
};

const fmt = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** The centre's list: mark one or all read; new notifications (or reads in another tab) refresh it live. */
export function NotificationCentre({
  items,
  unread,
  page,
  hasMore,
  realtime,
}: {
  items: TNotificationView[];
  unread: number;
  page: number;
  hasMore: boolean;
  realtime: { url: string | null; sinceSeq: number };
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);
  useRealtime((e) => {
    if (e.type === 'notifications.unread') startTransition(() => router.refresh());
  }, realtime);

  async function mark(body: { all: true } | { ids: string[] }) {
    setBusy(true);
    setError(null);
    const res = await sendJson<{ unread: number }>('POST', '/api/notifications/read', body);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    window.dispatchEvent(new CustomEvent(UNREAD_EVENT, { detail: res.data.unread }));
    startTransition(() => router.refresh());
  }

  return (
    <div className="max-w-3xl space-y-4" aria-busy={pending || busy}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="centre-unread" aria-live="polite">
          {unread === 0 ? 'All caught up.' : `${unread} unread`}
        </p>
        <Button variant="secondary" onClick={() => mark({ all: true })} disabled={busy || unread === 0} data-testid="mark-all-read">
          Mark all read
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {items.length === 0 ? (
        <EmptyState title={page > 1 ? 'No older notifications' : 'No notifications yet'}>
          Bookings, reminders, payments, reviews and curricula you generate will show here.
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-2xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          data-testid="notification-list"
        >
          {items.map((n) => (
            <li
              key={n.id}
              className={cn(
                'flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between',
                !n.read && 'bg-brand-50/60 dark:bg-brand-950/40',
              )}
              data-testid="notification-item"
              data-read={n.read ? 'true' : 'false'}
            >
              <div className="min-w-0">
                <p className="font-semibold">
                  {!n.read ? <span className="sr-only">Unread: </span> : null}
                  {!n.read ? (
                    <span aria-hidden="true" className="mr-2 inline-block h-2 w-2 rounded-full bg-brand-600 align-middle" />
                  ) : null}
                  {n.link ? (
                    <Link href={n.link} className="underline-offset-2 hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700 dark:text-slate-300">{n.body}</p>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  <time dateTime={n.createdAt} suppressHydrationWarning>
                    {fmt(n.createdAt)}
                  </time>
                </p>
              </div>
              {!n.read ? (
                <Button
                  variant="ghost"
                  className="shrink-0 self-start"
                  onClick={() => mark({ ids: [n.id] })}
                  disabled={busy}
                  aria-label={`Mark “${n.title}” read`}
                >
                  Mark read
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Notification pages" className="flex justify-between">
        {page > 1 ? (
          <Link href={page === 2 ? '/notifications' : `/notifications?page=${page - 1}`} className={buttonClasses('ghost')}>
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {hasMore ? (
          <Link href={`/notifications?page=${page + 1}`} className={buttonClasses('ghost')}>
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
