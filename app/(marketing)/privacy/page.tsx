import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Privacy' };

const STORED = [
  ['Your account', 'Name, email, a one-way hash of your password, your role and time zone.', 'To sign you in and show times in your zone.'],
  [
    'Sign-ins',
    'When each session started and ends, the IP address and browser it came from.',
    'To keep your account safe and let you sign out everywhere.',
  ],
  [
    'Learning',
    'Your goals, the curricula made from them, lesson status, notes, time logged and quiz scores.',
    'To plan and track your learning.',
  ],
  [
    'Expert profile',
    'Your public profile, prices, weekly hours, documents you upload, and the checks we made.',
    'To list you, let learners book you, and verify who you are.',
  ],
  [
    'Sessions',
    'Who met whom and when, the brief, price and payment status, cancellations and no-show reports.',
    'To run the session, settle payments and handle disputes.',
  ],
  ['Reviews', 'Reviews you write and receive.', 'To help learners choose experts.'],
  ['Messages', 'In-app notifications and the emails and texts we send you.', 'To tell you about your sessions and your account.'],
  [
    'Consents',
    'Each time you agree to or decline something, with the version and the date.',
    'To prove what you agreed to and respect what you declined.',
  ],
  [
    'Audit entries',
    'Decisions about your account or profile (approvals, sanctions, deletion).',
    'To keep the marketplace fair and accountable.',
  ],
] as const;

export default async function PrivacyPage({ searchParams }: { searchParams: Promise<{ account?: string }> }) {
  const { account } = await searchParams;
  return (
    <Container>
      {account === 'deleted' ? (
        <div className="mb-6">
          <Alert tone="success" title="Your account has been deleted">
            You have been signed out on every device. Your email address can be used for a new account.
          </Alert>
        </div>
      ) : null}
      <PageHeader
        title="Privacy"
        description="What Pathwise keeps about you, why, for how long, and how to take it with you or remove it."
      />
      <div className="max-w-3xl space-y-10 text-slate-800 dark:text-slate-200">
        <section aria-labelledby="what-heading" className="space-y-3">
          <h2 id="what-heading" className="text-xl font-semibold">
            What we keep and why
          </h2>
          <dl className="divide-y divide-slate-200 rounded-2xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {STORED.map(([name, what, why]) => (
              <div key={name} className="grid gap-1 p-4 sm:grid-cols-3 sm:gap-4">
                <dt className="font-medium">{name}</dt>
                <dd className="sm:col-span-2">
                  {what} <span className="text-slate-600 dark:text-slate-400">{why}</span>
                </dd>
              </div>
            ))}
          </dl>
          <p>
            We do not sell your data and we do not show ads. Payments, email and text messages go through the providers named on the status
            line at the bottom of every page, only for what you asked us to do.
          </p>
        </section>

        <section aria-labelledby="keep-heading" className="space-y-3">
          <h2 id="keep-heading" className="text-xl font-semibold">
            How long we keep it
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            <li>As long as you have an account, so it keeps working.</li>
            <li>Sign-ins end when they expire or when you sign out; a password reset signs you out everywhere.</li>
            <li>When you delete your account, your personal data is removed at once.</li>
            <li>
              Records others rely on stay, with you shown as “Deleted user”: past sessions and their payments (the law asks us to keep
              financial records), reviews, consents you gave, and audit entries.
            </li>
          </ul>
        </section>

        <section aria-labelledby="rights-heading" className="space-y-3">
          <h2 id="rights-heading" className="text-xl font-semibold">
            Take it with you, or remove it
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong>Download my data</strong> in{' '}
              <Link href="/settings" className="font-medium text-brand-700 underline dark:text-brand-300">
                Settings
              </Link>{' '}
              gives you one JSON file with everything above. It never contains your password, sign-in tokens or other people’s private
              notes.
            </li>
            <li>
              <strong>Consents</strong> in Settings: turn product emails and SMS reminders on or off at any time; every change is kept with
              its date.
            </li>
            <li>
              <strong>Delete my account</strong> in Settings, after confirming your password. Upcoming sessions are cancelled under the
              cancellation policy (an expert’s cancellation is refunded in full), and you are signed out everywhere.
            </li>
          </ul>
        </section>
      </div>
    </Container>
  );
}
