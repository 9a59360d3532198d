import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DecisionForm } from '@/components/admin/decision-form';
import { ProfileChangeReview } from '@/components/admin/profile-change-review';
import { VerificationForm } from '@/components/admin/verification-form';
import { VisibilityToggle } from '@/components/admin/visibility-toggle';
import { PendingChanges } from '@/components/experts/pending-changes';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { loadApplicationDetail } from '@/lib/admin/load-admin-pages';
import { getDb } from '@/lib/db';
import { LANGUAGES } from '@/lib/experts/application-schema';
import { allowedActions, STATUS_LABELS } from '@/lib/experts/application-status';
import { checklistGaps } from '@/lib/experts/verification-checklist';
import { formatMoney } from '@/lib/money/format-money';

export const metadata: Metadata = { title: 'Application' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(['admin'], `/admin/applications/${id}`);
  const a = await loadApplicationDetail(await getDb(), user, id);
  if (!a) notFound();
  const v = a.verification;
  return (
    <Container>
      <p className="mb-4 text-sm">
        <Link href="/admin" className="link">
          ← Admin panel
        </Link>
      </p>
      <PageHeader
        title={a.display_name}
        description={
          <>
            {a.headline} · {a.email}
          </>
        }
        actions={<Badge tone={a.status === 'approved' ? 'success' : 'brand'}>{STATUS_LABELS[a.status]}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {a.pending_change ? (
            <section className="card p-5" aria-labelledby="proposed">
              <h2 id="proposed" className="text-lg font-semibold">
                Proposed profile changes
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Proposed {dateTime.format(a.pending_change.updated_at)} UTC (version {a.pending_change.revision}). The live profile stays as
                it is until you accept.
              </p>
              <div className="mt-3">
                <PendingChanges changes={a.pending_change.changes} caption="Live profile and proposed changes" />
              </div>
              {a.pending_change.photo_document_id ? (
                <p className="mt-2 text-sm">
                  <a
                    className="link"
                    href={`/api/documents/${a.pending_change.photo_document_id}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    Open the proposed photo
                  </a>
                </p>
              ) : null}
              <div className="mt-4">
                <ProfileChangeReview expertId={a.id} revision={a.pending_change.revision} />
              </div>
            </section>
          ) : null}
          <section className="card p-5" aria-labelledby="profile">
            <h2 id="profile" className="text-lg font-semibold">
              Profile
            </h2>
            <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Specialties</dt>
                <dd>{a.specialties.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Tags</dt>
                <dd>{a.tags.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Languages</dt>
                <dd>{a.languages.map((l) => LANGUAGES[l] ?? l).join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Experience</dt>
                <dd>{a.years_experience} years</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Country, time zone</dt>
                <dd>
                  {a.country ?? '—'} · {a.timezone}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Terms accepted</dt>
                <dd>{a.terms_accepted_at ? dateTime.format(a.terms_accepted_at) : 'No'}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Prices</dt>
                <dd>{a.offerings.map((o) => `${o.duration_minutes} min ${formatMoney(o.price_minor, o.currency)}`).join(' · ') || '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Submitted</dt>
                <dd>{a.submitted_at ? dateTime.format(a.submitted_at) : '—'}</dd>
              </div>
            </dl>
            <p className="mt-4 whitespace-pre-line break-words text-sm">{a.bio}</p>
            {a.links.length ? (
              <ul className="mt-3 text-sm">
                {a.links.map((l) => (
                  <li key={l.url}>
                    <a className="link break-all" href={l.url} rel="noopener noreferrer nofollow" target="_blank">
                      {l.url}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
          <section className="card p-5" aria-labelledby="docs">
            <h2 id="docs" className="text-lg font-semibold">
              Documents
            </h2>
            {a.documents.length === 0 ? (
              <p className="mt-2 text-sm">No documents.</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {a.documents.map((d) => (
                  <li key={d.id}>
                    <a className="link break-all" href={`/api/documents/${d.id}`} target="_blank" rel="noopener noreferrer">
                      {d.filename}
                    </a>{' '}
                    <span className="text-slate-600 dark:text-slate-400">
                      ({d.kind}, {d.content_type}, {Math.max(1, Math.round(d.size_bytes / 1024))} KB)
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card p-5" aria-labelledby="decision">
            <h2 id="decision" className="text-lg font-semibold">
              Decision
            </h2>
            {a.status_reason ? <p className="mt-1 text-sm">Last message: {a.status_reason}</p> : null}
            <div className="mt-3">
              <DecisionForm expertId={a.id} actions={allowedActions(a.status, 'admin')} gaps={checklistGaps(v)} />
            </div>
          </section>
          <section aria-labelledby="history">
            <h2 id="history" className="text-lg font-semibold">
              History
            </h2>
            {a.audit.length === 0 ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No entries yet.</p> : null}
            <ol className="mt-2 space-y-2 text-sm">
              {a.audit.map((e) => (
                <li key={e.id} className="card p-3">
                  <span className="font-medium">{e.action}</span> by {e.actor_name ?? 'system'} · {dateTime.format(e.created_at)} UTC
                  {e.reason ? <span className="block text-slate-600 dark:text-slate-400">Why: {e.reason}</span> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="space-y-6">
          <section className="card p-5" aria-labelledby="checklist">
            <h2 id="checklist" className="text-lg font-semibold">
              Verification checklist
            </h2>
            <div className="mt-3">
              <VerificationForm
                expertId={a.id}
                initial={{
                  identityVerified: v.identity_verified,
                  credentialsVerified: v.credentials_verified,
                  backgroundStatus: v.background_status,
                  backgroundNote: v.background_note ?? '',
                }}
              />
            </div>
          </section>
          <section className="card p-5" aria-labelledby="visibility">
            <h2 id="visibility" className="text-lg font-semibold">
              Directory visibility
            </h2>
            <p className="mt-1 text-sm">{a.hidden ? 'Hidden from the directory.' : 'Visible when approved.'}</p>
            <div className="mt-3">
              <VisibilityToggle expertId={a.id} hidden={a.hidden} />
            </div>
          </section>
        </aside>
      </div>
    </Container>
  );
}
