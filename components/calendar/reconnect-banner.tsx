import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';

/** The dashboard's "Reconnect" banner: one line per calendar whose access expired or was revoked. */
export function ReconnectBanner({ items }: { items: { id: string; provider: string; label: string; accountEmail: string | null }[] }) {
  if (!items.length) return null;
  return (
    <Alert tone="warning" title={items.length === 1 ? 'A calendar needs reconnecting' : 'Calendars need reconnecting'}>
      <ul className="space-y-2">
        {items.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-3">
            <span>
              {i.label} ({i.accountEmail ?? 'account'}) no longer lets Pathwise read it: its busy times do not block your slots and new
              sessions are not added to it.
            </span>
            <a href={`/api/calendar/${i.provider}/start`} className={buttonClasses('primary')}>
              Reconnect {i.label}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-2">
        <Link href="/availability#calendars" className="link">
          Manage calendars
        </Link>
      </p>
    </Alert>
  );
}
