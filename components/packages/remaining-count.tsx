import type { TPurchaseView } from '@/lib/packages/schemas';

/** "3 of 5 sessions left", with the refunded ones said separately. */
export function RemainingCount({ p }: { p: Pick<TPurchaseView, 'remaining' | 'sessionCount' | 'refunded' | 'status'> }) {
  return (
    <span className="tabular-nums" data-testid="package-remaining">
      {p.status === 'pending' ? (
        'Not paid yet'
      ) : (
        <>
          <strong>{p.remaining}</strong> of {p.sessionCount} sessions left
          {p.refunded ? ` · ${p.refunded} refunded` : ''}
        </>
      )}
    </span>
  );
}
