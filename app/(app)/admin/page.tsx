import type { Metadata } from 'next';
import Link from 'next/link';
import { OutboxRetry } from '@/components/admin/outbox-retry';
import { TaxonomyEditor } from '@/components/admin/taxonomy-editor';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { loadAdminHome } from '@/lib/admin/load-admin-pages';
import { requireRole } from '@/lib/auth/current-user';
import { env, resolveProviders } from '@/lib/config';
import { getDb } from '@/lib/db';
import { ZQueueFilter, type TQueueFilter } from '@/lib/experts/admin-applications';
import { STATUS_LABELS, EXPERT_STATUSES } from '@/lib/experts/application-status';

export const metadata: Metadata = { title: 'Admin' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(['admin'], '/admin');
  const sp = await searchParams;
  const parsedFilter = ZQueueFilter.safeParse({
    status: typeof sp.status === 'string' && sp.status ? sp.status : undefined,
    q: typeof sp.q === 'string' ? sp.q : undefined,
  });
  const filter: TQueueFilter = parsedFilter.success ? parsedFilter.data : { status: 'submitted' };
  const db = await getDb();
  const { overview, outbox, queue, audit, specialties, changes } = await loadAdminHome(db, user, filter);
  const providers = resolveProviders(env());
  const stats = [
    ['Learners', overview.usersByRole.learner],
    ['Experts', overview.usersByRole.expert],
    ['Listed experts', overview.approvedExperts],
    ['Applications waiting', overview.pending.length],
  ] as const;

  return (
    <Container>
      <PageHeader title="Admin panel" description="Expert applications, accounts and outgoing messages. Times in UTC." />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map(([label, value]) => (
          <div key={label} className="card p-4">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="mt-1 text-2xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="queue" className="mt-10">
        <h2 id="queue" className="text-lg font-semibold">
          Applications waiting for review
        </h2>
        <form method="get" action="/admin" className="mt-3 flex flex-wrap items-end gap-2" aria-label="Filter applications">
          <div>
            <label htmlFor="queue-status" className="block text-sm font-medium">
              Status
            </label>
            <select
              id="queue-status"
              name="status"
              defaultValue={filter.status}
              className="rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
            >
              <option value="all">All</option>
              {EXPERT_STATUSES.map((st) => (
                <option key={st} value={st}>
                  {STATUS_LABELS[st]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="queue-q" className="block text-sm font-medium">
              Name or headline
            </label>
            <input
              id="queue-q"
              name="q"
              defaultValue={filter.q ?? ''}
              className="rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
            />
          </div>
          <button type="submit" className="rounded-xl border border-slate-300 px-4 py-2 text-sm font-semibold dark:border-slate-700">
            Filter
          </button>
        </form>
        {queue.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Nothing waiting.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {queue.map((p) => (
              <li key={p.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <Link href={`/admin/applications/${p.id}`} className="link">
                    {p.display_name}
                  </Link>
                  <p className="text-sm text-slate-600 dark:text-slate-400">{p.headline}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={p.status === 'submitted' ? 'brand' : 'neutral'}>{STATUS_LABELS[p.status]}</Badge>
                  {p.hidden ? <Badge tone="warning">Hidden</Badge> : null}
                  <span className="text-slate-600 dark:text-slate-400">{p.documents} documents</span>
                  <span className="text-slate-600 dark:text-slate-400">
                    {p.submitted_at ? `since ${dateTime.format(p.submitted_at)}` : null}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="profile-changes" className="mt-10">
        <h2 id="profile-changes" className="text-lg font-semibold">
          Profile changes waiting for review
        </h2>
        {changes.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Nothing waiting.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {changes.map((c) => (
              <li key={c.expert_id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <Link href={`/admin/applications/${c.expert_id}`} className="link">
                  {c.display_name}
                </Link>
                <span className="text-sm text-slate-600 dark:text-slate-400">proposed {dateTime.format(c.updated_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="mt-10 grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="recent" className="min-w-0">
          <h2 id="recent" className="text-lg font-semibold">
            Newest accounts
          </h2>
          <ScrollRegion
            label="Newest accounts"
            className="mt-3 rounded-2xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          >
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Role
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Joined
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {overview.recentUsers.map((u) => (
                  <tr key={u.id}>
                    <td className="px-4 py-2">
                      <span className="block font-medium">{u.name}</span>
                      <span className="block text-slate-600 dark:text-slate-400">{u.email}</span>
                    </td>
                    <td className="px-4 py-2 capitalize">{u.role}</td>
                    <td className="whitespace-nowrap px-4 py-2">{dateTime.format(u.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>

        <section aria-labelledby="outbox" className="min-w-0">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="outbox" className="text-lg font-semibold">
              Outbox
            </h2>
            <Badge tone={providers.email === 'outbox' ? 'warning' : 'success'}>
              {providers.email === 'outbox' ? 'Dev outbox: nothing is sent' : 'Email via SendGrid'}
            </Badge>
          </div>
          {outbox.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No messages yet.</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {outbox.map((m) => (
                <li key={m.id} className="card p-4">
                  <details>
                    <summary className="cursor-pointer text-sm">
                      <span className="font-medium">{m.subject ?? m.template}</span>
                      <span className="block text-slate-600 dark:text-slate-400">
                        {m.channel} to {m.recipient} · {dateTime.format(m.created_at)} ·{' '}
                        {m.status === 'failed' || m.status === 'unknown' ? (
                          <Badge tone="warning">{m.status === 'unknown' ? 'unknown: may not have been sent' : 'failed'}</Badge>
                        ) : (
                          m.status
                        )}
                      </span>
                    </summary>
                    {m.last_error ? (
                      <p className="mt-2 break-words text-xs text-red-700 dark:text-red-400">
                        After {m.attempts} attempt{m.attempts === 1 ? '' : 's'}: {m.last_error}
                      </p>
                    ) : null}
                    <pre
                      className="mt-3 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 text-xs dark:bg-slate-950"
                      data-testid="outbox-body"
                    >
                      {m.body}
                    </pre>
                  </details>
                  {(m.status === 'failed' || m.status === 'unknown') && m.provider !== 'outbox' ? <OutboxRetry messageId={m.id} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div className="mt-10 grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="audit" className="min-w-0">
          <h2 id="audit" className="text-lg font-semibold">
            Audit log
          </h2>
          {audit.length === 0 ? <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No decisions yet.</p> : null}
          <ul className="mt-3 space-y-2 text-sm">
            {audit.map((a) => (
              <li key={a.id} className="card p-3">
                <span className="font-medium">{a.action}</span> by {a.actor_name ?? 'system'} · {dateTime.format(a.created_at)}
                {a.reason ? <span className="block text-slate-600 dark:text-slate-400">Why: {a.reason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="taxonomy" className="min-w-0">
          <h2 id="taxonomy" className="text-lg font-semibold">
            Specialty taxonomy
          </h2>
          <div className="mt-3">
            <TaxonomyEditor specialties={specialties} />
          </div>
        </section>
      </div>
    </Container>
  );
}
