import type { Metadata } from 'next';
import Link from 'next/link';
import { IcsFeedCard } from '@/components/calendar/ics-feed-card';
import { ConsentList, type TConsentView } from '@/components/privacy/consent-list';
import { NotificationSettings } from '@/components/notifications/notification-settings';
import { DangerZone } from '@/components/privacy/danger-zone';
import { env, resolveProviders } from '@/lib/config';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { getViewerLocale } from '@/lib/format/viewer-locale';
import { loadSettingsPage } from '@/lib/privacy/consents';
import { feedStatus } from '@/lib/calendar/ics-feed';

export const metadata: Metadata = { title: 'Settings' };

const SOURCE = { 'sign-up': 'at sign-up', settings: 'in settings' } as const;

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const db = await getDb();
  const locale = await getViewerLocale();
  // One transaction for both reads (issue #15: one query round per request).
  const { timeZone, ...consents } = await loadSettingsPage(db, user);
  const feed = await feedStatus(db, user.id);
  // Dates in the viewer's language and the account's time zone, said with the zone so nothing is ambiguous
  // (dateStyle cannot be combined with timeZoneName, hence the fields).
  const when = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  const label = (iso: string | null) => (iso ? when.format(new Date(iso)) : null);
  const current: TConsentView[] = consents.current.map((c) => ({ ...c, recordedLabel: label(c.recordedAt) }));
  const names = Object.fromEntries(consents.current.map((c) => [c.kind, c.label]));

  return (
    <Container>
      <PageHeader title="Settings" description={`Signed in as ${user.email}.`} />
      <div className="max-w-3xl space-y-10">
        <section aria-labelledby="data-heading" className="space-y-4">
          <h2 id="data-heading" className="text-xl font-semibold">
            Your data
          </h2>
          <p className="text-slate-700 dark:text-slate-300">
            Everything Pathwise keeps about you, in one JSON file: your account, sign-ins, curricula and progress, sessions, reviews,
            messages, consents and the audit entries about you.{' '}
            <Link href="/privacy" className="font-medium text-brand-700 underline dark:text-brand-300">
              How we use it
            </Link>
            .
          </p>
          <a href="/api/account/export" download className={buttonClasses('secondary')} data-testid="download-data">
            Download my data
          </a>
        </section>

        <section aria-labelledby="notifications-heading" className="space-y-4">
          <h2 id="notifications-heading" className="text-xl font-semibold">
            Notifications
          </h2>
          <NotificationSettings smsSimulated={resolveProviders(env()).sms === 'outbox'} />
        </section>

        <section aria-labelledby="calendar-feed-heading" id="calendar-feed" className="scroll-mt-24 space-y-4">
          <h2 id="calendar-feed-heading" className="text-xl font-semibold">
            Calendar feed
          </h2>
          <IcsFeedCard initial={{ active: feed.active, createdLabel: label(feed.createdAt), lastUsedLabel: label(feed.lastUsedAt) }} />
        </section>

        <section aria-labelledby="consents-heading" className="space-y-4">
          <h2 id="consents-heading" className="text-xl font-semibold">
            Consents
          </h2>
          <ConsentList consents={current} />
          <details className="rounded-2xl border border-slate-200 p-4 dark:border-slate-800">
            <summary className="cursor-pointer font-medium">History ({consents.history.length})</summary>
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Every consent answer, newest first</caption>
              <thead>
                <tr className="text-slate-600 dark:text-slate-400">
                  <th scope="col" className="py-1 pr-3 font-medium">
                    When
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Consent
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Answer
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Version
                  </th>
                </tr>
              </thead>
              <tbody data-testid="consent-history">
                {consents.history.map((h, i) => (
                  <tr key={i} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-1.5 pr-3">
                      <time dateTime={h.recordedAt}>{label(h.recordedAt)}</time>
                    </td>
                    <td className="py-1.5 pr-3">{names[h.kind] ?? h.kind}</td>
                    <td className="py-1.5 pr-3">
                      {h.granted ? 'Agreed' : 'Declined'} {SOURCE[h.source as keyof typeof SOURCE] ?? ''}
                    </td>
                    <td className="py-1.5">{h.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>

        <DangerZone canDelete={user.role !== 'admin'} />
      </div>
    </Container>
  );
}
