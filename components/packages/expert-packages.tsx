'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { sendJson, type TApiError } from '@/components/auth/api-client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { formatMoney } from '@/lib/money/format-money';
import type { TPackageView, TPurchaseView } from '@/lib/packages/schemas';
import { packagePriceMinor, perSessionSaving } from '@/lib/packages/pricing';
import { RemainingCount } from './remaining-count';

type TOffering = { lengthMinutes: number; priceMinor: number; currency: string };
type TDraft = { title: string; sessionCount: string; lengthMinutes: string; discountPercent: string; refundWindowDays: string };

const EMPTY = (o: TOffering | undefined): TDraft => ({
  title: '',
  sessionCount: '5',
  lengthMinutes: String(o?.lengthMinutes ?? ''),
  discountPercent: '10',
  refundWindowDays: '180',
});

/** The expert's packages on the dashboard: create, edit, retire, and who bought what (with the sessions left). */
export function ExpertPackages({
  packages,
  offerings,
  sales,
}: {
  packages: TPackageView[];
  offerings: TOffering[];
  sales: TPurchaseView[];
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [draft, setDraft] = useState<TDraft>(EMPTY(offerings[0]));
  const [error, setError] = useState<TApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const active = packages.filter((p) => p.status === 'active');
  const retired = packages.filter((p) => p.status === 'retired');

  const offering = offerings.find((o) => String(o.lengthMinutes) === draft.lengthMinutes);
  const count = Number(draft.sessionCount);
  const discount = Number(draft.discountPercent);
  const preview =
    offering && Number.isInteger(count) && count >= 2 && count <= 50 && Number.isInteger(discount) && discount >= 0 && discount <= 90
      ? packagePriceMinor(offering.priceMinor, count, discount * 100)
      : null;

  function open(p: TPackageView | null) {
    setError(null);
    setEditing(p ? p.id : 'new');
    setDraft(
      p
        ? {
            title: p.title,
            sessionCount: String(p.sessionCount),
            lengthMinutes: String(p.lengthMinutes),
            discountPercent: String(p.discountPercent),
            refundWindowDays: String(p.refundWindowDays),
          }
        : EMPTY(offerings[0]),
    );
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      title: draft.title,
      sessionCount: Number(draft.sessionCount),
      lengthMinutes: Number(draft.lengthMinutes),
      discountPercent: Number(draft.discountPercent),
      refundWindowDays: Number(draft.refundWindowDays),
    };
    const res =
      editing === 'new'
        ? await sendJson('POST', '/api/expert/packages', body)
        : await sendJson('PATCH', `/api/expert/packages/${editing}`, { action: 'edit', package: body });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setEditing(null);
    router.refresh();
  }

  async function retire(p: TPackageView) {
    if (!window.confirm(`Retire “${p.title}”? Learners who bought it keep their sessions.`)) return;
    setBusy(true);
    const res = await sendJson('PATCH', `/api/expert/packages/${p.id}`, { action: 'retire' });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }

  const fieldError = (k: string) => error?.fields?.[k] ?? error?.fields?.[`package.${k}`];

  return (
    <section className="card p-5 sm:p-6" aria-labelledby="packages-heading" data-testid="expert-packages">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="packages-heading" className="text-lg font-semibold">
          Session packages
        </h2>
        {editing === null ? (
          <Button type="button" variant="secondary" onClick={() => open(null)} disabled={offerings.length === 0}>
            New package
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Sell several sessions of one length at a discount. Learners pay once and book the sessions later; you are paid for each session
        after it is completed.
      </p>

      {editing !== null ? (
        <form
          onSubmit={(e) => void save(e)}
          className="mt-4 space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
          aria-labelledby={`${formId}-h`}
          noValidate
        >
          <h3 id={`${formId}-h`} className="font-semibold">
            {editing === 'new' ? 'New package' : 'Edit package'}
          </h3>
          <Field
            label="Name"
            name="pkg-title"
            value={draft.title}
            maxLength={120}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            error={fieldError('title')}
            placeholder="e.g. Five focused hours"
            required
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1.5">
              <label htmlFor={`${formId}-length`} className="block text-sm font-medium">
                Session length
              </label>
              <select
                id={`${formId}-length`}
                value={draft.lengthMinutes}
                onChange={(e) => setDraft({ ...draft, lengthMinutes: e.target.value })}
                className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2.5 text-base dark:border-slate-700 dark:bg-slate-950"
              >
                {offerings.map((o) => (
                  <option key={o.lengthMinutes} value={o.lengthMinutes}>
                    {o.lengthMinutes} min · {formatMoney(o.priceMinor, o.currency)} each
                  </option>
                ))}
              </select>
              {fieldError('lengthMinutes') ? (
                <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
                  {fieldError('lengthMinutes')}
                </p>
              ) : null}
            </div>
            <Field
              label="Number of sessions"
              name="pkg-count"
              type="number"
              inputMode="numeric"
              min={2}
              max={50}
              value={draft.sessionCount}
              onChange={(e) => setDraft({ ...draft, sessionCount: e.target.value })}
              error={fieldError('sessionCount')}
            />
            <Field
              label="Discount (%)"
              name="pkg-discount"
              type="number"
              inputMode="numeric"
              min={0}
              max={90}
              value={draft.discountPercent}
              onChange={(e) => setDraft({ ...draft, discountPercent: e.target.value })}
              error={fieldError('discountPercent')}
            />
            <Field
              label="Refund window (days)"
              name="pkg-refund"
              type="number"
              inputMode="numeric"
              min={1}
              max={730}
              value={draft.refundWindowDays}
              onChange={(e) => setDraft({ ...draft, refundWindowDays: e.target.value })}
              error={fieldError('refundWindowDays')}
              hint="Unused sessions are refundable pro rata for this many days after purchase."
            />
          </div>
          <p className="text-sm" aria-live="polite" data-testid="package-price-preview">
            {preview !== null && offering
              ? `Learners pay ${formatMoney(preview, offering.currency)} for ${count} sessions (saving ${formatMoney(
                  perSessionSaving(offering.priceMinor, count, preview).savingPerSessionMinor,
                  offering.currency,
                )} per session).`
              : 'Pick a length, 2–50 sessions and a discount of 0–90 %.'}
          </p>
          {error ? (
            <p
              role="alert"
              className="rounded-xl border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
            >
              {error.message}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? 'Saving…' : editing === 'new' ? 'Create package' : 'Save changes'}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(null)} disabled={busy}>
              Cancel
            </Button>
          </div>
          {editing !== 'new' ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Changes apply to later purchases; what learners bought stays as it was.
            </p>
          ) : null}
        </form>
      ) : null}

      {offerings.length === 0 ? <p className="mt-3 text-sm">Add a session length with a price to your profile first.</p> : null}
      {active.length === 0 && editing === null ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No packages on sale yet.</p>
      ) : null}
      <ul className="mt-4 space-y-3">
        {active.map((p) => (
          <li
            key={p.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 p-3 dark:border-slate-800"
          >
            <div className="min-w-0">
              <p className="font-medium">{p.title}</p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {p.sessionCount} × {p.lengthMinutes} min · {formatMoney(p.priceMinor, p.currency)} ({p.discountPercent}% off) · {p.sold}{' '}
                sold
              </p>
            </div>
            <div className="flex gap-2">
              <Button type="button" variant="secondary" onClick={() => open(p)} disabled={busy} aria-label={`Edit ${p.title}`}>
                Edit
              </Button>
              <Button type="button" variant="ghost" onClick={() => void retire(p)} disabled={busy} aria-label={`Retire ${p.title}`}>
                Retire
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {retired.length ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer">Retired ({retired.length})</summary>
          <ul className="mt-2 space-y-1">
            {retired.map((p) => (
              <li key={p.id}>
                {p.title} <Badge>retired</Badge> · {p.sold} sold
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <h3 className="mt-6 font-semibold" id="package-sales">
        Learners with packages
      </h3>
      {sales.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Nobody has bought a package yet.</p>
      ) : (
        <ul className="mt-2 space-y-2" aria-labelledby="package-sales" data-testid="package-sales">
          {sales.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span>
                <span className="font-medium">{s.learner?.name ?? 'A former learner'}</span> · {s.title}
              </span>
              <RemainingCount p={s} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
